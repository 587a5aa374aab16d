package org.vosbench.ui;

import org.eclipse.swt.graphics.GC;

/**
 * An editing tool attached to a {@link FrameCanvas}. Receives left-button mouse events in image
 * coordinates (fractional; floor them for pixels) and may paint feedback (brush outline, polygon in
 * progress) over the frame. Middle- and right-button drags always pan and never reach the tool.
 */
public interface CanvasTool {

    default void mouseDown(double x, double y, int stateMask) {
    }

    default void mouseDrag(double x, double y, int stateMask) {
    }

    default void mouseUp(double x, double y, int stateMask) {
    }

    /** Pointer moved with no button held, e.g. to move the brush outline. */
    default void mouseHover(double x, double y) {
    }

    /** Pointer left the canvas: drop hover feedback such as the brush outline. */
    default void mouseExit() {
    }

    default void mouseDoubleClick(double x, double y) {
    }

    /**
     * Whether right-button presses come to this tool (with {@code SWT.BUTTON3} in the state mask), as
     * negative clicks do in interactive segmentation (Cutie, SAM 2), instead of panning. The middle
     * button always pans.
     */
    default boolean takesRightButton() {
        return false;
    }

    /** Paint feedback in canvas coordinates using {@code view}. */
    default void paintFeedback(GC gc, ViewTransform view) {
    }
}
