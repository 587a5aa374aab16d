package org.vosbench.ui.editor;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.function.BiConsumer;

import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.ColorDialog;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Scale;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.vosbench.core.ImageReader;
import org.vosbench.core.RgbImage;
import org.vosbench.ui.CanvasTool;
import org.vosbench.ui.FrameCache;
import org.vosbench.ui.FrameCanvas;
import org.vosbench.ui.OverlayMode;
import org.vosbench.ui.OverlayStyle;

/**
 * The body of the sequence editor, usable in any SWT composite: tool bar (brush, eraser, polygon, fill,
 * size, overlay mode and opacity, propagation), frame canvas, object list and timeline. Keys on the
 * canvas and timeline: ←/→ one frame, Shift+←/→ ten, Home/End, Space plays, Ctrl+Z undo, Ctrl+Y and
 * Ctrl+Shift+Z redo (inside the workbench the same keys reach the workbench's undo/redo handlers).
 */
public final class SequenceEditorControl extends Composite implements EditingTools.Context {

    /** The tools, in tool bar order. */
    public enum Tool {
        BRUSH("Brush"), ERASER("Eraser"), POLYGON("Polygon"), FILL("Fill");

        final String label;

        Tool(String label) {
            this.label = label;
        }
    }

    private static final int PLAY_INTERVAL_MS = 40;

    private final SequenceDocument document;
    private final FrameCache<RgbImage> frames;
    private final FrameCanvas canvas;
    private final TimelineStrip timeline;
    private final Scale slider;
    private final Label frameLabel;
    private final Table objectTable;
    private final Spinner sizeSpinner;
    private final Combo overlayCombo;
    private final Scale opacityScale;
    private final Map<Tool, Button> toolButtons = new HashMap<>();
    private final Map<Tool, CanvasTool> tools = new HashMap<>();
    private final Map<PropagationDirection, Button> propagateButtons = new HashMap<>();
    private final SequenceDocument.Listener documentListener;
    private final Set<Image> swatches = new HashSet<>();
    private BiConsumer<SequenceEditorControl, PropagationDirection> propagationHandler;
    private int current = -1;
    private int currentObject;
    private Tool tool = Tool.BRUSH;
    private boolean playing;
    private int lastDirection = 1;

