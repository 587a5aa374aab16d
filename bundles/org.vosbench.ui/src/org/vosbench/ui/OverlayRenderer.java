package org.vosbench.ui;

import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.vosbench.core.LabelMask;
import org.vosbench.core.RgbImage;

/**
 * Composes a frame and its label mask into one 24-bit {@link ImageData}. Pure pixel arithmetic: needs
 * no Display, so it is tested and benchmarked headless. Background (0) is never tinted; void (255) is
 * drawn in the palette's void colour like an object.
 */
public final class OverlayRenderer {

    /** Byte order of the direct palette used for every composed image: R, G, B. */
    public static final PaletteData RGB = new PaletteData(0xFF0000, 0x00FF00, 0x0000FF);

    private OverlayRenderer() {
    }

    /** Frame with the mask drawn over it in the given style; {@code mask} may be null (frame only). */
    public static ImageData compose(RgbImage frame, LabelMask mask, OverlayStyle style) {
        ImageData data = new ImageData(frame.width(), frame.height(), 24, RGB);
        composeInto(data, frame, mask, style);
        return data;
    }

    /** As {@link #compose} but into an existing 24-bit image of the frame's size (no allocation). */
    public static void composeInto(ImageData target, RgbImage frame, LabelMask mask, OverlayStyle style) {
        int w = frame.width();
        int h = frame.height();
        if (target.width != w || target.height != h || target.depth != 24) {
            throw new IllegalArgumentException("Target must be a 24-bit " + w + "x" + h + " image");
        }
        if (mask != null && (mask.width() != w || mask.height() != h)) {
            throw new IllegalArgumentException("Mask " + mask.width() + "x" + mask.height()
                    + " does not match frame " + w + "x" + h);
        }
        byte[] src = frame.rgb();
        byte[] out = target.data;
        int bpl = target.bytesPerLine;
        for (int y = 0; y < h; y++) {
            System.arraycopy(src, 3 * y * w, out, y * bpl, 3 * w);
        }
        if (mask == null || style.mode() == OverlayMode.OFF) {
            return;
        }
        int[] colors = new int[256];
        boolean[] drawn = new boolean[256];
        for (int label = 1; label < 256; label++) {
            colors[label] = style.colorOf(label);
            drawn[label] = !style.hidden().contains(label);
        }
        byte[] labels = mask.labels();
        if (style.mode() == OverlayMode.FILLED) {
            // alpha in 1/256 steps keeps the inner loop in integers
            int alpha = (int) Math.round(style.opacity() * 256);
            int keep = 256 - alpha;
            for (int y = 0; y < h; y++) {
                int row = y * w;
                int o = y * bpl;
                for (int x = 0; x < w; x++, o += 3) {
                    int label = labels[row + x] & 0xFF;
                    if (label != 0 && drawn[label]) {
                        int c = colors[label];
                        if (isBorder(labels, w, h, x, y, label)) {
                            // a solid outline keeps the object visible where its colour resembles the frame's
                            out[o] = (byte) (c >>> 16);
                            out[o + 1] = (byte) (c >>> 8);
                            out[o + 2] = (byte) c;
                            continue;
                        }
                        out[o] = (byte) (((out[o] & 0xFF) * keep + (c >>> 16 & 0xFF) * alpha) >> 8);
                        out[o + 1] = (byte) (((out[o + 1] & 0xFF) * keep + (c >>> 8 & 0xFF) * alpha) >> 8);
                        out[o + 2] = (byte) (((out[o + 2] & 0xFF) * keep + (c & 0xFF) * alpha) >> 8);
                    }
                }
            }
        } else {
            for (int y = 0; y < h; y++) {
                int row = y * w;
                int o = y * bpl;
                for (int x = 0; x < w; x++, o += 3) {
                    int label = labels[row + x] & 0xFF;
                    if (label != 0 && drawn[label] && isBorder(labels, w, h, x, y, label)) {
                        int c = colors[label];
                        out[o] = (byte) (c >>> 16);
                        out[o + 1] = (byte) (c >>> 8);
                        out[o + 2] = (byte) c;
                    } else if (label == 0) {
                        // a one-pixel halo outside the outline in white or black, whichever contrasts with
                        // the object's colour: a dark red outline stays visible on a red car
                        int next = touchingObject(labels, w, h, x, y, drawn);
                        if (next != 0) {
                            byte v = (byte) (luminance(colors[next]) < 128 ? 255 : 0);
                            out[o] = v;
                            out[o + 1] = v;
                            out[o + 2] = v;
                        }
                    }
                }
            }
        }
    }

