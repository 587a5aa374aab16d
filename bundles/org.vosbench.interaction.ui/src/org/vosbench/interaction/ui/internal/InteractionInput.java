package org.vosbench.interaction.ui.internal;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.eclipse.core.runtime.jobs.Job;
import org.vosbench.core.LabelMask;
import org.vosbench.interaction.Box;
import org.vosbench.interaction.Click;

/**
 * What the person has given so far for one object on one frame, shared by the click, box and
 * scribble tools (a box then clicks refine it, as in SAM 2). It starts over when the frame, the
 * object or the frame's mask changes by anything but the last interaction (an undo, a brush stroke).
 */
final class InteractionInput {

    int frame = -1;
    int object;
    final List<Click> clicks = new ArrayList<>();
    Box box;
    /** MiVOS's scribble codes (255 none, 0 background, k object k), or null before the first stroke. */
    LabelMask scribbles;
    /** The frame's mask right after the last interaction wrote it. */
    LabelMask written;
    /** Counts the interactions started; only the newest one's result is applied (UI thread only). */
    long generation;
    /** The newest interaction's Job until its result is applied, or null. */
    Job job;
    /** One interaction Job at a time per editor: a model session is not used by two threads. */
    final ISchedulingRule rule = new ISchedulingRule() {
        @Override
        public boolean contains(ISchedulingRule other) {
            return other == this;
        }

        @Override
        public boolean isConflicting(ISchedulingRule other) {
            return other == this;
        }
    };

    /** Starts over when the target or the mask changed since the last interaction. */
    void follow(int frameNow, int objectNow, LabelMask maskNow) {
        boolean same = frameNow == frame && objectNow == object && written != null && written.equals(maskNow);
        if (!same) {
            frame = frameNow;
            object = objectNow;
            clicks.clear();
            box = null;
            scribbles = null;
            written = null;
        }
    }
}
