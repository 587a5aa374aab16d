package org.vosbench.interaction.ui.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.widgets.Display;
import org.vosbench.core.CancelledException;
import org.vosbench.core.LabelMask;
import org.vosbench.core.RgbImage;
import org.vosbench.interaction.Box;
import org.vosbench.interaction.Click;
import org.vosbench.interaction.InteractionRequest;
import org.vosbench.interaction.InteractionResult;
import org.vosbench.interaction.InteractionSession;
import org.vosbench.interaction.InvalidInteractionException;
import org.vosbench.ui.CanvasTool;
import org.vosbench.ui.EclipseProgressMonitor;
import org.vosbench.ui.ViewTransform;
import org.vosbench.ui.editor.MaskPainter;
import org.vosbench.ui.editor.SequenceEditorControl;

/**
 * Click, box or scribble on the current frame for the selected object: left button positive, right
 * button negative (as Cutie and SAM 2); a box is dragged; scribbles are strokes (right button: background).
 * Each gesture runs the interaction model on the frame in a Job, with the frame's mask as the previous
 * mask, and writes the aggregated labels into the frame as one undoable operation.
 */
final class InteractionTool implements CanvasTool {

    /** The gesture this tool turns into model input. */
    enum Mode {
        CLICK("Click segmentation"), BOX("Box segmentation"), SCRIBBLE("Scribble segmentation");

        final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    /** Scribble stroke radius: MiVOS draws 3-pixel-wide strokes. */
    private static final double STROKE_RADIUS = 1.5;

    private final SequenceEditorControl control;
    private final Mode mode;
    private final InteractionInput input;
    private final Supplier<InteractionSession> sessions;
    private final Consumer<String> problems;

    private double downX = Double.NaN;
    private double downY;
    private double dragX;
    private double dragY;
    private boolean negative;
    private long lastMillis;

    /**
     * @param control the editor
     * @param mode click, box or scribble
     * @param input shared with the other interaction tools of the editor
     * @param sessions an open session of the preferred model (throws with a message when it cannot be had)
     * @param problems shows a message to the person
     */
    InteractionTool(SequenceEditorControl control, Mode mode, InteractionInput input, Supplier<InteractionSession> sessions,
            Consumer<String> problems) {
        this.control = control;
        this.mode = mode;
        this.input = input;
        this.sessions = sessions;
        this.problems = problems;
    }

    @Override
    public boolean takesRightButton() {
        return true;
    }

    @Override
    public void mouseDown(double x, double y, int stateMask) {
        if (control.currentObject() == 0) {
            return;
        }
        input.follow(control.currentFrame(), control.currentObject(), control.document().mask(control.currentFrame()));
        negative = (stateMask & SWT.BUTTON3) != 0;
        downX = x;
        downY = y;
        dragX = x;
        dragY = y;
        if (mode == Mode.SCRIBBLE) {
            stroke(x, y, x, y);
        }
    }

    @Override
    public void mouseDrag(double x, double y, int stateMask) {
        if (Double.isNaN(downX)) {
            return;
        }
        if (mode == Mode.SCRIBBLE) {
            stroke(dragX, dragY, x, y);
        }
        dragX = x;
        dragY = y;
    }

    @Override
    public void mouseUp(double x, double y, int stateMask) {
        if (Double.isNaN(downX)) {
            return;
        }
        int w = control.document().width();
        int h = control.document().height();
        switch (mode) {
            case CLICK -> {
                int cx = (int) Math.floor(x);
                int cy = (int) Math.floor(y);
                if (cx >= 0 && cy >= 0 && cx < w && cy < h) {
                    input.clicks.add(new Click(cx, cy, !negative));
                }
            }
            case BOX -> {
                int x0 = clamp((int) Math.floor(Math.min(downX, x)), w);
                int y0 = clamp((int) Math.floor(Math.min(downY, y)), h);
                int x1 = clamp((int) Math.ceil(Math.max(downX, x)), w);
                int y1 = clamp((int) Math.ceil(Math.max(downY, y)), h);
                if (x1 > x0 && y1 > y0) {
                    input.box = new Box(x0, y0, x1, y1);
                }
            }
            case SCRIBBLE -> stroke(dragX, dragY, x, y);
            default -> throw new IllegalStateException();
        }
        downX = Double.NaN;
        run();
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }

    private void stroke(double x0, double y0, double x1, double y1) {
        if (input.scribbles == null) {
            input.scribbles = LabelMask.empty(control.document().width(), control.document().height());
            java.util.Arrays.fill(input.scribbles.labels(), (byte) LabelMask.VOID);
        }
        MaskPainter.paintLine(input.scribbles, x0, y0, x1, y1, STROKE_RADIUS, negative ? 0 : input.object);
    }