    public SequenceEditorControl(Composite parent, int style, SequenceDocument document) {
        super(parent, style);
        this.document = document;
        this.frames = new FrameCache<>(document.frameCount(), 48,
                i -> ImageReader.readRgb(document.sequence().frame(i).image()));
        setLayout(new GridLayout(1, false));

        Composite bar = new Composite(this, SWT.NONE);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        RowLayout barLayout = new RowLayout(SWT.HORIZONTAL);
        barLayout.center = true;
        barLayout.spacing = 4;
        bar.setLayout(barLayout);
        for (Tool t : Tool.values()) {
            Button b = new Button(bar, SWT.RADIO);
            b.setText(t.label);
            b.addListener(SWT.Selection, e -> {
                if (b.getSelection()) {
                    selectTool(t);
                }
            });
            toolButtons.put(t, b);
        }
        new Label(bar, SWT.SEPARATOR | SWT.VERTICAL);
        new Label(bar, SWT.NONE).setText("Size");
        sizeSpinner = new Spinner(bar, SWT.BORDER);
        sizeSpinner.setValues(8, 1, 200, 0, 1, 5);
        sizeSpinner.setToolTipText("Brush and eraser radius in image pixels");
        new Label(bar, SWT.SEPARATOR | SWT.VERTICAL);
        new Label(bar, SWT.NONE).setText("Overlay");
        overlayCombo = new Combo(bar, SWT.READ_ONLY);
        overlayCombo.setItems("Filled", "Contour", "Off");
        overlayCombo.select(0);
        overlayCombo.addListener(SWT.Selection, e -> updateStyle());
        new Label(bar, SWT.NONE).setText("Opacity");
        opacityScale = new Scale(bar, SWT.HORIZONTAL);
        opacityScale.setMinimum(0);
        opacityScale.setMaximum(100);
        opacityScale.setSelection((int) Math.round(OverlayStyle.DEFAULT_OPACITY * 100));
        opacityScale.setToolTipText("Overlay opacity");
        opacityScale.addListener(SWT.Selection, e -> updateStyle());
        new Label(bar, SWT.SEPARATOR | SWT.VERTICAL);
        new Label(bar, SWT.NONE).setText("Propagate");
        addPropagateButton(bar, PropagationDirection.BACKWARD, "◀ Backward");
        addPropagateButton(bar, PropagationDirection.BOTH, "◀▶ Both");
        addPropagateButton(bar, PropagationDirection.FORWARD, "Forward ▶");

        SashForm sash = new SashForm(this, SWT.HORIZONTAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        canvas = new FrameCanvas(sash, SWT.BORDER);
        Composite objectsPane = new Composite(sash, SWT.NONE);
        objectsPane.setLayout(new GridLayout(2, true));
        Label objectsTitle = new Label(objectsPane, SWT.NONE);
        objectsTitle.setText("Objects");
        objectsTitle.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        objectTable = new Table(objectsPane, SWT.BORDER | SWT.CHECK | SWT.SINGLE | SWT.FULL_SELECTION);
        objectTable.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        objectTable.addListener(SWT.Selection, this::onObjectTable);
        addObjectButton(objectsPane, "Add", () -> selectObject(document.addObject().id()));
        addObjectButton(objectsPane, "Rename", this::renameSelected);
        addObjectButton(objectsPane, "Delete", this::deleteSelected);
        addObjectButton(objectsPane, "Colour", this::recolourSelected);
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
        frameLabel.setLayoutData(new GridData(SWT.END, SWT.CENTER, false, false));

        tools.put(Tool.BRUSH, new EditingTools.Brush(this, false));
        tools.put(Tool.ERASER, new EditingTools.Brush(this, true));
        tools.put(Tool.POLYGON, new EditingTools.Polygon(this, canvas::redraw));
        tools.put(Tool.FILL, new EditingTools.Fill(this));

        for (Control c : new Control[] {canvas, timeline, slider}) {
            c.addListener(SWT.KeyDown, this::onKey);
        }
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
                    refreshObjects();
                    updateStyle();
                }
            }
        };
        document.addListener(documentListener);
        addListener(SWT.Dispose, e -> {
            playing = false;
            document.removeListener(documentListener);
            frames.close();
            swatches.forEach(Image::dispose);
        });

        refreshObjects();
        if (!document.objects().isEmpty()) {
            selectObject(document.objects().get(0).id());
        }
        selectTool(Tool.BRUSH);
        timeline.setStates(states());
        updateStyle();
        showFrame(document.personFrames().isEmpty() ? 0 : document.personFrames().first());
    }

    private void addPropagateButton(Composite bar, PropagationDirection direction, String text) {
        Button b = new Button(bar, SWT.PUSH);
        b.setText(text);
        b.setToolTipText("Propagate " + direction.name().toLowerCase() + " from the current frame, up to the next"
                + " frame a person annotated or edited");
        b.addListener(SWT.Selection, e -> propagate(direction));
        propagateButtons.put(direction, b);
    }

    private void addObjectButton(Composite parent, String text, Runnable action) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        b.addListener(SWT.Selection, e -> action.run());
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
        return sizeSpinner.getSelection();
    }

    // ---- public operations (also reached through the widgets)

    public FrameCanvas canvas() {
        return canvas;
    }

    public TimelineStrip timeline() {
        return timeline;
    }

    public Table objectTable() {
        return objectTable;
    }

    public Tool tool() {
        return tool;
    }

    public CanvasTool canvasTool(Tool t) {
        return tools.get(t);
    }

    public FrameCache<RgbImage> frameCache() {
        return frames;
    }

    public Button toolButton(Tool t) {
        return toolButtons.get(t);
    }

    public Button propagateButton(PropagationDirection d) {
        return propagateButtons.get(d);
    }

    public Spinner sizeSpinner() {
        return sizeSpinner;
    }

    public Combo overlayCombo() {
        return overlayCombo;
    }

    public Label frameLabel() {
        return frameLabel;
    }

    public void setBrushRadius(int radius) {
        sizeSpinner.setSelection(radius);
    }

    public void selectTool(Tool t) {
        tool = t;
        toolButtons.forEach((k, b) -> b.setSelection(k == t));
        canvas.setTool(tools.get(t));
        if (t != Tool.POLYGON) {
            ((EditingTools.Polygon) tools.get(Tool.POLYGON)).cancel();
        }
    }

    public void selectObject(int id) {
        currentObject = id;
        TableItem[] items = objectTable.getItems();
        for (int i = 0; i < items.length; i++) {
            if (((Integer) items[i].getData()) == id) {
                objectTable.setSelection(i);
            }
        }
    }

    public void setOverlayMode(OverlayMode mode) {
        overlayCombo.select(mode.ordinal());
        updateStyle();
    }

    public void setOverlayOpacity(double opacity) {
        opacityScale.setSelection((int) Math.round(opacity * 100));
        updateStyle();
    }

    /** Who runs a propagation when a propagate button is pressed (the editor part starts a Job). */
    public void setPropagationHandler(BiConsumer<SequenceEditorControl, PropagationDirection> handler) {
        propagationHandler = handler;
    }

    public void propagate(PropagationDirection direction) {
        if (propagationHandler != null) {
            propagationHandler.accept(this, direction);
        }
    }

    /** Enables or disables the propagate buttons (while a propagation runs). */
    public void setPropagating(boolean running) {
        propagateButtons.values().forEach(b -> b.setEnabled(!running));
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
        return playing;
    }

    /** Space: plays forward from the current frame at 25 frames per second until the end or Space again. */
    public void togglePlay() {
        playing = !playing;
        if (playing) {
            getDisplay().timerExec(PLAY_INTERVAL_MS, this::playStep);
        }
    }

    private void playStep() {
        if (!playing || isDisposed()) {
            return;
        }
        if (current >= document.frameCount() - 1) {
            playing = false;
            return;
        }
        showFrame(current + 1);
        getDisplay().timerExec(PLAY_INTERVAL_MS, this::playStep);
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
        frameLabel.getParent().layout();
    }

    private static String describe(FrameState s) {
        return switch (s) {
            case NONE -> "no mask";
            case ANNOTATED -> "annotated by a person";
            case PROPAGATED -> "propagated";
            case EDITED -> "edited after propagation";
        };
    }

    private void onKey(Event e) {
        boolean ctrl = (e.stateMask & SWT.MOD1) != 0;
        boolean shift = (e.stateMask & SWT.SHIFT) != 0;
        if (ctrl && (e.keyCode == 'z' || e.keyCode == 'Z')) {
            if (shift) {
                redo();
            } else {
                undo();
            }
            e.doit = false;
            return;
        }
        if (ctrl && (e.keyCode == 'y' || e.keyCode == 'Y')) {
            redo();
            e.doit = false;
            return;
        }
        int step = shift ? 10 : 1;
        switch (e.keyCode) {
            case SWT.ARROW_RIGHT -> showFrame(current + step);
            case SWT.ARROW_LEFT -> showFrame(current - step);
            case SWT.HOME -> showFrame(0);
            case SWT.END -> showFrame(document.frameCount() - 1);
            case SWT.CR, SWT.KEYPAD_CR -> {
                if (tool == Tool.POLYGON) {
                    ((EditingTools.Polygon) tools.get(Tool.POLYGON)).close();
                }
            }
            case SWT.ESC -> ((EditingTools.Polygon) tools.get(Tool.POLYGON)).cancel();
            default -> {
                if (e.character == ' ') {
                    togglePlay();
                } else {
                    return;
                }
            }
        }
        e.doit = false;
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
        OverlayMode mode = OverlayMode.values()[Math.max(0, overlayCombo.getSelectionIndex())];
        canvas.setOverlayStyle(OverlayStyle.defaults().withMode(mode)
                .withOpacity(opacityScale.getSelection() / 100.0).withColors(colors).withHidden(hidden));
    }

    private void refreshObjects() {
        objectTable.removeAll();
        swatches.forEach(Image::dispose);
        swatches.clear();
        for (AnnotatedObject o : document.objects()) {
            TableItem item = new TableItem(objectTable, SWT.NONE);
            item.setText(o.id() + "  " + o.name());
            item.setChecked(o.visible());
            item.setData(o.id());
            item.setImage(swatch(o.color()));
        }
        if (document.object(currentObject).isEmpty()) {
            currentObject = document.objects().isEmpty() ? 0 : document.objects().get(0).id();
        }
        selectObject(currentObject);
    }

    private Image swatch(int rgb) {
        Image image = new Image(getDisplay(), 14, 14);
        GC gc = new GC(image);
        gc.setBackground(new Color(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF));
        gc.fillRectangle(0, 0, 14, 14);
        gc.dispose();
        swatches.add(image);
        return image;
    }

    private void onObjectTable(Event e) {
        if (!(e.item instanceof TableItem item)) {
            return;
        }
        int id = (Integer) item.getData();
        if (e.detail == SWT.CHECK) {
            document.setObjectVisible(id, item.getChecked());
        } else {
            currentObject = id;
        }
    }

    private void renameSelected() {
        document.object(currentObject).ifPresent(o -> {
            InputDialog dialog = new InputDialog(getShell(), "Rename object", "Name of object " + o.id(), o.name(),
                    s -> s.isBlank() ? "A name is needed" : null);
            if (dialog.open() == Window.OK) {
                document.renameObject(o.id(), dialog.getValue().strip());
            }
        });
    }

    private void deleteSelected() {
        document.object(currentObject).ifPresent(o -> {
            if (MessageDialog.openConfirm(getShell(), "Delete object", "Delete " + o.name()
                    + " and its pixels on every frame? (Undo brings it back.)")) {
                document.deleteObject(o.id());
            }
        });
    }

    private void recolourSelected() {
        document.object(currentObject).ifPresent(o -> {
            ColorDialog dialog = new ColorDialog(getShell());
            dialog.setRGB(new RGB(o.color() >> 16 & 0xFF, o.color() >> 8 & 0xFF, o.color() & 0xFF));
            RGB rgb = dialog.open();
            if (rgb != null) {
                document.recolorObject(o.id(), rgb.red << 16 | rgb.green << 8 | rgb.blue);
            }
        });
    }
}
