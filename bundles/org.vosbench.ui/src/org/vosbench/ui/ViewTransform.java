package org.vosbench.ui;

/**
 * Maps image pixels to canvas pixels: {@code screen = image * scale + origin}. Immutable, so two canvases
 * of the compare editor can share one view by passing it around.
 *
 * @param scale canvas pixels per image pixel
 * @param originX canvas x of image x = 0
 * @param originY canvas y of image y = 0
 */
public record ViewTransform(double scale, double originX, double originY) {

    public static final double MIN_SCALE = 0.05;
    public static final double MAX_SCALE = 40;

    public ViewTransform {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("Scale must be positive: " + scale);
        }
    }

    /** The largest scale at which the whole image fits the canvas, centred. */
    public static ViewTransform fit(int imageWidth, int imageHeight, int canvasWidth, int canvasHeight) {
        if (canvasWidth <= 0 || canvasHeight <= 0) {
            return new ViewTransform(1, 0, 0);
        }
        double scale = Math.min((double) canvasWidth / imageWidth, (double) canvasHeight / imageHeight);
        scale = clamp(scale);
        return new ViewTransform(scale, (canvasWidth - imageWidth * scale) / 2,
                (canvasHeight - imageHeight * scale) / 2);
    }

    public double toImageX(double screenX) {
        return (screenX - originX) / scale;
    }

    public double toImageY(double screenY) {
        return (screenY - originY) / scale;
    }

    public double toScreenX(double imageX) {
        return imageX * scale + originX;
    }

    public double toScreenY(double imageY) {
        return imageY * scale + originY;
    }

    /** Zoom by {@code factor} keeping the image point under the canvas point (x, y) in place. */
    public ViewTransform zoomAt(double factor, double screenX, double screenY) {
        double newScale = clamp(scale * factor);
        double ix = toImageX(screenX);
        double iy = toImageY(screenY);
        return new ViewTransform(newScale, screenX - ix * newScale, screenY - iy * newScale);
    }

    public ViewTransform panBy(double dx, double dy) {
        return new ViewTransform(scale, originX + dx, originY + dy);
    }

    private static double clamp(double s) {
        return Math.max(MIN_SCALE, Math.min(MAX_SCALE, s));
    }
}
