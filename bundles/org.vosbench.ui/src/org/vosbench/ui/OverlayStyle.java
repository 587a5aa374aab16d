package org.vosbench.ui;

import java.util.Map;
import java.util.Set;

import org.vosbench.core.Palette;

/**
 * How to draw an overlay: mode, opacity, palette (DAVIS by default), per-object colour overrides
 * (recoloured objects) and hidden objects. Immutable; the {@code with...} methods return copies.
 *
 * @param mode filled, contour or off
 * @param opacity 0..1, used by {@link OverlayMode#FILLED}
 * @param palette colours by label; index 255 is the void colour
 * @param colorOverrides label → 0xRRGGBB replacing the palette colour
 * @param hidden labels not drawn
 */
public record OverlayStyle(OverlayMode mode, double opacity, Palette palette, Map<Integer, Integer> colorOverrides,
        Set<Integer> hidden) {

    /** Default opacity of filled overlays, as the field's annotation GUIs use. */
    public static final double DEFAULT_OPACITY = 0.5;

    public OverlayStyle {
        if (opacity < 0 || opacity > 1) {
            throw new IllegalArgumentException("Opacity must be within 0..1: " + opacity);
        }
        colorOverrides = Map.copyOf(colorOverrides);
        hidden = Set.copyOf(hidden);
    }

    /** Filled overlay, default opacity, DAVIS palette, nothing hidden. */
    public static OverlayStyle defaults() {
        return new OverlayStyle(OverlayMode.FILLED, DEFAULT_OPACITY, Palette.davis(), Map.of(), Set.of());
    }

    public OverlayStyle withMode(OverlayMode newMode) {
        return new OverlayStyle(newMode, opacity, palette, colorOverrides, hidden);
    }

    public OverlayStyle withOpacity(double newOpacity) {
        return new OverlayStyle(mode, newOpacity, palette, colorOverrides, hidden);
    }

    public OverlayStyle withColors(Map<Integer, Integer> newOverrides) {
        return new OverlayStyle(mode, opacity, palette, newOverrides, hidden);
    }

    public OverlayStyle withHidden(Set<Integer> newHidden) {
        return new OverlayStyle(mode, opacity, palette, colorOverrides, newHidden);
    }

    /** The colour an object is drawn in, 0xRRGGBB. */
    public int colorOf(int label) {
        Integer override = colorOverrides.get(label);
        return override != null ? override : palette.rgb(label);
    }
}
