package org.vosbench.app;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.vosbench.train.Stage;
import org.vosbench.train.data.TrainingData;

/**
 * Fine-tune on Reviewed Sequences…: the options of {@code vosbench train --stage finetune --project
 * <p> --iterations <n> --batch-size <b> --size <px> --output <dir> --weights <w.pth>}.
 */
final class FineTuneDialog extends Dialog {

    /** The dialog's default: a short run (the CLI's finetune stage has 1000). */
    static final int DEFAULT_ITERATIONS = 200;

    private final Path project;
    private final Path defaultOutput;
    private final Path defaultWeights;
    Text iterations;
    Text batchSize;
    Text size;
    Text output;
    Text weights;
    Label problem;

    private FineTuneJob.Settings chosen;

    FineTuneDialog(Shell parent, Path project, Path defaultOutput, Path defaultWeights) {
        super(parent);
        this.project = project;
        this.defaultOutput = defaultOutput;
        this.defaultWeights = defaultWeights;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Fine-tune on Reviewed Sequences");
    }

    private Text field(Composite area, String label, String value, Runnable browse) {
        new Label(area, SWT.NONE).setText(label);
        Text t = new Text(area, SWT.BORDER);
        t.setText(value);
        GridData data = new GridData(SWT.FILL, SWT.CENTER, true, false);
        data.widthHint = 380;
        t.setLayoutData(data);
        if (browse == null) {
            new Label(area, SWT.NONE);
        } else {
            Button b = new Button(area, SWT.PUSH);
            b.setText("Browse…");
            b.addListener(SWT.Selection, e -> browse.run());
        }
        t.addModifyListener(e -> validate());
        return t;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        area.setLayout(new GridLayout(3, false));
        Label intro = new Label(area, SWT.WRAP);
        intro.setText("Trains STCN on the Reviewed and Approved sequences of " + project.getFileName()
                + " (as vosbench train --stage finetune).");
        intro.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1));
        iterations = field(area, "Iterations:", Integer.toString(DEFAULT_ITERATIONS), null);
        batchSize = field(area, "Batch size:", Integer.toString(Stage.FINETUNE.batchSize()), null);
        size = field(area, "Crop size (px):", Integer.toString(TrainingData.DEFAULT_SIZE), null);
        output = field(area, "Output folder:", defaultOutput.toString(), () -> {
            String d = new DirectoryDialog(getShell()).open();
            if (d != null) {
                output.setText(d);
            }
        });
        weights = field(area, "Start weights:", defaultWeights == null ? "" : defaultWeights.toString(), () -> {
            FileDialog d = new FileDialog(getShell(), SWT.OPEN);
            d.setFilterExtensions(new String[] {"*.pth", "*"});
            String f = d.open();
            if (f != null) {
                weights.setText(f);
            }
        });
        problem = new Label(area, SWT.WRAP);
        problem.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1));
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        getButton(IDialogConstants.OK_ID).setText("Train");
        validate();
    }

    private static int positive(Text t, String name) {
        String s = t.getText().strip();
        try {
            int v = Integer.parseInt(s);
            if (v < 1) {
                throw new IllegalArgumentException(name + " must be at least 1.");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + s + "' is not a whole number.");
        }
    }

    /** @return why the fields cannot be trained with, or null */
    String check() {
        if (iterations == null || weights == null || output == null) {
            return "";
        }
        try {
            int n = positive(iterations, "Iterations");
            int b = positive(batchSize, "Batch size");
            int px = positive(size, "Crop size");
            if (output.getText().isBlank()) {
                return "Choose the output folder.";
            }
            String w = weights.getText().strip();
            if (w.isEmpty()) {
                return "Choose the start weights (an STCN .pth), or set them in the VOS Bench preferences.";
            }
            if (!Files.isRegularFile(Path.of(w))) {
                return "Start weights: " + w + ": no such file.";
            }
            chosen = new FineTuneJob.Settings(project, n, b, px, Path.of(output.getText().strip()), Path.of(w));
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private void validate() {
        String reason = check();
        if (problem != null) {
            problem.setText(reason == null ? "" : reason);
        }
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

    FineTuneJob.Settings settings() {
        return chosen;
    }

    /** The Train button (for the UI tests). */
    Button okButton() {
        return getButton(IDialogConstants.OK_ID);
    }
}
