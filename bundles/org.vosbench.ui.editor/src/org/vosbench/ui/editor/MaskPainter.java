package org.vosbench.ui.editor;

import java.util.Arrays;
import java.util.List;

import org.vosbench.core.LabelMask;

/**
 * The pixel operations behind the editing tools. Each returns the number of pixels whose label
 * changed, so a tool knows whether there is anything to undo.
 */
public final class MaskPainter {

    private MaskPainter() {
    }

    /**
     * Sets every pixel whose centre lies within {@code radius} of (cx, cy) to {@code label}. The brush
     * with radius r covers the pixels (x, y) with (x + 0.5 − cx)² + (y + 0.5 − cy)² ≤ r².
     */
    public static int paintDisc(LabelMask mask, double cx, double cy, double radius, int label) {
        int w = mask.width();
        int h = mask.height();
        byte[] labels = mask.labels();
        byte value = (byte) label;
        int x0 = Math.max(0, (int) Math.floor(cx - radius - 0.5));
        int x1 = Math.min(w - 1, (int) Math.ceil(cx + radius - 0.5));
        int y0 = Math.max(0, (int) Math.floor(cy - radius - 0.5));
        int y1 = Math.min(h - 1, (int) Math.ceil(cy + radius - 0.5));
        double r2 = radius * radius;
        int changed = 0;
        for (int y = y0; y <= y1; y++) {
            double dy = y + 0.5 - cy;
            for (int x = x0; x <= x1; x++) {
                double dx = x + 0.5 - cx;
                if (dx * dx + dy * dy <= r2) {
                    int i = y * w + x;
                    if (labels[i] != value) {
                        labels[i] = value;
                        changed++;
                    }
                }
            }
        }
        return changed;
    }

    /** A stroke segment: discs every half pixel from (x0, y0) to (x1, y1), so fast drags leave no gaps. */
    public static int paintLine(LabelMask mask, double x0, double y0, double x1, double y1, double radius,
            int label) {
        double length = Math.hypot(x1 - x0, y1 - y0);
        int steps = Math.max(1, (int) Math.ceil(length * 2));
        int changed = 0;
        for (int s = 0; s <= steps; s++) {
            double t = (double) s / steps;
            changed += paintDisc(mask, x0 + t * (x1 - x0), y0 + t * (y1 - y0), radius, label);
        }
        return changed;
    }

    /**
     * Fills a polygon (vertices in image coordinates, implicitly closed) with {@code label}: a pixel is
     * inside when its centre is, by the even-odd rule, as scanline fills in graphics libraries do.
     */
    public static int fillPolygon(LabelMask mask, List<double[]> vertices, int label) {
        int n = vertices.size();
        if (n < 3) {
            return 0;
        }
        int w = mask.width();
        int h = mask.height();
        byte[] labels = mask.labels();
        byte value = (byte) label;
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (double[] v : vertices) {
            minY = Math.min(minY, v[1]);
            maxY = Math.max(maxY, v[1]);
        }
        int yStart = Math.max(0, (int) Math.floor(minY - 0.5));
        int yEnd = Math.min(h - 1, (int) Math.ceil(maxY - 0.5));
        double[] crossings = new double[n];
        int changed = 0;
        for (int y = yStart; y <= yEnd; y++) {
            double sy = y + 0.5;
            int count = 0;
            for (int i = 0; i < n; i++) {
                double[] a = vertices.get(i);
                double[] b = vertices.get((i + 1) % n);
                // half-open rule: an edge counts when sy is in [min, max), so shared vertices count once
                if ((a[1] <= sy && b[1] > sy) || (b[1] <= sy && a[1] > sy)) {
                    crossings[count++] = a[0] + (sy - a[1]) / (b[1] - a[1]) * (b[0] - a[0]);
                }
            }
            Arrays.sort(crossings, 0, count);
            for (int k = 0; k + 1 < count; k += 2) {
                // pixels whose centre x + 0.5 lies in [left, right)
                int xs = Math.max(0, (int) Math.ceil(crossings[k] - 0.5));
                int xe = Math.min(w - 1, (int) Math.ceil(crossings[k + 1] - 0.5) - 1);
                for (int x = xs; x <= xe; x++) {
                    int i = y * w + x;
                    if (labels[i] != value) {
                        labels[i] = value;
                        changed++;
                    }
                }
            }
        }
        return changed;
    }

    /**
     * Flood fill: the 4-connected region of pixels sharing the label of (x, y) becomes {@code label}.
     */
    public static int floodFill(LabelMask mask, int x, int y, int label) {
        int w = mask.width();
        int h = mask.height();
        if (x < 0 || y < 0 || x >= w || y >= h) {
            return 0;
        }
        byte[] labels = mask.labels();
        byte target = labels[y * w + x];
        byte value = (byte) label;
        if (target == value) {
            return 0;
        }
        int[] stack = new int[Math.max(16, w * h / 4)];
        int top = 0;
        stack[top++] = y * w + x;
        labels[y * w + x] = value;
        int changed = 1;
        while (top > 0) {
            int i = stack[--top];
            int px = i % w;
            int py = i / w;
            for (int k = 0; k < 4; k++) {
                int nx = px + (k == 0 ? -1 : k == 1 ? 1 : 0);
                int ny = py + (k == 2 ? -1 : k == 3 ? 1 : 0);
                if (nx < 0 || ny < 0 || nx >= w || ny >= h) {
                    continue;
                }
                int j = ny * w + nx;
                if (labels[j] == target) {
                    labels[j] = value;
                    changed++;
                    if (top == stack.length) {
                        stack = Arrays.copyOf(stack, stack.length * 2);
                    }
                    stack[top++] = j;
                }
            }
        }
        return changed;
    }

    /** Sets every pixel of {@code label} to background; used when an object is deleted. */
    public static int erase(LabelMask mask, int label) {
        byte[] labels = mask.labels();
        byte value = (byte) label;
        int changed = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == value) {
                labels[i] = 0;
                changed++;
            }
        }
        return changed;
    }
}
