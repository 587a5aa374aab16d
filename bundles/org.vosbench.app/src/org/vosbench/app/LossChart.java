package org.vosbench.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

/**
 * A line plot of the training loss per iteration, drawn with SWT's GC (the target platform has no
 * chart library): axes with the loss range and the iteration count, the loss as a polyline, and a
 * status line (iteration/total, last loss, it/s).
 */
final class LossChart extends Canvas {

    private final List<Double> losses = new ArrayList<>();
    private int total;
    private String status = "No training yet";

    LossChart(Composite parent) {
        super(parent, SWT.DOUBLE_BUFFERED);
        addPaintListener(e -> paint(e.gc));
    }

    /** Starts a new curve of {@code iterations} points. */
    void reset(int iterations, String title) {
        losses.clear();
        total = iterations;
        status = title;
        redraw();
    }

    /** One iteration's loss. */
    void add(int it, int iterations, double loss, double iterationsPerSecond) {
        while (losses.size() < it) {
            losses.add(Double.NaN);
        }
        if (losses.size() == it) {
            losses.add(loss);
        } else {
            losses.set(it, loss);
        }
        total = iterations;
        status = String.format(Locale.ROOT, "iteration %d/%d   loss %.5f   %.2f it/s", it + 1, iterations, loss,
                iterationsPerSecond);
        redraw();
    }

    void setStatus(String text) {
        status = text;
        redraw();
    }

    List<Double> losses() {
        return List.copyOf(losses);
    }

    String status() {
        return status;
    }

    private void paint(GC gc) {
        Rectangle area = getClientArea();
        gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
        gc.fillRectangle(area);
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_BLACK));
        Point text = gc.textExtent("0.00000");
        for (double v : losses) {
            if (Double.isFinite(v)) {
                text.x = Math.max(text.x, gc.textExtent(String.format(Locale.ROOT, "%.5f", v)).x);
            }
        }
        int left = area.x + text.x + 10;
        int top = area.y + text.y + 10;
        int right = area.x + area.width - 15;
        int bottom = area.y + area.height - text.y - 10;
        gc.drawText(status, area.x + 5, area.y + 3, true);
        if (right - left < 20 || bottom - top < 20) {
            return;
        }
        gc.drawLine(left, top, left, bottom);
        gc.drawLine(left, bottom, right, bottom);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : losses) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        int n = Math.max(total, Math.max(2, losses.size()));
        gc.drawText("1", left, bottom + 3, true);
        String last = Integer.toString(n);
        gc.drawText(last, right - gc.textExtent(last).x, bottom + 3, true);
        if (min > max) {
            return;
        }
        if (max - min < 1e-12) {
            max = min + Math.max(1e-6, Math.abs(min) * 0.1);
            min = min - (max - min);
        }
        String hi = String.format(Locale.ROOT, "%.5f", max);
        String lo = String.format(Locale.ROOT, "%.5f", min);
        gc.drawText(hi, area.x + 3, top - text.y / 2, true);
        gc.drawText(lo, area.x + 3, bottom - text.y / 2, true);
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_DARK_BLUE));
        gc.setLineWidth(2);
        gc.setAntialias(SWT.ON);
        int px = -1;
        int py = -1;
        for (int i = 0; i < losses.size(); i++) {
            double v = losses.get(i);
            if (!Double.isFinite(v)) {
                px = -1;
                continue;
            }
            int x = left + (int) Math.round((right - left) * (n <= 1 ? 0 : i / (double) (n - 1)));
            int y = bottom - (int) Math.round((bottom - top) * (v - min) / (max - min));
            if (px >= 0) {
                gc.drawLine(px, py, x, y);
            } else {
                gc.fillOval(x - 2, y - 2, 5, 5);
            }
            px = x;
            py = y;
        }
    }
}
