package org.vosbench.ui.editor;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;

/**
 * The timeline strip under the frame: one cell per frame coloured by its {@link FrameState}
 * (annotated by a person: green, propagated: blue, edited after propagation: orange, none: grey),
 * and the current frame as a black cursor. Clicking or dragging selects a frame.
 */
public final class TimelineStrip extends Canvas {

    /** 0xRRGGBB per state, in {@link FrameState} order; also used by the legend. */
    public static final int[] STATE_COLORS = {0x9e9e9e, 0x2e7d32, 0x1e88e5, 0xef6c00};

    private final List<IntConsumer> selectionListeners = new CopyOnWriteArrayList<>();
    private final Color[] colors = new Color[STATE_COLORS.length];
    private FrameState[] states = new FrameState[0];
    private int current;

    public TimelineStrip(Composite parent, int style) {
        super(parent, style | SWT.DOUBLE_BUFFERED);
        for (int i = 0; i < colors.length; i++) {
            int c = STATE_COLORS[i];
            colors[i] = new Color(c >> 16 & 0xFF, c >> 8 & 0xFF, c & 0xFF);
        }
        addPaintListener(e -> paint(e.gc));
        addListener(SWT.MouseDown, this::select);
        addListener(SWT.MouseMove, e -> {
            if ((e.stateMask & SWT.BUTTON1) != 0) {
                select(e);
            }
        });
    }

    @Override
    public Point computeSize(int wHint, int hHint, boolean changed) {
        return new Point(wHint == SWT.DEFAULT ? 300 : wHint, hHint == SWT.DEFAULT ? 22 : hHint);
    }

    public void setStates(FrameState[] newStates) {
        states = newStates.clone();
        redraw();
    }

    public FrameState[] states() {
        return states.clone();
    }

    public void setCurrent(int frame) {
        current = frame;
        redraw();
    }

    public int current() {
        return current;
    }

    /** Listeners get the frame index the user picked. */
    public void addSelectionListener(IntConsumer listener) {
        selectionListeners.add(listener);
    }

    /** Frame under canvas x. */
    public int frameAt(int x) {
        Rectangle area = getClientArea();
        if (states.length == 0 || area.width <= 0) {
            return 0;
        }
        int f = (int) ((long) x * states.length / area.width);
        return Math.max(0, Math.min(states.length - 1, f));
    }

    private void select(Event e) {
        if (states.length == 0) {
            return;
        }
        int f = frameAt(e.x);
        selectionListeners.forEach(l -> l.accept(f));
    }

    private void paint(GC gc) {
        Rectangle area = getClientArea();
        gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_WIDGET_BACKGROUND));
        gc.fillRectangle(area);
        int n = states.length;
        if (n == 0) {
            return;
        }
        for (int i = 0; i < n; i++) {
            int x0 = (int) ((long) i * area.width / n);
            int x1 = (int) ((long) (i + 1) * area.width / n);
            gc.setBackground(colors[states[i].ordinal()]);
            int inset = states[i] == FrameState.NONE ? area.height / 3 : 2;
            gc.fillRectangle(x0, inset, Math.max(1, x1 - x0 - (x1 - x0 > 3 ? 1 : 0)), area.height - 2 * inset);
        }
        int cx0 = (int) ((long) current * area.width / n);
        int cx1 = (int) ((long) (current + 1) * area.width / n);
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_BLACK));
        gc.setLineWidth(2);
        gc.drawRectangle(cx0, 0, Math.max(2, cx1 - cx0), area.height - 1);
    }
}
