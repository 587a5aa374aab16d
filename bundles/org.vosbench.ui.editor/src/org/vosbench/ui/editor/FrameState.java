package org.vosbench.ui.editor;

/** Where a frame's mask came from; drawn as marks on the timeline. */
public enum FrameState {
    /** No mask yet. */
    NONE,
    /** Drawn or given by a person (the dataset's input masks count as such). */
    ANNOTATED,
    /** Written by propagation. */
    PROPAGATED,
    /** Propagated, then corrected by a person: never overwritten by a later propagation. */
    EDITED;

    /** Frames a person made: inputs to propagation, which never overwrites them (MiVOS rounds). */
    public boolean isPersonMade() {
        return this == ANNOTATED || this == EDITED;
    }

    /** The state after a person edits a frame in this state. */
    public FrameState afterPersonEdit() {
        return this == PROPAGATED || this == EDITED ? EDITED : ANNOTATED;
    }
}
