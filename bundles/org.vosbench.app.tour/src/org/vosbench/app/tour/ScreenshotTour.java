package org.vosbench.app.tour;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.vosbench.app.ProjectExplorerView;
import org.vosbench.core.LabelMask;
import org.vosbench.model.Dataset;
import org.vosbench.model.Sequence;
import org.vosbench.ui.editor.MaskPainter;
import org.vosbench.ui.editor.PropagationDirection;
import org.vosbench.ui.editor.PropagationJob;
import org.vosbench.ui.editor.SequenceEditor;
import org.vosbench.ui.eval.ComparePanel;
import org.vosbench.ui.eval.CompareEditor;
import org.vosbench.ui.eval.EvaluationJob;
import org.vosbench.ui.eval.EvaluationView;

/**
 * A scripted walk through the newcomer's path, run by the real product when started with
 * {@code -Dvosbench.tour=<folder>}: open the sample project, open its sequence, propagate with the
 * default backbone, fix a frame, re-propagate, compare with the ground truth, evaluate, open the
 * preferences — saving a screenshot of the window after each step into the folder, and a log of what
 * it saw ({@code tour.txt}). With {@code -Dvosbench.tour.exit=true} the workbench closes afterwards.
 * This is how the README's screenshots are made, under Xvfb.
 */
final class ScreenshotTour {

    private static final long STEP_TIMEOUT_MS = 15 * 60_000;

    private final IWorkbenchWindow window;
    private final ProjectExplorerView explorer;
    private final Path out;
    private final Display display;
    private final List<Runnable> steps = new ArrayList<>();
    private final StringBuilder log = new StringBuilder();
    private SequenceEditor editor;
    private CompareEditor compare;

    ScreenshotTour(IWorkbenchWindow window, ProjectExplorerView explorer, Path out) {
        this.window = window;
        this.explorer = explorer;
        this.out = out;
        this.display = window.getShell().getDisplay();
    }

    void start() {
        long sinceJvmStart = System.currentTimeMillis()
                - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        note(String.format("workbench window open %.1f s after the JVM started", sinceJvmStart / 1e3));
        steps.add(this::openProject);
        steps.add(() -> shoot("1-project-explorer"));
        steps.add(this::openEditor);
        steps.add(() -> shoot("2-sequence-editor"));
        steps.add(() -> propagate(PropagationDirection.FORWARD));
        steps.add(() -> {
            editor.control().showFrame(editor.document().frameCount() / 2);
            shoot("3-editor-propagated");
        });
        steps.add(this::fixAFrame);
        steps.add(() -> keyThroughTheWorkbench('z', "Ctrl+Z"));
        steps.add(() -> keyThroughTheWorkbench('y', "Ctrl+Y"));
        steps.add(() -> propagate(PropagationDirection.FORWARD));
        steps.add(this::save);
        steps.add(() -> shoot("4-editor-fixed-and-repropagated"));
        steps.add(this::openCompare);
        steps.add(() -> shoot("5-compare-with-ground-truth"));
        steps.add(this::evaluate);
        steps.add(() -> shoot("6-evaluation-view"));
        steps.add(this::preferences);
        steps.add(this::finish);
        display.timerExec(1000, this::next);
    }

    private void next() {
        if (steps.isEmpty()) {
            return;
        }
        Runnable step = steps.remove(0);
        try {
            step.run();
        } catch (RuntimeException e) {
            note("FAILED: " + e);
            finish();
            return;
        }
    }

    /** Continue with the next step once {@code done} holds (polled on the UI thread). */
    private void then(BooleanSupplier done) {
        long deadline = System.currentTimeMillis() + STEP_TIMEOUT_MS;
        Runnable[] poll = new Runnable[1];
        poll[0] = () -> {
            if (done.getAsBoolean()) {
                display.timerExec(800, this::next);
            } else if (System.currentTimeMillis() > deadline) {
                note("FAILED: timed out waiting");
                finish();
            } else {
                display.timerExec(300, poll[0]);
            }
        };
        display.timerExec(300, poll[0]);
    }

    private void proceed() {
        then(() -> true);
    }

