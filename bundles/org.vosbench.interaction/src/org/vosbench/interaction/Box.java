package org.vosbench.interaction;

/**
 * A box around the object, in pixel corners: columns {@code x0 .. x1-1} and rows
 * {@code y0 .. y1-1} are inside. Valid on a W x H frame when {@code 0 <= x0 < x1 <= W} and
 * {@code 0 <= y0 < y1 <= H}.
 *
 * @param x0 left column (inside)
 * @param y0 top row (inside)
 * @param x1 right end (outside)
 * @param y1 bottom end (outside)
 */
public record Box(int x0, int y0, int x1, int y1) {

    /** @return {@code x1 - x0} */
    public int width() {
        return x1 - x0;
    }

    /** @return {@code y1 - y0} */
    public int height() {
        return y1 - y0;
    }

    /**
     * @param x column
     * @param y row
     * @return whether the pixel is inside
     */
    public boolean contains(int x, int y) {
        return x >= x0 && x < x1 && y >= y0 && y < y1;
    }

    @Override
    public String toString() {
        return x0 + "," + y0 + "," + x1 + "," + y1;
    }
}
