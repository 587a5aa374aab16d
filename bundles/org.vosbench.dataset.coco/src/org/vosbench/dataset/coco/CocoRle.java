package org.vosbench.dataset.coco;

import java.util.Arrays;
import java.util.Objects;

import org.vosbench.core.LabelMask;

/**
 * One binary mask in COCO's run-length encoding, as pycocotools' {@code maskApi.c} defines it:
 * pixels in column-major order (down each column, then the next column), runs alternating
 * background and foreground starting with background (a mask whose first pixel is foreground
 * starts with a run of 0). The compressed string form stores each count, from the fourth on as
 * the difference to the count two before it, in little-endian groups of 5 bits, one character
 * ({@code 48 + group}) each, bit 0x20 marking that more groups follow and bit 0x10 of the last
 * group its sign.
 *
 * @param height rows (COCO's {@code size[0]})
 * @param width columns ({@code size[1]})
 * @param counts the run lengths; they sum to {@code height * width}
 */
public record CocoRle(int height, int width, long[] counts) {

    public CocoRle {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("size must be positive: " + height + "x" + width);
        }
        Objects.requireNonNull(counts);
        long sum = 0;
        for (long c : counts) {
            if (c < 0) {
                throw new IllegalArgumentException("negative run length " + c);
            }
            sum += c;
        }
        if (sum != (long) height * width) {
            throw new IllegalArgumentException("run lengths sum to " + sum + ", the mask has " + (long) height * width
                    + " pixels");
        }
    }

    /** @return the pixels of {@code mask} labelled {@code label}, encoded */
    public static CocoRle encode(LabelMask mask, int label) {
        int w = mask.width();
        int h = mask.height();
        byte[] labels = mask.labels();
        long[] counts = new long[16];
        int n = 0;
        boolean current = false;
        long run = 0;
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; y++) {
                boolean on = (labels[y * w + x] & 0xFF) == label;
                if (on != current) {
                    if (n == counts.length) {
                        counts = Arrays.copyOf(counts, n * 2);
                    }
                    counts[n++] = run;
                    run = 0;
                    current = on;
                }
                run++;
            }
        }
        if (n == counts.length) {
            counts = Arrays.copyOf(counts, n + 1);
        }
        counts[n++] = run;
        return new CocoRle(h, w, Arrays.copyOf(counts, n));
    }

    /**
     * Sets {@code label} on every foreground pixel of this mask in {@code target}.
     *
     * @return how many of those pixels already held another object (overlap)
     */
    public long paint(LabelMask target, int label) {
        if (target.width() != width || target.height() != height) {
            throw new IllegalArgumentException("mask is " + target.width() + "x" + target.height() + ", RLE " + width
                    + "x" + height);
        }
        byte[] labels = target.labels();
        long overlap = 0;
        long position = 0;
        for (int i = 0; i < counts.length; i++) {
            if (i % 2 == 1) {
                for (long p = position; p < position + counts[i]; p++) {
                    int x = (int) (p / height);
                    int y = (int) (p % height);
                    int index = y * width + x;
                    if (labels[index] != 0 && (labels[index] & 0xFF) != label) {
                        overlap++;
                    }
                    labels[index] = (byte) label;
                }
            }
            position += counts[i];
        }
        return overlap;
    }

    /** @return the number of foreground pixels (pycocotools' {@code area}) */
    public long area() {
        long area = 0;
        for (int i = 1; i < counts.length; i += 2) {
            area += counts[i];
        }
        return area;
    }

    /**
     * @return {@code [x, y, width, height]} of the foreground's bounding box, as pycocotools'
     *     {@code toBbox}; all zero when there is no foreground
     */
    public long[] bbox() {
        long xMin = Long.MAX_VALUE;
        long xMax = -1;
        long yMin = Long.MAX_VALUE;
        long yMax = -1;
        long position = 0;
        for (int i = 0; i < counts.length; i++) {
            if (i % 2 == 1 && counts[i] > 0) {
                long first = position;
                long last = position + counts[i] - 1;
                long x0 = first / height;
                long x1 = last / height;
                xMin = Math.min(xMin, x0);
                xMax = Math.max(xMax, x1);
                if (x0 != x1) { // the run wraps over a column: it covers every row
                    yMin = 0;
                    yMax = height - 1;
                } else {
                    yMin = Math.min(yMin, first % height);
                    yMax = Math.max(yMax, last % height);
                }
            }
            position += counts[i];
        }
        if (xMax < 0) {
            return new long[4];
        }
        return new long[] {xMin, yMin, xMax - xMin + 1, yMax - yMin + 1};
    }

    /** @return the counts in COCO's compressed string form ({@code rleToString}) */
    public String compressed() {
        return toCompressedString(counts);
    }

    /** Compressed string of any run lengths (they need not sum to a mask's size). */
    public static String toCompressedString(long[] counts) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < counts.length; i++) {
            long x = counts[i];
            if (i > 2) {
                x -= counts[i - 2];
            }
            boolean more = true;
            while (more) {
                long c = x & 0x1f;
                x >>= 5;
                more = (c & 0x10) != 0 ? x != -1 : x != 0;
                if (more) {
                    c |= 0x20;
                }
                s.append((char) (c + 48));
            }
        }
        return s.toString();
    }

    /**
     * Reads COCO's compressed string form ({@code rleFrString}).
     *
     * @throws IllegalArgumentException for a character outside {@code '0'..'o'}, a string that
     *     ends inside a count, or a count that comes out negative
     */
    public static long[] fromCompressedString(String s) {
        long[] counts = new long[Math.max(1, s.length())];
        int m = 0;
        int p = 0;
        while (p < s.length()) {
            long x = 0;
            int k = 0;
            boolean more = true;
            while (more) {
                if (p >= s.length()) {
                    throw new IllegalArgumentException("the counts string ends inside a run length");
                }
                int c = s.charAt(p) - 48;
                if (c < 0 || c > 63) {
                    throw new IllegalArgumentException("character '" + s.charAt(p) + "' at " + p
                            + " is not in COCO's RLE alphabet ('0'..'o')");
                }
                if (k >= 12) {
                    throw new IllegalArgumentException("run length at " + p + " is too long");
                }
                x |= (long) (c & 0x1f) << (5 * k);
                more = (c & 0x20) != 0;
                p++;
                k++;
                if (!more && (c & 0x10) != 0) {
                    x |= -1L << (5 * k);
                }
            }
            if (m > 2) {
                x += counts[m - 2];
            }
            if (x < 0) {
                throw new IllegalArgumentException("run length " + m + " comes out negative (" + x + ")");
            }
            counts[m++] = x;
        }
        return Arrays.copyOf(counts, m);
    }

    /**
     * @throws IllegalArgumentException when the string is not valid compressed RLE or its counts
     *     do not cover {@code height * width} pixels
     */
    public static CocoRle fromCompressed(int height, int width, String counts) {
        return new CocoRle(height, width, fromCompressedString(counts));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CocoRle r && r.height == height && r.width == width && Arrays.equals(r.counts, counts);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * height + width) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "CocoRle[" + height + "x" + width + ", " + compressed() + "]";
    }
}
