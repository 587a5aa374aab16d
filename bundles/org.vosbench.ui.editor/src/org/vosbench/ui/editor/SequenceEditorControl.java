package org.vosbench.ui.editor;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.function.BiConsumer;

import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Scale;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Table;
import org.vosbench.core.ImageReader;
import org.vosbench.core.RgbImage;
import org.vosbench.ui.CanvasTool;
import org.vosbench.ui.FrameCache;
import org.vosbench.ui.FrameCanvas;
import org.vosbench.ui.OverlayMode;
import org.vosbench.ui.OverlayStyle;

/**
 * The body of the sequence editor, usable in any SWT composite. It composes the parts, each with one
 * job: {@link EditorToolBar} (tools, overlay, propagate / cancel and the progress strip), the
 * {@link FrameCanvas}, {@link ObjectListPanel} (a JFace viewer of the objects), {@link TimelineStrip}
 * with the frame slider, and {@link Playback}. This class keeps the current frame, object and tool, and
 * has its keys as workbench commands ({@link EditorKeys}). Tools are registered by id ({@link #addTool}); the built-in
 * ones are {@link Tool}s.
 */
public final class SequenceEditorControl extends Composite implements EditingTools.Context {

    /** The built-in tools, in tool bar order. */
    public enum Tool {
        BRUSH("Brush"), ERASER("Eraser"), POLYGON("Polygon"), FILL("Fill");

        final String label;

        Tool(String label) {
            this.label = label;
        }

        /** The id the tool is registered under. */
        public String id() {
            return name().toLowerCase();
        }
    }

    private final SequenceDocument document;
    private final FrameCache<RgbImage> frames;
    private final EditorToolBar toolBar;
    private final FrameCanvas canvas;
    private final ObjectListPanel objectList;
    private final TimelineStrip timeline;
    private final Scale slider;
    private final Label frameLabel;
    private final Playback playback;
    private final Map<String, CanvasTool> tools = new LinkedHashMap<>();
    private final SequenceDocument.Listener documentListener;
    private BiConsumer<SequenceEditorControl, PropagationDirection> propagationHandler;
    private Runnable cancelHandler = () -> {
    };
    private int current = -1;
    private int currentObject;
    private String tool = Tool.BRUSH.id();
    private int lastDirection = 1;

