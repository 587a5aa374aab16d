package org.vosbench.ui;

/** How label masks are drawn over a frame. */
public enum OverlayMode {
    /** Each object's pixels tinted with its colour at the style's opacity, outlined in full colour. */
    FILLED,
    /** Only the pixels on an object's border, fully opaque. */
    CONTOUR,
    /** The frame alone. */
    OFF
}
