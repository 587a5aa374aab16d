package org.vosbench.eval;

import java.util.List;

/**
 * The scores of one sequence.
 *
 * @param name the sequence name
 * @param frames names of the evaluated frames (ground-truth file names without extension),
 *        index-aligned with each object's per-frame arrays
 * @param objects one entry per ground-truth object, ids 1..K
 */
public record SequenceResult(String name, List<String> frames, List<ObjectResult> objects) {

    public SequenceResult {
        frames = List.copyOf(frames);
        objects = List.copyOf(objects);
    }
}