    /**
     * Runs the model with everything given so far as a Job (off the UI thread, cancellable from the
     * Progress view; a newer gesture cancels it, as its input includes this one) and writes the result
     * as one undoable operation on the UI thread. Jobs of one editor run one at a time.
     */
    void run() {
        if (input.clicks.isEmpty() && input.box == null && input.scribbles == null) {
            return;
        }
        int frame = input.frame;
        RgbImage image;
        try {
            image = control.frameCache().get(frame);
        } catch (Exception e) {
            problems.accept("Cannot read frame " + frame + ": " + e.getMessage());
            return;
        }
        LabelMask previous = control.document().mask(frame);
        InteractionRequest request = new InteractionRequest(image, previous == null ? null : previous.copy(),
                input.scribbles == null ? null : input.scribbles.copy(), List.copyOf(input.clicks),
                Optional.ofNullable(input.box), input.object);
        long generation = ++input.generation;
        if (input.job != null) {
            input.job.cancel();
        }
        Display display = control.getDisplay();
        control.canvas().setCursor(display.getSystemCursor(SWT.CURSOR_APPSTARTING));
        Job job = new Job(mode.label) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                long start = System.nanoTime();
                try {
                    InteractionResult result = sessions.get().interact(request, new EclipseProgressMonitor(monitor));
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    display.asyncExec(() -> apply(generation, frame, result, millis));
                    return Status.OK_STATUS;
                } catch (CancelledException e) {
                    display.asyncExec(() -> finished(generation));
                    return Status.CANCEL_STATUS;
                } catch (RuntimeException e) {
                    display.asyncExec(() -> failed(generation, e));
                    return Status.OK_STATUS; // shown to the person by failed(), not as a job error
                }
            }
        };
        job.setRule(input.rule);
        job.setPriority(Job.INTERACTIVE);
        input.job = job;
        job.schedule();
    }

    /** On the UI thread: the result of the newest interaction goes into the frame's mask. */
    private void apply(long generation, int frame, InteractionResult result, long millis) {
        if (!finished(generation)) {
            return;
        }
        lastMillis = millis;
        byte[] labels = result.labels().labels();
        control.document().edit(frame, mode.label, mask -> {
            byte[] target = mask.labels();
            int changed = 0;
            for (int i = 0; i < target.length; i++) {
                if (target[i] != labels[i]) {
                    target[i] = labels[i];
                    changed++;
                }
            }
            return changed;
        });
        input.written = control.document().mask(frame) == null ? null : control.document().mask(frame).copy();
    }

    private void failed(long generation, RuntimeException failure) {
        if (!finished(generation)) {
            return;
        }
        if (failure instanceof InvalidInteractionException) {
            // the input stays as it was before this gesture
            input.follow(-1, 0, null);
        }
        problems.accept(failure.getMessage());
    }

    /** @return whether the interaction of {@code generation} is the newest (and the editor still open) */
    private boolean finished(long generation) {
        if (control.isDisposed() || generation != input.generation) {
            return false;
        }
        control.canvas().setCursor(null);
        input.job = null;
        return true;
    }

    /** @return the Job of the interaction still running or waiting to be applied, or null */
    Job running() {
        return input.job;
    }

    /** @return milliseconds the last interaction took (model and aggregation) */
    long lastMillis() {
        return lastMillis;
    }

    @Override
    public void paintFeedback(GC gc, ViewTransform view) {
        if (input.frame != control.currentFrame() || input.object != control.currentObject()) {
            return;
        }
        for (Click c : input.clicks) {
            int sx = (int) Math.round(view.toScreenX(c.x() + 0.5));
            int sy = (int) Math.round(view.toScreenY(c.y() + 0.5));
            gc.setBackground(gc.getDevice().getSystemColor(c.positive() ? SWT.COLOR_GREEN : SWT.COLOR_RED));
            gc.fillOval(sx - 5, sy - 5, 10, 10);
            gc.setForeground(gc.getDevice().getSystemColor(SWT.COLOR_WHITE));
            gc.drawOval(sx - 5, sy - 5, 10, 10);
        }
        gc.setForeground(gc.getDevice().getSystemColor(SWT.COLOR_YELLOW));
        gc.setLineWidth(2);
        if (input.box != null) {
            rect(gc, view, input.box.x0(), input.box.y0(), input.box.x1(), input.box.y1());
        }
        if (mode == Mode.BOX && !Double.isNaN(downX)) {
            rect(gc, view, Math.min(downX, dragX), Math.min(downY, dragY), Math.max(downX, dragX), Math.max(downY, dragY));
        }
        gc.setLineWidth(1);
    }

    private static void rect(GC gc, ViewTransform view, double x0, double y0, double x1, double y1) {
        int sx = (int) Math.round(view.toScreenX(x0));
        int sy = (int) Math.round(view.toScreenY(y0));
        gc.drawRectangle(sx, sy, (int) Math.round(view.toScreenX(x1)) - sx, (int) Math.round(view.toScreenY(y1)) - sy);
    }
}
