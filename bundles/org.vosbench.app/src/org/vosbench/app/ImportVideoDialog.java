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
import org.vosbench.video.VideoImport;

/**
 * File ▸ Import Video…: the options of {@code vosbench import-video <file> --output <root> [--name]
 * [--fps] [--start] [--end] [--max-side]}, checked as they are typed (OK stays disabled while a
 * field is wrong, the reason shown under the fields).
 */
final class ImportVideoDialog extends Dialog {

    private final Path defaultRoot;
    Text video;
    Text root;
    Text name;
    Text fps;
    Text start;
    Text end;
    Text maxSide;
    Label problem;
    private boolean nameTyped;

    private Path chosenVideo;
    private Path chosenRoot;
    private VideoImport.Options options;

    ImportVideoDialog(Shell parent, Path defaultRoot) {
        super(parent);
        this.defaultRoot = defaultRoot;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Import Video");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        area.setLayout(new GridLayout(3, false));
        video = row(area, "Video file:", "");
        browse(area, () -> {
            FileDialog d = new FileDialog(getShell(), SWT.OPEN);
            d.setFilterExtensions(new String[] {"*.mp4;*.mov;*.mkv;*.avi;*.webm", "*"});
            return d.open();
        }, video);
        root = row(area, "Dataset folder:", defaultRoot == null ? "" : defaultRoot.toString());
        browse(area, () -> new DirectoryDialog(getShell()).open(), root);
        name = row(area, "Sequence name:", "");
        new Label(area, SWT.NONE);
        fps = row(area, "Frames per second:", "");
        hint(area, "empty: every frame");
        start = row(area, "Start (s):", "");
        hint(area, "empty: from the start");
        end = row(area, "End (s):", "");
        hint(area, "empty: to the end");
        maxSide = row(area, "Longest side (px):", "854");
        hint(area, "0: the video's size");
        problem = new Label(area, SWT.WRAP);
        problem.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1));
        // the name follows the file until the person types one
        name.addListener(SWT.KeyDown, e -> nameTyped = true);
        video.addModifyListener(e -> {
            if (!nameTyped) {
                Path file = Path.of(video.getText().strip()).getFileName();
                String f = file == null ? "" : file.toString();
                int dot = f.lastIndexOf('.');
                name.setText(dot > 0 ? f.substring(0, dot) : f);
            }
        });
        for (Text t : new Text[] {video, root, name, fps, start, end, maxSide}) {
            t.addModifyListener(e -> validate());
        }
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        getButton(IDialogConstants.OK_ID).setText("Import");
        validate();
    }

    private static Text row(Composite area, String label, String value) {
        new Label(area, SWT.NONE).setText(label);
        Text t = new Text(area, SWT.BORDER);
        t.setText(value);
        GridData data = new GridData(SWT.FILL, SWT.CENTER, true, false);
        data.widthHint = 360;
        t.setLayoutData(data);
        return t;
    }

    private static void hint(Composite area, String text) {
        new Label(area, SWT.NONE).setText(text);
    }

    private static void browse(Composite area, java.util.function.Supplier<String> chooser, Text into) {
        Button b = new Button(area, SWT.PUSH);
        b.setText("Browse…");
        b.addListener(SWT.Selection, e -> {
            String chosen = chooser.get();
            if (chosen != null) {
                into.setText(chosen);
            }
        });
    }

    /** @return the reason the fields cannot be imported, or null */
    String check() {
        String v = video.getText().strip();
        if (v.isEmpty()) {
            return "Choose a video file.";
        }
        if (!Files.isRegularFile(Path.of(v))) {
            return v + ": no such file.";
        }
        if (root.getText().isBlank()) {
            return "Choose the dataset folder the sequence goes into.";
        }
        String n = name.getText().strip();
        if (n.isEmpty() || n.startsWith(".") || n.contains("/")) {
            return "'" + n + "' is not a sequence name.";
        }
        if (Files.exists(Path.of(root.getText().strip()).resolve("JPEGImages").resolve(n))) {
            return "The dataset has a sequence '" + n + "' already: choose another name.";
        }
        try {
            Double f = number(fps, "Frames per second");
            Double s = number(start, "Start");
            Double e = number(end, "End");
            if (f != null && f <= 0) {
                return "Frames per second must be positive.";
            }
            if (s != null && s < 0 || e != null && e < 0) {
                return "Start and end are seconds from the start (0 or more).";
            }
            if (s != null && e != null && e <= s) {
                return "End must come after start.";
            }
            int side = maxSide.getText().isBlank() ? 0 : Integer.parseInt(maxSide.getText().strip());
            if (side < 0) {
                return "Longest side must be 0 or more.";
            }
            chosenVideo = Path.of(v);
            chosenRoot = Path.of(root.getText().strip());
            options = new VideoImport.Options(n, f, s, e, side, VideoImport.ImageFormat.JPG);
            return null;
        } catch (NumberFormatException ex) {
            return ex.getMessage();
        }
    }

    private static Double number(Text t, String what) {
        String s = t.getText().strip();
        if (s.isEmpty()) {
            return null;
        }
        try {
            return Double.valueOf(s);
        } catch (NumberFormatException e) {
            throw new NumberFormatException(what + ": '" + s + "' is not a number.");
        }
    }

    private void validate() {
        String reason = check();
        problem.setText(reason == null ? "" : reason);
        problem.getParent().layout();
        Button ok = getButton(IDialogConstants.OK_ID);
        if (ok != null) {
            ok.setEnabled(reason == null);
        }
    }

    @Override
    protected void okPressed() {
        if (check() == null) {
            super.okPressed();
        }
    }

    Path video() {
        return chosenVideo;
    }

    Path root() {
        return chosenRoot;
    }

    VideoImport.Options options() {
        return options;
    }

    /** The Import/Export button (for the UI tests). */
    Button okButton() {
        return getButton(IDialogConstants.OK_ID);
    }
}
