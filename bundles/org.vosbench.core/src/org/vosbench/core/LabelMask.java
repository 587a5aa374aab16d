package org.vosbench.core;

import java.util.Arrays;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A label mask: one unsigned byte per pixel, row-major. Label 0 is background, 1..254 are
 * objects and {@value #VOID} is void (not scored), as in DAVIS.
 */
public final class LabelMask {

    /** The void label, ignored as an object. */
    public static final int VOID = 255;

    private final int width;
    private final int height;
    private final byte[] labels;

    /**
     * Wraps a label array without copying it.
     *
     * @param width pixels per row
     * @param height rows
     * @param labels {@code width * height} unsigned labels, row-major
     */
    public LabelMask(int width, int height, byte[] labels) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Mask size must be positive: " + width + "x" + height);
        }
        if (labels.length != width * height) {
            throw new IllegalArgumentException(
                    "Mask of " + width + "x" + height + " needs " + width * height + " labels, got " + labels.length);
        }
        this.width = width;
        this.height = height;
        this.labels = labels;
    }

    /**
     * @param width pixels per row
     * @param height rows
     * @return an all-background mask
     */
    public static LabelMask empty(int width, int height) {
        return new LabelMask(width, height, new byte[width * height]);
    }

    /** @return pixels per row */
    public int width() {
        return width;
    }

    /** @return rows */
    public int height() {
        return height;
    }

    /** @return the size of this mask */
    public Dimension2 size() {
        return new Dimension2(width, height);
    }

    /** @return the live label array (unsigned bytes, row-major), not a copy */
    public byte[] labels() {
        return labels;
    }

    /**
     * @param x column
     * @param y row
     * @return the label at (x, y), 0..255
     */
    public int get(int x, int y) {
        return labels[index(x, y)] & 0xFF;
    }

    /**
     * @param x column
     * @param y row
     * @param label 0..255
     */
    public void set(int x, int y, int label) {
        if (label < 0 || label > 255) {
            throw new IllegalArgumentException("Label out of range 0..255: " + label);
        }
        labels[index(x, y)] = (byte) label;
    }

    private int index(int x, int y) {
        if (x < 0 || x >= width || y < 0 || y >= height) {
            throw new IndexOutOfBoundsException("(" + x + ", " + y + ") outside " + width + "x" + height);
        }
        return y * width + x;
    }

    /** @return the largest label present, ignoring void; 0 when there is no object */
    public int maxObjectLabel() {
        boolean[] present = presentLabels();
        for (int label = VOID - 1; label > 0; label--) {
            if (present[label]) {
                return label;
            }
        }
        return 0;
    }

    /** @return the object labels present, without background and void */
    public SortedSet<Integer> objectIds() {
        boolean[] present = presentLabels();
        SortedSet<Integer> ids = new TreeSet<>();
        for (int label = 1; label < VOID; label++) {
            if (present[label]) {
                ids.add(label);
            }
        }
        return Collections.unmodifiableSortedSet(ids);
    }

    private boolean[] presentLabels() {
        boolean[] present = new boolean[256];
        for (byte label : labels) {
            present[label & 0xFF] = true;
        }
        return present;
    }

    /** @return an independent copy */
    public LabelMask copy() {
        return new LabelMask(width, height, labels.clone());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LabelMask mask && mask.width == width && mask.height == height
                && Arrays.equals(mask.labels, labels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        return "LabelMask[" + width + "x" + height + ", objects " + objectIds() + "]";
    }
}
