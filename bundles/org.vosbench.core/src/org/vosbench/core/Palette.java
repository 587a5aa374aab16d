package org.vosbench.core;

import java.util.Arrays;

/**
 * The colours of a palette (indexed) PNG. A palette has 1..256 entries; {@link #rgb(int)} answers
 * black beyond them.
 */
public final class Palette {

    private static final Palette DAVIS = createDavis();

    private final byte[] reds;
    private final byte[] greens;
    private final byte[] blues;

    /**
     * @param reds red of each entry
     * @param greens green of each entry
     * @param blues blue of each entry
     */
    public Palette(byte[] reds, byte[] greens, byte[] blues) {
        if (reds.length == 0 || reds.length > 256 || greens.length != reds.length || blues.length != reds.length) {
            throw new IllegalArgumentException("A palette needs 1..256 entries with red, green and blue each");
        }
        this.reds = reds.clone();
        this.greens = greens.clone();
        this.blues = blues.clone();
    }

    /**
     * The DAVIS palette, that of the PASCAL VOC colour map: index 1 dark red, 2 dark green, ...,
     * 255 (void) light beige {@code (224, 224, 192)}.
     *
     * @return the 256-entry DAVIS palette
     */
    public static Palette davis() {
        return DAVIS;
    }

    private static Palette createDavis() {
        byte[] r = new byte[256];
        byte[] g = new byte[256];
        byte[] b = new byte[256];
        for (int index = 0; index < 256; index++) {
            // bit-interleaved colour map of PASCAL VOC, which DAVIS annotations use
            int red = 0;
            int green = 0;
            int blue = 0;
            int c = index;
            for (int bit = 7; bit >= 0; bit--) {
                red |= (c & 1) << bit;
                green |= (c >> 1 & 1) << bit;
                blue |= (c >> 2 & 1) << bit;
                c >>= 3;
            }
            r[index] = (byte) red;
            g[index] = (byte) green;
            b[index] = (byte) blue;
        }
        return new Palette(r, g, b);
    }

    /** @return the number of entries, 1..256 */
    public int size() {
        return reds.length;
    }

    /**
     * @param index 0..255
     * @return the colour as {@code 0xRRGGBB}; black beyond the palette's entries
     */
    public int rgb(int index) {
        if (index < 0 || index > 255) {
            throw new IllegalArgumentException("Palette index out of range 0..255: " + index);
        }
        if (index >= reds.length) {
            return 0;
        }
        return (reds[index] & 0xFF) << 16 | (greens[index] & 0xFF) << 8 | blues[index] & 0xFF;
    }

    /** @return a copy of the red components */
    public byte[] reds() {
        return reds.clone();
    }

    /** @return a copy of the green components */
    public byte[] greens() {
        return greens.clone();
    }

    /** @return a copy of the blue components */
    public byte[] blues() {
        return blues.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Palette p && Arrays.equals(p.reds, reds) && Arrays.equals(p.greens, greens)
                && Arrays.equals(p.blues, blues);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(reds) * 961 + Arrays.hashCode(greens) * 31 + Arrays.hashCode(blues);
    }

    @Override
    public String toString() {
        return "Palette[" + reds.length + " entries]";
    }
}