    private void note(String line) {
        log.append(line).append('\n');
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve("tour.txt"), log.toString());
        } catch (IOException e) {
            // the log is best effort
        }
    }

    private void openProject() {
        if (explorer.session() == null) {
            explorer.openSample();
        }
        note("project: " + explorer.session().file());
        explorer.control().viewer().expandAll();
        proceed();
    }

    private Sequence firstSequence() {
        Dataset d = explorer.session().project().getDatasets().get(0);
        String wanted = System.getProperty("vosbench.tour.sequence");
        return d.getSequences().stream().filter(s -> wanted == null || s.getName().equals(wanted)).findFirst()
                .orElse(d.getSequences().get(0));
    }

    private void openEditor() {
        Sequence s = firstSequence();
        explorer.control().viewer().setSelection(new org.eclipse.jface.viewers.StructuredSelection(s), true);
        editor = explorer.openSequence(s);
        note("opened " + s.getName() + ": " + editor.document().frameCount() + " frames, person frames "
                + editor.document().personFrames());
        proceed();
    }

    private void propagate(PropagationDirection direction) {
        PropagationJob job = editor.propagate(direction);
        long start = System.currentTimeMillis();
        then(() -> {
            if (job.getState() != Job.NONE) {
                return false;
            }
            note(String.format("propagated %s from frame %d: %d frames written in %.1f s (%s)", direction,
                    job.from() + 1, job.written(), (System.currentTimeMillis() - start) / 1e3,
                    job.getResult() == null ? "?" : job.getResult().getMessage()));
            return true;
        });
    }

    /** Erases a band through the object on a frame a third into the sequence: it becomes "edited". */
    private void fixAFrame() {
        var doc = editor.document();
        int frame = doc.frameCount() / 3;
        editor.control().showFrame(frame);
        LabelMask m = doc.mask(frame);
        int objectId = doc.objects().isEmpty() ? 1 : doc.objects().get(0).id();
        int[] box = box(m, objectId);
        if (box != null) {
            int y = (box[1] + box[3]) / 2;
            doc.edit(frame, "Eraser stroke", mask -> MaskPainter.paintLine(mask, box[0], y, box[2], y, 6, 0));
        }
        note("fixed frame " + (frame + 1) + " (state " + doc.state(frame) + ")");
        proceed();
    }

    /**
     * Presses Ctrl+key as a person would (posted to the display, so it goes through the workbench's key
     * bindings to the undo/redo handlers of the editor) and logs the fixed frame's state afterwards.
     */
    private void keyThroughTheWorkbench(char key, String name) {
        window.getActivePage().activate(editor);
        editor.setFocus();
        int frame = editor.control().currentFrameIndex();
        post(SWT.KeyDown, SWT.CTRL, '\0');
        post(SWT.KeyDown, 0, key);
        post(SWT.KeyUp, 0, key);
        post(SWT.KeyUp, SWT.CTRL, '\0');
        display.timerExec(1000, () -> {
            note(name + " in the workbench: frame " + (frame + 1) + " is now " + editor.document().state(frame));
            next();
        });
    }

    private void post(int type, int keyCode, char character) {
        org.eclipse.swt.widgets.Event e = new org.eclipse.swt.widgets.Event();
        e.type = type;
        e.keyCode = keyCode;
        e.character = character;
        display.post(e);
    }

    private static int[] box(LabelMask m, int label) {
        if (m == null) {
            return null;
        }
        int x0 = Integer.MAX_VALUE;
        int y0 = Integer.MAX_VALUE;
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < m.height(); y++) {
            for (int x = 0; x < m.width(); x++) {
                if (m.get(x, y) == label) {
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x);
                    y1 = Math.max(y1, y);
                }
            }
        }
        return x1 < 0 ? null : new int[] {x0, y0, x1, y1};
    }

    private void save() {
        editor.doSave(null);
        note("saved to " + editor.document().workDir() + " (dirty " + editor.isDirty() + ")");
        proceed();
    }

    private void openCompare() {
        compare = explorer.compareWithGroundTruth(null, firstSequence());
        then(() -> {
            ComparePanel panel = compare.panel();
            if (panel.scores().isEmpty()) {
                return false;
            }
            int worst = panel.jumpToNextWorst();
            panel.setDifference(true);
            note("compare: worst frame " + (worst + 1) + ", J&F there " + panel.scores().get(0)[worst]);
            return true;
        });
    }

    private void evaluate() {
        Sequence s = firstSequence();
        EvaluationJob job = explorer.evaluate("annotations of " + s.getDataset().getName(), s.getDataset(),
                explorer.session().annotationsDir(s.getDataset()), null);
        then(() -> {
            if (job.getState() != Job.NONE) {
                return false;
            }
            EvaluationView view = (EvaluationView) window.getActivePage().findView(EvaluationView.ID);
            window.getActivePage().activate(view);
            note("evaluation: " + view.panel().summary().getText().replace("&&", "&"));
            return true;
        });
    }

    private void preferences() {
        PreferenceDialog dialog = PreferencesUtil.createPreferenceDialogOn(window.getShell(),
                "org.vosbench.app.preferences", null, null);
        dialog.setBlockOnOpen(false);
        dialog.open();
        display.timerExec(1500, () -> {
            shoot(dialog.getShell(), "7-preferences");
            dialog.close();
            display.timerExec(500, this::next);
        });
    }

    private void finish() {
        note("done");
        if (Boolean.getBoolean("vosbench.tour.exit")) {
            display.timerExec(500, () -> PlatformUI.getWorkbench().close());
        }
    }

    private void shoot(String name) {
        shoot(window.getShell(), name);
        display.timerExec(300, this::next);
    }

    private void shoot(Shell shell, String name) {
        while (display.readAndDispatch()) {
            // paint everything first
        }
        Rectangle r = shell.getBounds();
        Image image = new Image(display, r.width, r.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, r.x, r.y);
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] {image.getImageData()};
            Files.createDirectories(out);
            loader.save(out.resolve(name + ".png").toString(), SWT.IMAGE_PNG);
            note("screenshot " + name + ".png");
        } catch (IOException e) {
            note("FAILED screenshot " + name + ": " + e);
        } finally {
            gc.dispose();
            image.dispose();
        }
    }
}
