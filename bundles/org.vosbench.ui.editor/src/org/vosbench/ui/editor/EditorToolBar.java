package org.vosbench.ui.editor;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.layout.RowData;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Scale;
import org.eclipse.swt.widgets.Spinner;
import org.vosbench.ui.OverlayMode;
import org.vosbench.ui.OverlayStyle;

/**
 * The sequence editor's tool bar: one radio button per canvas tool (built-in tools first, then the ones
 * {@link #addTool added} later, e.g. interaction tools), brush size, overlay mode and opacity, the
 * propagate buttons with a Cancel button beside them, and below them the progress strip of the running
 * propagation (frames done / total and frames per second). It holds no editing logic: selections go to
 * the listeners given to it.
 */
final class EditorToolBar extends Composite {

    private final Composite toolGroup;
    private final Map<String, Button> toolButtons = new LinkedHashMap<>();
    private final Spinner sizeSpinner;
    private final Combo overlayCombo;
    private final Scale opacityScale;
    private final Map<PropagationDirection, Button> propagateButtons = new EnumMap<>(PropagationDirection.class);
    private final Button cancelButton;
    private final ProgressBar progressBar;
    private final Label progressLabel;
    private final Consumer<String> onTool;

    EditorToolBar(Composite parent, Consumer<String> onTool, Runnable onStyle,
            Consumer<PropagationDirection> onPropagate, Runnable onCancel) {
        super(parent, SWT.NONE);
        this.onTool = onTool;
        GridLayout layout = new GridLayout(1, false);
        layout.marginHeight = 0;
        layout.marginWidth = 0;
        setLayout(layout);
        Composite bar = new Composite(this, SWT.NONE);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        RowLayout barLayout = new RowLayout(SWT.HORIZONTAL);
        barLayout.center = true;
        barLayout.spacing = 4;
        bar.setLayout(barLayout);
        toolGroup = new Composite(bar, SWT.NONE);
        RowLayout toolLayout = new RowLayout(SWT.HORIZONTAL);
        toolLayout.marginHeight = 0;
        toolLayout.marginWidth = 0;
        toolLayout.spacing = 4;
        toolGroup.setLayout(toolLayout);
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
        overlayCombo.addListener(SWT.Selection, e -> onStyle.run());
        new Label(bar, SWT.NONE).setText("Opacity");
        opacityScale = new Scale(bar, SWT.HORIZONTAL);
        opacityScale.setMinimum(0);
        opacityScale.setMaximum(100);
        opacityScale.setSelection((int) Math.round(OverlayStyle.DEFAULT_OPACITY * 100));
        opacityScale.setToolTipText("Overlay opacity");
        opacityScale.addListener(SWT.Selection, e -> onStyle.run());
        new Label(bar, SWT.SEPARATOR | SWT.VERTICAL);
        new Label(bar, SWT.NONE).setText("Propagate");
        propagateButton(bar, PropagationDirection.BACKWARD, "◀ Backward (B)", onPropagate);
        propagateButton(bar, PropagationDirection.BOTH, "◀▶ Both", onPropagate);
        propagateButton(bar, PropagationDirection.FORWARD, "Forward ▶ (F)", onPropagate);
        cancelButton = new Button(bar, SWT.PUSH);
        cancelButton.setText("■ Cancel");
        cancelButton.setToolTipText("Stop the running propagation; the frames it already wrote stay (one undo removes them)");
        cancelButton.setEnabled(false);
        cancelButton.addListener(SWT.Selection, e -> onCancel.run());

        Composite strip = new Composite(this, SWT.NONE);
        strip.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        GridLayout stripLayout = new GridLayout(2, false);
        stripLayout.marginHeight = 0;
        strip.setLayout(stripLayout);
        progressBar = new ProgressBar(strip, SWT.HORIZONTAL | SWT.SMOOTH);
        GridData barData = new GridData(SWT.BEGINNING, SWT.CENTER, false, false);
        barData.widthHint = 240;
        progressBar.setLayoutData(barData);
        progressLabel = new Label(strip, SWT.NONE);
        progressLabel.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        progressLabel.setText("No propagation running");
    }

    private void propagateButton(Composite bar, PropagationDirection direction, String text,
            Consumer<PropagationDirection> onPropagate) {
        Button b = new Button(bar, SWT.PUSH);
        b.setText(text);
        b.setToolTipText("Propagate " + direction.name().toLowerCase() + " from the current frame, up to the next"
                + " frame a person annotated or edited");
        b.addListener(SWT.Selection, e -> onPropagate.accept(direction));
        propagateButtons.put(direction, b);
    }

    /** Adds a radio button for a tool; {@code id} is what the tool listener receives. */
    Button addTool(String id, String label, String toolTip) {
        if (toolButtons.containsKey(id)) {
            throw new IllegalArgumentException("A tool with id " + id + " is already on the tool bar");
        }
        Button b = new Button(toolGroup, SWT.RADIO);
        b.setText(label);
        if (toolTip != null) {
            b.setToolTipText(toolTip);
        }
        b.setLayoutData(new RowData());
        b.addListener(SWT.Selection, e -> {
            if (b.getSelection()) {
                onTool.accept(id);
            }
        });
        toolButtons.put(id, b);
        if (!toolGroup.isDisposed()) {
            toolGroup.getParent().layout(true, true);
        }
        return b;
    }

    Button toolButton(String id) {
        return toolButtons.get(id);
    }

    void showSelectedTool(String id) {
        toolButtons.forEach((k, b) -> b.setSelection(k.equals(id)));
    }

    Spinner sizeSpinner() {
        return sizeSpinner;
    }

    Combo overlayCombo() {
        return overlayCombo;
    }

    Scale opacityScale() {
        return opacityScale;
    }

    OverlayMode overlayMode() {
        return OverlayMode.values()[Math.max(0, overlayCombo.getSelectionIndex())];
    }

    Button propagateButton(PropagationDirection d) {
        return propagateButtons.get(d);
    }

    Button cancelButton() {
        return cancelButton;
    }

    ProgressBar progressBar() {
        return progressBar;
    }

    Label progressLabel() {
        return progressLabel;
    }

    /** While a propagation runs the propagate buttons are off and Cancel is on. */
    void setPropagating(boolean running) {
        propagateButtons.values().forEach(b -> b.setEnabled(!running));
        cancelButton.setEnabled(running);
    }

    /** Frames done of total (total ≤ 0: not known yet) and the speed so far. */
    void showProgress(String what, int done, int total, double framesPerSecond) {
        progressBar.setMaximum(Math.max(1, total));
        progressBar.setSelection(Math.max(0, Math.min(done, Math.max(1, total))));
        progressLabel.setText(total > 0
                ? String.format("%s: %d / %d frames · %.2f frames/s", what, done, total, framesPerSecond)
                : what + ": starting…");
    }

    void showFinished(String summary) {
        progressBar.setSelection(0);
        progressLabel.setText(summary);
    }

    /** Controls that should hand the keyboard back to the canvas after use (tool bar widgets). */
    Control[] focusReturners() {
        return getChildren();
    }
}
