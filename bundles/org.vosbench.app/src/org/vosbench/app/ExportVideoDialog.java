package org.vosbench.app;

import java.nio.file.Path;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.vosbench.video.OverlayVideoExport;

/**
 * Export Overlay Video…: the options of {@code vosbench export-video --output <file> [--overlay
 * filled|contour] [--fps]} for one sequence's masks.
 */
final class ExportVideoDialog extends Dialog {

    private final String sequence;
    private final Path defaultOutput;
    Text output;
    Combo overlay;
    Text fps;
    Label problem;

    private Path chosenOutput;
    private OverlayVideoExport.Overlay chosenOverlay;
    private double chosenFps;

    ExportVideoDialog(Shell parent, String sequence, Path defaultOutput) {
        super(parent);
        this.sequence = sequence;
        this.defaultOutput = defaultOutput;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Export Overlay Video of " + sequence);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        area.setLayout(new GridLayout(3, false));
        new Label(area, SWT.NONE).setText("Video file:");
        output = new Text(area, SWT.BORDER);
        output.setText(defaultOutput.toString());
        GridData data = new GridData(SWT.FILL, SWT.CENTER, true, false);
        data.widthHint = 360;
        output.setLayoutData(data);
        Button browse = new Button(area, SWT.PUSH);
        browse.setText("Browse…");
        browse.addListener(SWT.Selection, e -> {
            FileDialog d = new FileDialog(getShell(), SWT.SAVE);
            d.setFilterExtensions(new String[] {"*.mp4", "*.webm", "*.avi", "*"});
            d.setFileName(sequence + ".mp4");
            String chosen = d.open();
            if (chosen != null) {
                output.setText(chosen);
            }
        });
        new Label(area, SWT.NONE).setText("Overlay:");
        overlay = new Combo(area, SWT.READ_ONLY);
        for (OverlayVideoExport.Overlay o : OverlayVideoExport.Overlay.values()) {
            overlay.add(o.name().toLowerCase(java.util.Locale.ROOT));
        }
        overlay.select(0);
        new Label(area, SWT.NONE);
        new Label(area, SWT.NONE).setText("Frames per second:");
        fps = new Text(area, SWT.BORDER);
        fps.setText("24");
        new Label(area, SWT.NONE);
        problem = new Label(area, SWT.WRAP);
        problem.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1));
        output.addModifyListener(e -> validate());
        fps.addModifyListener(e -> validate());
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        getButton(IDialogConstants.OK_ID).setText("Export");
        validate();
    }

    /** @return why the fields cannot be exported, or null */
    String check() {
        if (output.getText().isBlank()) {
            return "Choose the video file to write.";
        }
        try {
            double f = Double.parseDouble(fps.getText().strip());
            if (!(f > 0)) {
                return "Frames per second must be positive.";
            }
            chosenFps = f;
        } catch (NumberFormatException e) {
            return "Frames per second: '" + fps.getText().strip() + "' is not a number.";
        }
        chosenOutput = Path.of(output.getText().strip());
        chosenOverlay = OverlayVideoExport.Overlay.values()[Math.max(0, overlay.getSelectionIndex())];
        return null;
    }

    private void validate() {
        String reason = check();
        problem.setText(reason == null ? "" : reason);
        Button ok = getButton(IDialogConstants.OK_ID);
        if (ok != null) {
            ok.setEnabled(reason == null);
        }
    }

    @Override
    protected void okPressed() {
        check();
        super.okPressed();
    }

    Path output() {
        return chosenOutput;
    }

    OverlayVideoExport.Overlay overlay() {
        return chosenOverlay;
    }

    double fps() {
        return chosenFps;
    }

    /** The Import/Export button (for the UI tests). */
    Button okButton() {
        return getButton(IDialogConstants.OK_ID);
    }
}
