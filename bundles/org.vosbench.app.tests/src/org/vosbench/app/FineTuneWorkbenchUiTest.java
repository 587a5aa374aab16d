package org.vosbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosbench.model.ReviewState;
import org.vosbench.model.store.ProjectStore;
import org.vosbench.sample.BundledSample;
import org.vosbench.ui.editor.EnginePreferences;

/**
 * The whole path in the real workbench: the Fine-tune on Reviewed Sequences command opens its dialog
 * (start weights defaulting to the engine preference, output under the project's training folder),
 * Train starts the Job with the Training Loss view showing each iteration, and answering Yes to
 * "Use these weights for the next propagation?" makes the new weights.pth the engine preference.
 * Takes the docs' picture of the running Job and its chart (target/screenshots/21-fine-tune.png).
 */
class FineTuneWorkbenchUiTest {

    @TempDir
    Path work;

    @Test
    void theCommandTrainsShowsTheLossAndHandsTheWeightsToThePreference() throws Exception {
        Path sample = BundledSample.copyTo(work.resolve("sample"));
        ProjectStore store = ProjectStore.create(work.resolve("p.vosbench"), "p");
        ProjectStore.setReviewState(ProjectStore.ensureSequence(store.ensureDataset(sample, "davis"),
                BundledSample.SEQUENCE), ReviewState.REVIEWED);
        store.save();
        Path start = work.resolve("start.pth");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(
                org.vosbench.testing.SharedData.fixtures().resolve("stcn-parity/weights.pth.gz")))) {
            Files.copy(in, start);
        }
        String saved = EnginePreferences.node().get(EnginePreferences.WEIGHTS, null);
        EnginePreferences.node().put(EnginePreferences.WEIGHTS, start.toString());
        Display display = Display.getDefault();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<String> defaults = new AtomicReference<>();
        AtomicReference<Path> output = new AtomicReference<>();
        AtomicReference<List<Double>> charted = new AtomicReference<>();
        AtomicReference<String> question = new AtomicReference<>();
        try {
            PlatformUI.createAndRunWorkbench(display, new WorkbenchAdvisor() {
                @Override
                public String getInitialWindowPerspectiveId() {
                    return "org.vosbench.app.perspective";
                }

                @Override
                public void postStartup() {
                    display.asyncExec(() -> {
                        try {
                            IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
                            ProjectExplorerView explorer = (ProjectExplorerView) page.showView(ProjectExplorerView.ID);
                            assertTrue(explorer.openProject(store.file()));
                            page.showView("org.eclipse.ui.views.ProgressView");
                            fillTheDialogWhenItOpens(display, defaults, output);
                            answerYesWhenAsked(display, question);
                            PlatformUI.getWorkbench().getService(IHandlerService.class)
                                    .executeCommand(ProjectCommandHandler.FINE_TUNE, null);
                            assertNotNull(output.get(), "the dialog was filled and Train pressed");
                            LossChart chart = ((LossChartView) page.findView(LossChartView.ID)).chart();
                            boolean shot = false;
                            long deadline = System.currentTimeMillis() + 240_000;
                            while (question.get() == null && System.currentTimeMillis() < deadline) {
                                if (!shot && chart.losses().size() >= 2
                                        && !Job.getJobManager().find(FineTuneJob.FAMILY).equals(new Job[0])) {
                                    pump(display);
                                    screenshot(display, page.getWorkbenchWindow().getShell(), "21-fine-tune.png");
                                    shot = true;
                                }
                                if (!display.readAndDispatch()) {
                                    Thread.sleep(20);
                                }
                            }
                            charted.set(chart.losses());
                        } catch (Throwable t) {
                            failure.set(t);
                        } finally {
                            PlatformUI.getWorkbench().close();
                        }
                    });
                }
            });
            if (failure.get() != null) {
                throw new AssertionError(failure.get());
            }
            assertEquals(start.toString(), defaults.get(), "the start weights default to the engine preference");
            assertTrue(output.get().startsWith(work.resolve("training")), output.get().toString());
            assertNotNull(question.get(), "the weights were offered");
            assertTrue(question.get().contains("Use these weights for the next propagation?"), question.get());
            Path weights = output.get().resolve("weights.pth");
            assertTrue(Files.size(weights) > 0);
            List<String> rows = Files.readAllLines(output.get().resolve("losses.csv"));
            assertEquals(rows.subList(1, rows.size()).stream().map(r -> Double.parseDouble(r.split(",")[3])).toList(),
                    charted.get(), "the Training Loss view shows the losses the Trainer wrote");
            assertEquals(3, charted.get().size());
            assertEquals(weights.toAbsolutePath(), EnginePreferences.choices().weights(),
                    "Yes made the new weights the propagation's");
        } finally {
            if (saved == null) {
                EnginePreferences.node().remove(EnginePreferences.WEIGHTS);
            } else {
                EnginePreferences.node().put(EnginePreferences.WEIGHTS, saved);
            }
            EnginePreferences.node().flush();
        }
    }

    private static void fillTheDialogWhenItOpens(Display display, AtomicReference<String> defaults,
            AtomicReference<Path> output) {
        Runnable[] poll = new Runnable[1];
        poll[0] = () -> {
            for (Shell s : display.getShells()) {
                if (s.getData() instanceof FineTuneDialog d && d.okButton() != null) {
                    defaults.set(d.weights.getText());
                    d.iterations.setText("3");
                    d.batchSize.setText("1");
                    d.size.setText("32");
                    output.set(Path.of(d.output.getText()));
                    d.okButton().notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
                    return;
                }
            }
            display.timerExec(200, poll[0]);
        };
        display.timerExec(200, poll[0]);
    }

    private static void answerYesWhenAsked(Display display, AtomicReference<String> question) {
        Runnable[] poll = new Runnable[1];
        poll[0] = () -> {
            for (Shell s : display.getShells()) {
                if ("Fine-tuned weights".equals(s.getText()) && s.getData() instanceof org.eclipse.jface.dialogs.MessageDialog m) {
                    Button yes = find(s, "Yes");
                    if (yes != null) {
                        question.set(textOf(s));
                        yes.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
                        return;
                    }
                }
            }
            display.timerExec(200, poll[0]);
        };
        display.timerExec(200, poll[0]);
    }

    private static Button find(Composite c, String label) {
        for (Control child : c.getChildren()) {
            if (child instanceof Button b && b.getText().replace("&", "").equals(label)) {
                return b;
            }
            if (child instanceof Composite k) {
                Button b = find(k, label);
                if (b != null) {
                    return b;
                }
            }
        }
        return null;
    }

    private static String textOf(Composite c) {
        StringBuilder sb = new StringBuilder();
        for (Control child : c.getChildren()) {
            if (child instanceof org.eclipse.swt.widgets.Label l) {
                sb.append(l.getText()).append('\n');
            } else if (child instanceof Composite k) {
                sb.append(textOf(k));
            }
        }
        return sb.toString();
    }

    private static void pump(Display display) {
        for (int i = 0; i < 20; i++) {
            while (display.readAndDispatch()) {
                // drain
            }
        }
    }

    private static void screenshot(Display display, Shell shell, String name) throws java.io.IOException {
        Rectangle r = shell.getBounds();
        Image image = new Image(display, r.width, r.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, r.x, r.y);
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] {image.getImageData()};
            Path file = Path.of("target/screenshots", name).toAbsolutePath();
            Files.createDirectories(file.getParent());
            loader.save(file.toString(), SWT.IMAGE_PNG);
        } finally {
            gc.dispose();
            image.dispose();
        }
    }
}
