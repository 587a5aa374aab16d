package org.vosbench.core;

/**
 * The size of an image.
 *
 * @param width pixels per row
 * @param height rows
 */
public record Dimension2(int width, int height) {

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
