package org.vosbench.ui;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.vosbench.core.LabelMask;
import org.vosbench.core.RgbImage;

/**
 * Shows one frame with its overlay. Mouse wheel zooms around the pointer, middle- or right-button drag
 * pans, {@link #fit()} (also the {@code F} key) fits the frame. Left-button events go to the current
 * {@link CanvasTool}. View changes are announced to view listeners so that two canvases can be
 * synchronised (compare editor).
 */
public class FrameCanvas extends Canvas {

    private final List<Consumer<ViewTransform>> viewListeners = new CopyOnWriteArrayList<>();
    private RgbImage frame;
    private LabelMask mask;
    private ImageData customImage;
    private OverlayStyle style = OverlayStyle.defaults();
    private ViewTransform view = new ViewTransform(1, 0, 0);
    private boolean fitPending = true;
    private boolean autoFit = true;
    private boolean viewSetExternally;
    private Image image;
    private ImageData composed;
    private CanvasTool tool;
    private Point panStart;
    private boolean toolDragging;

    public FrameCanvas(Composite parent, int style) {
        super(parent, style | SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        addPaintListener(e -> paint(e.gc));
        addListener(SWT.Resize, e -> {
            if (autoFit) {
                fitPending = true;
            }
            redraw();
        });
        addListener(SWT.MouseVerticalWheel, this::onWheel);
        addListener(SWT.MouseDown, this::onMouseDown);
        addListener(SWT.MouseMove, this::onMouseMove);
        addListener(SWT.MouseUp, this::onMouseUp);
        addListener(SWT.MouseExit, e -> {
            if (tool != null && !toolDragging) {
                tool.mouseExit();
                redraw();
            }
        });
        addListener(SWT.MouseDoubleClick, e -> {
            if (e.button == 1 && tool != null) {
                tool.mouseDoubleClick(view.toImageX(e.x), view.toImageY(e.y));
                redraw();
            }
        });
        addListener(SWT.KeyDown, e -> {
            if (e.character == '0' && (e.stateMask & SWT.MODIFIER_MASK) == 0) {
                fit();
            }
        });
        addListener(SWT.Dispose, e -> disposeImage());
    }

    /** Show a frame and its mask (mask may be null). Keeps the current zoom and pan. */
    public void setFrame(RgbImage newFrame, LabelMask newMask) {
        boolean sizeChanged = frame == null || newFrame == null || frame.width() != newFrame.width()
                || frame.height() != newFrame.height();
        frame = newFrame;
        mask = newMask;
        customImage = null;
        if (sizeChanged) {
            if (!viewSetExternally) {
                fitPending = true;
            }
            composed = null;
        }
        refresh();
    }

    /** Show an already composed image (difference overlay) instead of frame + mask. */
    public void setComposedImage(ImageData data) {
        boolean sizeChanged = imageWidth() != data.width || imageHeight() != data.height;
        customImage = data;
        if (sizeChanged && !viewSetExternally) {
            fitPending = true;
        }
        rebuildImage();
        redraw();
    }

    /** Re-compose after the mask changed in place (an edit). */
    public void refresh() {
        rebuildImage();
        redraw();
    }

    public void setOverlayStyle(OverlayStyle newStyle) {
        style = newStyle;
        refresh();
    }

    public OverlayStyle overlayStyle() {
        return style;
    }

    public RgbImage frame() {
        return frame;
    }

    public LabelMask mask() {
        return mask;
    }

    public void setTool(CanvasTool newTool) {
        tool = newTool;
        redraw();
    }

    public CanvasTool tool() {
        return tool;
    }

    public ViewTransform view() {
        if (fitPending) {
            applyFit(false);
        }
        return view;
    }

    /** Set zoom and pan, e.g. from a synchronised canvas; does not notify listeners back. */
    public void setView(ViewTransform newView) {
        view = newView;
        fitPending = false;
        autoFit = false;
        viewSetExternally = true;
        redraw();
    }

    /** Fit the frame to the canvas and keep fitting on resize until the user zooms or pans. */
    public void fit() {
        autoFit = true;
        applyFit(true);
        redraw();
    }

    public void addViewListener(Consumer<ViewTransform> listener) {
        viewListeners.add(listener);
    }

    public void removeViewListener(Consumer<ViewTransform> listener) {
        viewListeners.remove(listener);
    }

    /** Zoom by a factor around a canvas point, as the wheel does. */
    public void zoom(double factor, int canvasX, int canvasY) {
        changeView(view().zoomAt(factor, canvasX, canvasY));
    }

    public void pan(int dx, int dy) {
        changeView(view().panBy(dx, dy));
    }

    private void changeView(ViewTransform newView) {
        view = newView;
        autoFit = false;
        fitPending = false;
        redraw();
        viewListeners.forEach(l -> l.accept(newView));
    }

    private void applyFit(boolean notify) {
        Rectangle area = getClientArea();
        int w = imageWidth();
        int h = imageHeight();
        if (w <= 0 || area.width <= 0 || area.height <= 0) {
            return;
        }
        view = ViewTransform.fit(w, h, area.width, area.height);
        fitPending = false;
        if (notify) {
            viewListeners.forEach(l -> l.accept(view));
        }
    }

    private int imageWidth() {
        return customImage != null ? customImage.width : frame != null ? frame.width() : 0;
    }

    private int imageHeight() {
        return customImage != null ? customImage.height : frame != null ? frame.height() : 0;
    }

    private void rebuildImage() {
        if (isDisposed()) {
            return;
        }
        ImageData data;
        if (customImage != null) {
            data = customImage;
        } else if (frame != null) {
            if (composed == null || composed.width != frame.width() || composed.height != frame.height()) {
                composed = new ImageData(frame.width(), frame.height(), 24, OverlayRenderer.RGB);
            }
            OverlayRenderer.composeInto(composed, frame, mask, style);
            data = composed;
        } else {
            disposeImage();
            return;
        }
        disposeImage();
        image = new Image(getDisplay(), data);
    }

    private void disposeImage() {
        if (image != null) {
            image.dispose();
            image = null;
        }
    }

    private void paint(GC gc) {
        Rectangle area = getClientArea();
        gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_WIDGET_DARK_SHADOW));
        gc.fillRectangle(area);
        if (image == null) {
            return;
        }
        ViewTransform v = view();
        int w = imageWidth();
        int h = imageHeight();
        // nearest neighbour when zoomed in, so annotators see the real pixels they paint
        gc.setInterpolation(v.scale() >= 1 ? SWT.NONE : SWT.LOW);
        gc.drawImage(image, 0, 0, w, h, (int) Math.round(v.originX()), (int) Math.round(v.originY()),
                (int) Math.round(w * v.scale()), (int) Math.round(h * v.scale()));
        if (tool != null) {
            tool.paintFeedback(gc, v);
        }
    }

    private void onWheel(Event e) {
        if (imageWidth() == 0) {
            return;
        }
        double factor = e.count > 0 ? 1.25 : 1 / 1.25;
        zoom(factor, e.x, e.y);
    }

    private void onMouseDown(Event e) {
        setFocus();
        if (e.button == 3 && tool != null && tool.takesRightButton() && imageWidth() > 0) {
            toolDragging = true;
            tool.mouseDown(view().toImageX(e.x), view().toImageY(e.y), e.stateMask | SWT.BUTTON3);
            redraw();
        } else if (e.button == 2 || e.button == 3) {
            panStart = new Point(e.x, e.y);
        } else if (e.button == 1 && tool != null && imageWidth() > 0) {
            toolDragging = true;
            tool.mouseDown(view().toImageX(e.x), view().toImageY(e.y), e.stateMask);
            redraw();
        }
    }

    private void onMouseMove(Event e) {
        if (panStart != null) {
            pan(e.x - panStart.x, e.y - panStart.y);
            panStart = new Point(e.x, e.y);
        } else if (tool != null && imageWidth() > 0) {
            if (toolDragging) {
                tool.mouseDrag(view().toImageX(e.x), view().toImageY(e.y), e.stateMask);
            } else {
                tool.mouseHover(view().toImageX(e.x), view().toImageY(e.y));
            }
            redraw();
        }
    }

    private void onMouseUp(Event e) {
        if (panStart != null && (e.button == 2 || e.button == 3)) {
            panStart = null;
        } else if ((e.button == 1 || e.button == 3) && toolDragging) {
            toolDragging = false;
            tool.mouseUp(view().toImageX(e.x), view().toImageY(e.y), e.stateMask | (e.button == 3 ? SWT.BUTTON3 : 0));
            redraw();
        }
    }
}