    public SequenceEditorControl(Composite parent, int style, SequenceDocument document) {
        super(parent, style);
        this.document = document;
        this.frames = new FrameCache<>(document.frameCount(), 48,
                i -> ImageReader.readRgb(document.sequence().frame(i).image()));
        setLayout(new GridLayout(1, false));

        toolBar = new EditorToolBar(this, this::selectTool, this::updateStyle, this::propagate,
                () -> cancelHandler.run());
        toolBar.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

        SashForm sash = new SashForm(this, SWT.HORIZONTAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        canvas = new FrameCanvas(sash, SWT.BORDER);
        objectList = new ObjectListPanel(sash, document, id -> currentObject = id);
        sash.setWeights(80, 20);

        timeline = new TimelineStrip(this, SWT.NONE);
        timeline.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        timeline.addSelectionListener(this::showFrame);
        timeline.setToolTipText("Green: annotated by a person · blue: propagated · orange: edited after propagation"
                + " · grey: no mask");
        Composite bottom = new Composite(this, SWT.NONE);
        bottom.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        bottom.setLayout(new GridLayout(2, false));
        slider = new Scale(bottom, SWT.HORIZONTAL);
        slider.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        slider.setMinimum(0);
        slider.setMaximum(Math.max(1, document.frameCount() - 1));
        slider.setPageIncrement(10);
        slider.addListener(SWT.Selection, e -> showFrame(slider.getSelection()));
        frameLabel = new Label(bottom, SWT.NONE);
        // a fixed width: the slider must not change size with the text
        GridData labelData = new GridData(SWT.END, SWT.CENTER, false, false);
        labelData.widthHint = 420;
        frameLabel.setLayoutData(labelData);
        playback = new Playback(this, () -> current, document::frameCount, this::showFrame);

        addTool(Tool.BRUSH.id(), Tool.BRUSH.label, "Paint the selected object", new EditingTools.Brush(this, false));
        addTool(Tool.ERASER.id(), Tool.ERASER.label, "Erase to background", new EditingTools.Brush(this, true));
        addTool(Tool.POLYGON.id(), Tool.POLYGON.label, "Click the corners; Enter or double-click fills",
                new EditingTools.Polygon(this, canvas::redraw));
        addTool(Tool.FILL.id(), Tool.FILL.label, "Fill the connected region under the pointer",
                new EditingTools.Fill(this));

        for (Control c : new Control[] {canvas, timeline, slider}) {
            c.addListener(SWT.KeyDown, this::onKey);
        }
        returnFocusToCanvas(toolBar);
        returnFocusToCanvas(objectList);
        documentListener = new SequenceDocument.Listener() {
            @Override
            public void framesChanged(SortedSet<Integer> changed) {
                if (isDisposed()) {
                    return;
                }
                timeline.setStates(states());
                if (changed.contains(current)) {
                    canvas.setFrame(canvas.frame(), document.mask(current));
                    updateFrameLabel();
                }
            }

            @Override
            public void objectsChanged() {
                if (!isDisposed()) {
                    objectList.refresh();
                    updateStyle();
                }
            }
        };
        document.addListener(documentListener);
        addListener(SWT.Dispose, e -> {
            playback.stop();
            document.removeListener(documentListener);
            frames.close();
        });

        objectList.refresh();
        selectTool(Tool.BRUSH);
        timeline.setStates(states());
        updateStyle();
        showFrame(document.personFrames().isEmpty() ? 0 : document.personFrames().first());
    }

    /**
     * After a push, radio or scale of the tool bar or object list is used, the keyboard goes back to
     * the canvas, so the frame keys keep working (text fields and spinners keep it: they take typing).
     */
    private void returnFocusToCanvas(Composite parent) {
        for (Control c : parent.getChildren()) {
            if (c instanceof Composite inner && !(c instanceof Combo) && !(c instanceof Spinner)
                    && !(c instanceof Table)) {
                returnFocusToCanvas(inner);
            } else if (c instanceof Button || c instanceof Scale || c instanceof Combo) {
                c.addListener(SWT.Selection, e -> getDisplay().asyncExec(() -> {
                    if (!canvas.isDisposed() && c.getShell().isVisible()) {
                        canvas.setFocus();
                    }
                }));
            }
        }
    }

    /**
     * Adds a canvas tool with a radio button on the tool bar, after the ones already there. Interaction
     * tools (click, box, scribble) plug in here; they reach the document, frame and object through
     * this control as an {@link EditingTools.Context}.
     */
    public Button addTool(String id, String label, String toolTip, CanvasTool canvasTool) {
        tools.put(id, canvasTool);
        Button b = toolBar.addTool(id, label, toolTip);
        b.addListener(SWT.Selection, e -> getDisplay().asyncExec(() -> {
            if (!canvas.isDisposed()) {
                canvas.setFocus();
            }
        }));
        return b;
    }

    // ---- EditingTools.Context

    @Override
    public SequenceDocument document() {
        return document;
    }

    @Override
    public int currentFrame() {
        return current;
    }

    @Override
    public int currentObject() {
        return currentObject;
    }

    @Override
    public double brushRadius() {
        return toolBar.sizeSpinner().getSelection();
    }

    // ---- public operations (also reached through the widgets)

    public FrameCanvas canvas() {
        return canvas;
    }

    public TimelineStrip timeline() {
        return timeline;
    }

    public Table objectTable() {
        return objectList.table();
    }

    /** The id of the selected tool. */
    public String toolId() {
        return tool;
    }

    public CanvasTool canvasTool(Tool t) {
        return tools.get(t.id());
    }

    public CanvasTool canvasTool(String id) {
        return tools.get(id);
    }

    public FrameCache<RgbImage> frameCache() {
        return frames;
    }

    public Button toolButton(Tool t) {
        return toolBar.toolButton(t.id());
    }

    public Button toolButton(String id) {
        return toolBar.toolButton(id);
    }

    public Button propagateButton(PropagationDirection d) {
        return toolBar.propagateButton(d);
    }

    /** Stops the running propagation; enabled only while one runs. */
    public Button cancelButton() {
        return toolBar.cancelButton();
    }

    public ProgressBar progressBar() {
        return toolBar.progressBar();
    }

    /** The progress strip's text: frames done / total and frames per second. */
    public Label progressLabel() {
        return toolBar.progressLabel();
    }

    public Spinner sizeSpinner() {
        return toolBar.sizeSpinner();
    }

    public Combo overlayCombo() {
        return toolBar.overlayCombo();
    }

    public Label frameLabel() {
        return frameLabel;
    }

    public void setBrushRadius(int radius) {
        toolBar.sizeSpinner().setSelection(radius);
    }

    public void selectTool(Tool t) {
        selectTool(t.id());
    }

    public void selectTool(String id) {
        CanvasTool next = tools.get(id);
        if (next == null) {
            throw new IllegalArgumentException("No tool " + id);
        }
        tool = id;
        toolBar.showSelectedTool(id);
        canvas.setTool(next);
        if (!Tool.POLYGON.id().equals(id)) {
            polygon().cancel();
        }
    }

    private EditingTools.Polygon polygon() {
        return (EditingTools.Polygon) tools.get(Tool.POLYGON.id());
    }

    public void selectObject(int id) {
        currentObject = id;
        objectList.select(id);
    }

    public void setOverlayMode(OverlayMode mode) {
        toolBar.overlayCombo().select(mode.ordinal());
        updateStyle();
    }

    public void setOverlayOpacity(double opacity) {
        toolBar.opacityScale().setSelection((int) Math.round(opacity * 100));
        updateStyle();
    }

    /** Who runs a propagation when a propagate button is pressed (the editor part starts a Job). */
    public void setPropagationHandler(BiConsumer<SequenceEditorControl, PropagationDirection> handler) {
        propagationHandler = handler;
    }

    /** Who stops the running propagation when Cancel is pressed. */
    public void setCancelHandler(Runnable handler) {
        cancelHandler = handler;
    }

    public void propagate(PropagationDirection direction) {
        if (propagationHandler != null && toolBar.propagateButton(direction).isEnabled()) {
            propagationHandler.accept(this, direction);
        }
    }

    /** Propagate buttons off and Cancel on while a propagation runs. */
    public void setPropagating(boolean running) {
        toolBar.setPropagating(running);
    }

    /** Shows a running propagation's progress in the editor's progress strip. */
    public void showProgress(String what, int done, int total, double framesPerSecond) {
        toolBar.showProgress(what, done, total, framesPerSecond);
    }

    /** Shows how the last propagation ended in the progress strip. */
    public void showFinished(String summary) {
        toolBar.showFinished(summary);
    }

    /** Shows a frame (clamped to the sequence), prefetching the next frames in the direction of travel. */
    public void showFrame(int frame) {
        int f = Math.max(0, Math.min(document.frameCount() - 1, frame));
        if (current >= 0 && f != current) {
            lastDirection = f > current ? 1 : -1;
        }
        current = f;
        RgbImage image;
        try {
            image = frames.get(f);
        } catch (Exception e) {
            MessageDialog.openError(getShell(), "Cannot show frame",
                    document.sequence().frame(f).image() + ": " + e.getMessage());
            return;
        }
        canvas.setFrame(image, document.mask(f));
        timeline.setCurrent(f);
        slider.setSelection(f);
        updateFrameLabel();
        frames.prefetch(f, lastDirection, 12);
    }

    public int currentFrameIndex() {
        return current;
    }

    public boolean isPlaying() {
        return playback.isPlaying();
    }

    /** Space: plays forward from the current frame at 25 frames per second until the end or Space again. */
    public void togglePlay() {
        playback.toggle();
    }

    public void undo() {
        try {
            document.history().undo(document.undoContext(), null, null);
        } catch (ExecutionException e) {
            MessageDialog.openError(getShell(), "Undo failed", e.getMessage());
        }
    }

    public void redo() {
        try {
            document.history().redo(document.undoContext(), null, null);
        } catch (ExecutionException e) {
            MessageDialog.openError(getShell(), "Redo failed", e.getMessage());
        }
    }

    // ---- internals

    private FrameState[] states() {
        FrameState[] s = new FrameState[document.frameCount()];
        for (int i = 0; i < s.length; i++) {
            s[i] = document.state(i);
        }
        return s;
    }

    private void updateFrameLabel() {
        frameLabel.setText(String.format("Frame %d / %d  ·  %s  ·  %s", current + 1, document.frameCount(),
                document.sequence().frame(current).name(), describe(document.state(current))));
    }

    private static String describe(FrameState s) {
        return switch (s) {
            case NONE -> "no mask";
            case ANNOTATED -> "annotated by a person";
            case PROPAGATED -> "propagated";
            case EDITED -> "edited after propagation";
        };
    }

    /**
     * The keys the canvas handles itself ({@link EditorKeys#CANVAS_KEYS}); the editor's other keys are
     * workbench commands, dispatched before a widget sees them.
     */
    private void onKey(Event e) {
        switch (e.keyCode) {
            case SWT.CR, SWT.KEYPAD_CR -> {
                if (Tool.POLYGON.id().equals(tool)) {
                    polygon().close();
                    e.doit = false;
                }
            }
            case SWT.ESC -> {
                polygon().cancel();
                e.doit = false;
            }
            default -> {
                // a workbench command's key, or none of the editor's
            }
        }
    }

    private void updateStyle() {
        Map<Integer, Integer> colors = new HashMap<>();
        Set<Integer> hidden = new HashSet<>();
        for (AnnotatedObject o : document.objects()) {
            colors.put(o.id(), o.color());
            if (!o.visible()) {
                hidden.add(o.id());
            }
        }
        canvas.setOverlayStyle(OverlayStyle.defaults().withMode(toolBar.overlayMode())
                .withOpacity(toolBar.opacityScale().getSelection() / 100.0).withColors(colors).withHidden(hidden));
    }
}