    /** The first drawn object label among the 4-neighbours of a background pixel, or 0. */
    private static int touchingObject(byte[] labels, int w, int h, int x, int y, boolean[] drawn) {
        int i = y * w + x;
        int[] candidates = {x > 0 ? labels[i - 1] & 0xFF : 0, x < w - 1 ? labels[i + 1] & 0xFF : 0,
                y > 0 ? labels[i - w] & 0xFF : 0, y < h - 1 ? labels[i + w] & 0xFF : 0};
        for (int l : candidates) {
            if (l != 0 && l != 255 && drawn[l]) {
                return l;
            }
        }
        return 0;
    }

    /** Rec. 601 luma of 0xRRGGBB, 0..255. */
    static int luminance(int rgb) {
        return (299 * (rgb >>> 16 & 0xFF) + 587 * (rgb >>> 8 & 0xFF) + 114 * (rgb & 0xFF)) / 1000;
    }

    /** A pixel is on its object's border when a 4-neighbour has another label or lies outside the frame. */
    static boolean isBorder(byte[] labels, int w, int h, int x, int y, int label) {
        int i = y * w + x;
        return x == 0 || y == 0 || x == w - 1 || y == h - 1 || (labels[i - 1] & 0xFF) != label
                || (labels[i + 1] & 0xFF) != label || (labels[i - w] & 0xFF) != label
                || (labels[i + w] & 0xFF) != label;
    }

    /**
     * Difference overlay of the compare editor: pixels where {@code left} and {@code right} disagree,
     * coloured by which side claims them as an object: only left → {@code leftColor}, only right →
     * {@code rightColor}, both but different objects → {@code bothColor}. Agreeing pixels show the frame
     * dimmed to half brightness so the disagreement stands out.
     */
    public static ImageData difference(RgbImage frame, LabelMask left, LabelMask right, int leftColor,
            int rightColor, int bothColor) {
        int w = frame.width();
        int h = frame.height();
        if (left.width() != w || left.height() != h || right.width() != w || right.height() != h) {
            throw new IllegalArgumentException("Masks must match the frame size " + w + "x" + h);
        }
        ImageData data = new ImageData(w, h, 24, RGB);
        byte[] src = frame.rgb();
        byte[] out = data.data;
        byte[] a = left.labels();
        byte[] b = right.labels();
        int bpl = data.bytesPerLine;
        for (int y = 0; y < h; y++) {
            int o = y * bpl;
            for (int x = 0; x < w; x++, o += 3) {
                int i = y * w + x;
                int la = objectOrZero(a[i]);
                int lb = objectOrZero(b[i]);
                int c;
                if (la == lb) {
                    out[o] = (byte) ((src[3 * i] & 0xFF) >> 1);
                    out[o + 1] = (byte) ((src[3 * i + 1] & 0xFF) >> 1);
                    out[o + 2] = (byte) ((src[3 * i + 2] & 0xFF) >> 1);
                    continue;
                } else if (lb == 0) {
                    c = leftColor;
                } else if (la == 0) {
                    c = rightColor;
                } else {
                    c = bothColor;
                }
                out[o] = (byte) (c >>> 16);
                out[o + 1] = (byte) (c >>> 8);
                out[o + 2] = (byte) c;
            }
        }
        return data;
    }

    /** Void (255) is "no claim" for the difference overlay, as the DAVIS evaluation ignores it. */
    private static int objectOrZero(byte label) {
        int l = label & 0xFF;
        return l == 255 ? 0 : l;
    }

    /** Counts the pixels where two masks disagree (void treated as background); shown in the compare editor. */
    public static int disagreement(LabelMask left, LabelMask right) {
        byte[] a = left.labels();
        byte[] b = right.labels();
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (objectOrZero(a[i]) != objectOrZero(b[i])) {
                n++;
            }
        }
        return n;
    }
}
