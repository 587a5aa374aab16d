package org.vosbench.interaction;

/**
 * One click on a frame.
 *
 * @param x column, 0 at the left
 * @param y row, 0 at the top
 * @param positive whether it marks the object (left button) rather than what is not the object
 */
public record Click(int x, int y, boolean positive) {

    @Override
    public String toString() {
        return x + "," + y + (positive ? "" : ",neg");
    }
}
