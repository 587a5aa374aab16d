package org.vosbench.ui.editor;

/** Which way to propagate from the current frame. */
public enum PropagationDirection {
    FORWARD, BACKWARD, BOTH;

    public boolean forward() {
        return this != BACKWARD;
    }

    public boolean backward() {
        return this != FORWARD;
    }
}
