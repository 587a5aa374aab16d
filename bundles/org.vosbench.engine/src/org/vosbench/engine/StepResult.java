package org.vosbench.engine;

import java.util.List;

import org.vosbench.core.LabelMask;

/**
 * The outcome of one step.
 *
 * @param frameIndex the frame
 * @param labels per pixel the id of the most probable object (0 background); exact ties go to
 *        the lowest channel, as torch's argmax
 * @param probabilities {@code [K+1, H, W]}: background, then the objects in {@code objectIds} order
 * @param objectIds the object ids of channels 1..K, in order of appearance
 * @param memorized whether the frame entered memory (permanently or temporarily)
 */
public record StepResult(int frameIndex, LabelMask labels, ProbabilityMap probabilities, List<Integer> objectIds,
        MemoryPolicy.Decision memorized) {
}
