package org.vosbench.ui.editor;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.vosbench.core.LabelMask;
import org.vosbench.ui.CanvasTool;
import org.vosbench.ui.ViewTransform;

/**
 * The canvas tools of the sequence editor. Each edits the current frame of a {@link SequenceDocument}
 * with the selected object's label (the eraser with background) and leaves one undoable operation per
 * gesture: a stroke, a polygon, a fill.
 */
public final class EditingTools {

    /** What a tool needs from the editor: the document, the frame shown, the object selected. */
    public interface Context {
        SequenceDocument document();

        int currentFrame();

        /** Selected object id, or 0 when none (tools then do nothing). */
        int currentObject();

        /** Brush and eraser radius in image pixels. */
        double brushRadius();
    }

    private EditingTools() {
    }

    /** Brush ({@code erase == false}) or eraser: discs along the stroke. */
    public static final class Brush implements CanvasTool {
        private final Context context;
        private final boolean erase;
        private double lastX = Double.NaN;
        private double lastY;
        private double hoverX = Double.NaN;
        private double hoverY;
        private LabelMask mask;

        public Brush(Context context, boolean erase) {
            this.context = context;
            this.erase = erase;
        }

        private int label() {
            return erase ? 0 : context.currentObject();
        }

        @Override
        public void mouseDown(double x, double y, int stateMask) {
            if (!erase && label() == 0) {
                return;
            }
            mask = context.document().beginEdit(context.currentFrame());
            MaskPainter.paintDisc(mask, x, y, context.brushRadius(), label());
            lastX = x;
            lastY = y;
            context.document().editProgressed();
        }

        @Override
        public void mouseDrag(double x, double y, int stateMask) {
            hoverX = x;
            hoverY = y;
            if (mask == null) {
                return;
            }
            MaskPainter.paintLine(mask, lastX, lastY, x, y, context.brushRadius(), label());
            lastX = x;
            lastY = y;
            context.document().editProgressed();
        }

        @Override
        public void mouseUp(double x, double y, int stateMask) {
            if (mask == null) {
                return;
            }
            mask = null;
            context.document().endEdit(erase ? "Erase" : "Brush stroke");
        }

        @Override
        public void mouseHover(double x, double y) {
            hoverX = x;
            hoverY = y;
        }

        @Override
        public void mouseExit() {
            hoverX = Double.NaN;
        }

        @Override
        public void paintFeedback(GC gc, ViewTransform view) {
            if (Double.isNaN(hoverX)) {
                return;
            }
            int r = (int) Math.round(context.brushRadius() * view.scale());
            int cx = (int) Math.round(view.toScreenX(hoverX));
            int cy = (int) Math.round(view.toScreenY(hoverY));
            gc.setForeground(gc.getDevice().getSystemColor(erase ? SWT.COLOR_WHITE : SWT.COLOR_YELLOW));
            gc.setLineWidth(1);
            gc.drawOval(cx - r, cy - r, 2 * r, 2 * r);
        }
    }

    /**
     * Polygon: each click adds a vertex; double-click, a click on the first vertex or
     * {@link #close()} (Enter) fills it; {@link #cancel()} (Escape) drops it.
     */
    public static final class Polygon implements CanvasTool {
        private final Context context;
        private final List<double[]> vertices = new ArrayList<>();
        private final Runnable repaint;
        private double hoverX = Double.NaN;
        private double hoverY;
        private double lastScale = 1;

        public Polygon(Context context, Runnable repaint) {
            this.context = context;
            this.repaint = repaint;
        }

        @Override
        public void mouseDown(double x, double y, int stateMask) {
            if (vertices.size() >= 3) {
                double[] first = vertices.get(0);
                // a click within 5 screen pixels of the first vertex closes the polygon
                if (Math.hypot(first[0] - x, first[1] - y) * lastScale <= 5) {
                    close();
                    return;
                }
            }
            vertices.add(new double[] {x, y});
        }

        @Override
        public void mouseDoubleClick(double x, double y) {
            close();
        }

        @Override
        public void mouseHover(double x, double y) {
            hoverX = x;
            hoverY = y;
        }

        /** Fills the polygon drawn so far (at least 3 vertices) with the selected object. */
        public boolean close() {
            int label = context.currentObject();
            List<double[]> pts = new ArrayList<>(vertices);
            vertices.clear();
            repaint.run();
            if (pts.size() < 3 || label == 0) {
                return false;
            }
            return context.document().edit(context.currentFrame(), "Polygon",
                    m -> MaskPainter.fillPolygon(m, pts, label));
        }

        public void cancel() {
            vertices.clear();
            repaint.run();
        }

        public int vertexCount() {
            return vertices.size();
        }

        @Override
        public void paintFeedback(GC gc, ViewTransform view) {
            lastScale = view.scale();
            if (vertices.isEmpty()) {
                return;
            }
            gc.setForeground(gc.getDevice().getSystemColor(SWT.COLOR_YELLOW));
            gc.setLineWidth(2);
            int[] pts = new int[2 * vertices.size() + (Double.isNaN(hoverX) ? 0 : 2)];
            int k = 0;
            for (double[] v : vertices) {
                pts[k++] = (int) Math.round(view.toScreenX(v[0]));
                pts[k++] = (int) Math.round(view.toScreenY(v[1]));
            }
            if (!Double.isNaN(hoverX)) {
                pts[k++] = (int) Math.round(view.toScreenX(hoverX));
                pts[k] = (int) Math.round(view.toScreenY(hoverY));
            }
            gc.drawPolyline(pts);
            for (int i = 0; i + 1 < pts.length; i += 2) {
                gc.drawRectangle(pts[i] - 2, pts[i + 1] - 2, 4, 4);
            }
        }
    }

    /** Flood fill of the clicked 4-connected region with the selected object. */
    public static final class Fill implements CanvasTool {
        private final Context context;

        public Fill(Context context) {
            this.context = context;
        }

        @Override
        public void mouseDown(double x, double y, int stateMask) {
            int label = context.currentObject();
            SequenceDocument doc = context.document();
            int px = (int) Math.floor(x);
            int py = (int) Math.floor(y);
            if (label == 0 || px < 0 || py < 0 || px >= doc.width() || py >= doc.height()) {
                return;
            }
            doc.edit(context.currentFrame(), "Fill", m -> MaskPainter.floodFill(m, px, py, label));
        }
    }
}
