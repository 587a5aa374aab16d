package org.vosbench.core;

/** An 8-bit RGB image, interleaved {@code r, g, b} per pixel, row-major. */
public final class RgbImage {

    private final int width;
    private final int height;
    private final byte[] rgb;

    /**
     * Wraps pixel data without copying it.
     *
     * @param width pixels per row
     * @param height rows
     * @param rgb {@code 3 * width * height} bytes
     */
    public RgbImage(int width, int height, byte[] rgb) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Image size must be positive: " + width + "x" + height);
        }
        if (rgb.length != 3 * width * height) {
            throw new IllegalArgumentException(
                    "Image of " + width + "x" + height + " needs " + 3 * width * height + " bytes, got " + rgb.length);
        }
        this.width = width;
        this.height = height;
        this.rgb = rgb;
    }

    /** @return pixels per row */
    public int width() {
        return width;
    }

    /** @return rows */
    public int height() {
        return height;
    }

    /** @return the size of this image */
    public Dimension2 size() {
        return new Dimension2(width, height);
    }

    /** @return the live pixel array, not a copy */
    public byte[] rgb() {
        return rgb;
    }

    /**
     * @param x column
     * @param y row
     * @return the pixel as opaque {@code 0xAARRGGBB}
     */
    public int argb(int x, int y) {
        if (x < 0 || x >= width || y < 0 || y >= height) {
            throw new IndexOutOfBoundsException("(" + x + ", " + y + ") outside " + width + "x" + height);
        }
        int i = 3 * (y * width + x);
        return 0xFF000000 | (rgb[i] & 0xFF) << 16 | (rgb[i + 1] & 0xFF) << 8 | rgb[i + 2] & 0xFF;
    }
}
