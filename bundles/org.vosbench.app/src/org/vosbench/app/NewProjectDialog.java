package org.vosbench.app;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
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
import org.vosbench.dataset.DatasetFormatRegistry;
import org.vosbench.dataset.DetectedDataset;

/**
 * File ▸ New Project: a dataset folder (optional) with its detected format shown as soon as it is
 * chosen, the project's name, and where the {@code .vosbench} file goes, next to the data by default.
 */
final class NewProjectDialog extends TitleAreaDialog {

    private final DatasetFormatRegistry registry;
    private Text datasetText;
    private Label formatLabel;
    private Text nameText;
    private Text fileText;
    private boolean fileEdited;
    private Path dataset;
    private Path file;
    private String name;

    NewProjectDialog(Shell parent, DatasetFormatRegistry registry) {
        super(parent);
        this.registry = registry;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("New VOS Bench project");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        setTitle("New project");
        setMessage("Choose a dataset folder (DAVIS, YouTube-VOS, BL30K or a folder of frames); the project file"
                + " goes next to it unless you choose another place.");
        Composite area = (Composite) super.createDialogArea(parent);
        Composite c = new Composite(area, SWT.NONE);
        c.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        c.setLayout(new GridLayout(3, false));
        new Label(c, SWT.NONE).setText("Dataset folder:");
        datasetText = new Text(c, SWT.BORDER);
        datasetText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Button browseData = new Button(c, SWT.PUSH);
        browseData.setText("Browse…");
        browseData.addListener(SWT.Selection, e -> {
            DirectoryDialog d = new DirectoryDialog(getShell());
            d.setText("Dataset folder");
            String dir = d.open();
            if (dir != null) {
                datasetText.setText(dir);
            }
        });
        new Label(c, SWT.NONE).setText("Format:");
        formatLabel = new Label(c, SWT.NONE);
        formatLabel.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        formatLabel.setText("(no dataset: an empty project; File ▸ Add Dataset adds one later)");
        new Label(c, SWT.NONE).setText("Project name:");
        nameText = new Text(c, SWT.BORDER);
        nameText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        nameText.setText("project");
        new Label(c, SWT.NONE).setText("Project file:");
        fileText = new Text(c, SWT.BORDER);
        fileText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Button browseFile = new Button(c, SWT.PUSH);
        browseFile.setText("Browse…");
        browseFile.addListener(SWT.Selection, e -> {
            FileDialog d = new FileDialog(getShell(), SWT.SAVE);
            d.setFilterExtensions(new String[] {"*.vosbench"});
            d.setFileName(nameText.getText() + ".vosbench");
            String f = d.open();
            if (f != null) {
                fileText.setText(f);
                fileEdited = true;
            }
        });
        fileText.setText(Path.of(System.getProperty("user.home"), "project.vosbench").toString());
        datasetText.addListener(SWT.Modify, e -> datasetChanged());
        nameText.addListener(SWT.Modify, e -> defaultFile());
        fileText.addListener(SWT.KeyDown, e -> fileEdited = true);
        return area;
    }

    Text datasetText() {
        return datasetText;
    }

    Label formatLabel() {
        return formatLabel;
    }

    Text fileText() {
        return fileText;
    }

    private void datasetChanged() {
        String t = datasetText.getText().strip();
        Button ok = getButton(IDialogConstants.OK_ID);
        if (t.isEmpty()) {
            formatLabel.setText("(no dataset: an empty project; File ▸ Add Dataset adds one later)");
            setErrorMessage(null);
            if (ok != null) {
                ok.setEnabled(true);
            }
            return;
        }
        Path root = Path.of(t);
        try {
            DetectedDataset d = registry.detect(root);
            formatLabel.setText(d.format().name() + "  (" + d.format().id() + ")");
            setErrorMessage(null);
            if (nameText.getText().equals("project") || nameText.getText().isBlank()) {
                nameText.setText(root.getFileName() == null ? "project" : root.getFileName().toString());
            }
            defaultFile();
            if (ok != null) {
                ok.setEnabled(true);
            }
        } catch (Exception e) {
            formatLabel.setText("not recognised");
            setErrorMessage(Files.isDirectory(root) ? e.getMessage() : root + " is not a folder");
            if (ok != null) {
                ok.setEnabled(false);
            }
        }
        formatLabel.getParent().layout();
    }

    private void defaultFile() {
        if (fileEdited) {
            return;
        }
        String t = datasetText.getText().strip();
        String n = nameText.getText().isBlank() ? "project" : nameText.getText().strip();
        Path dir = t.isEmpty() ? Path.of(System.getProperty("user.home"))
                : Path.of(t).toAbsolutePath().getParent() == null ? Path.of(t) : Path.of(t).toAbsolutePath().getParent();
        fileText.setText(dir.resolve(n + ".vosbench").toString());
    }

    @Override
    protected void okPressed() {
        String t = datasetText.getText().strip();
        dataset = t.isEmpty() ? null : Path.of(t);
        String f = fileText.getText().strip();
        file = Path.of(f.endsWith(".vosbench") ? f : f + ".vosbench");
        name = nameText.getText().isBlank() ? "project" : nameText.getText().strip();
        if (Files.exists(file)) {
            setErrorMessage(file + " exists already: choose another file, or File ▸ Open Project");
            return;
        }
        super.okPressed();
    }

    Path dataset() {
        return dataset;
    }

    Path file() {
        return file;
    }

    String name() {
        return name;
    }
}
