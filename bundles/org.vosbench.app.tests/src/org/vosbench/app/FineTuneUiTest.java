package org.vosbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosbench.engine.NdRuntime;
import org.vosbench.model.Dataset;
import org.vosbench.model.ReviewState;
import org.vosbench.sample.BundledSample;
import org.vosbench.ui.editor.EnginePreferences;

/**
 * Fine-tune on Reviewed Sequences on real widgets and the real Trainer: the dialog's fields become the
 * run's settings, the Job trains two iterations on the bundled sample (its sequence Reviewed) from the
 * parity weights, the loss chart receives each iteration's loss as written to losses.csv, weights.pth
 * is written, and accepting the weights sets the engine preference; a cancel after an iteration leaves
 * the checkpoint and offers its weights; without a reviewed sequence the Job fails with the training data's message and writes nothing.
 */
class FineTuneUiTest {

    @TempDir
    Path dir;

    private Display display;
    private Shell shell;
    private ProjectSession session;
    private String savedWeights;

    @BeforeEach
    void open() throws Exception {
        display = Display.getDefault();
        shell = new Shell(display);
        shell.setLayout(new FillLayout());
        shell.setSize(640, 360);
        session = ProjectSession.create(dir.resolve("p.vosbench"), "p", TestSupport.registry());
        savedWeights = EnginePreferences.node().get(EnginePreferences.WEIGHTS, null);
    }

    @AfterEach
    void close() throws Exception {
        shell.dispose();
        TestSupport.pump(display);
        if (savedWeights == null) {
            EnginePreferences.node().remove(EnginePreferences.WEIGHTS);
        } else {
            EnginePreferences.node().put(EnginePreferences.WEIGHTS, savedWeights);
        }
        EnginePreferences.node().flush();
    }

    private Path parityWeights() throws IOException {
        Path weights = dir.resolve("start.pth");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(
                org.vosbench.testing.SharedData.fixtures().resolve("stcn-parity/weights.pth.gz")))) {
            Files.copy(in, weights);
        }
        return weights;
    }

    private static void press(Button button) {
        assertTrue(button.isEnabled(), button.getText() + " is disabled");
        button.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
    }

    private IStatus runToEnd(Job job) throws InterruptedException {
        job.schedule();
        while (job.getState() != Job.NONE) {
            if (!display.readAndDispatch()) {
                Thread.sleep(10);
            }
        }
        TestSupport.pump(display);
        return job.getResult();
    }

    private FineTuneJob.Settings fromDialog(Path output, Path weights) {
        FineTuneDialog dialog = new FineTuneDialog(shell, session.file(), output, weights);
        dialog.setBlockOnOpen(false);
        dialog.open();
        assertEquals(Integer.toString(FineTuneDialog.DEFAULT_ITERATIONS), dialog.iterations.getText());
        assertEquals(output.toString(), dialog.output.getText());
        assertEquals(weights.toString(), dialog.weights.getText());
        dialog.iterations.setText("two");
        assertFalse(dialog.okButton().isEnabled());
        assertTrue(dialog.problem.getText().contains("'two'"), dialog.problem.getText());
        dialog.iterations.setText("2");
        dialog.batchSize.setText("1");
        dialog.size.setText("32");
        press(dialog.okButton());
        assertEquals(Window.OK, dialog.getReturnCode());
        return dialog.settings();
    }

    @Test
    void theDialogsRunTrainsTheReviewedSequenceChartsItsLossAndOffersTheWeights() throws Exception {
        Dataset davis = session.addDataset(BundledSample.copyTo(dir.resolve("sample")));
        session.setReviewState(davis.findSequence(BundledSample.SEQUENCE), ReviewState.REVIEWED);
        session.save();
        Path output = dir.resolve("training/now");
        FineTuneJob.Settings settings = fromDialog(output, parityWeights());
        assertEquals(2, settings.iterations());
        assertEquals(32, settings.size());

        LossChart chart = new LossChart(shell);
        shell.open();
        chart.reset(settings.iterations(), "Fine-tuning");
        AtomicReference<FineTuneJob.Outcome> outcome = new AtomicReference<>();
        NdRuntime runtime = org.vosbench.testing.OsgiServices.get(FineTuneUiTest.class, NdRuntime.class);
        IStatus status = runToEnd(FineTuneJob.create(settings, TestSupport.registry(), runtime, display,
                i -> chart.add(i.it(), i.iterations(), i.totalLoss(), i.iterationsPerSecond()), outcome::set));

        assertEquals(IStatus.INFO, status.getSeverity(), status.getMessage());
        assertNotNull(outcome.get(), "the outcome reached the UI thread");
        assertEquals(output.resolve("weights.pth"), outcome.get().weights());
        assertTrue(Files.size(output.resolve("weights.pth")) > 0);
        assertTrue(Files.isRegularFile(output.resolve("checkpoint.pth")));
        List<String> rows = Files.readAllLines(output.resolve("losses.csv"));
        assertEquals(3, rows.size(), rows.toString());
        List<Double> written = rows.subList(1, 3).stream().map(r -> Double.parseDouble(r.split(",")[3])).toList();
        assertEquals(written, chart.losses(), "the chart shows the losses the Trainer wrote");
        assertTrue(chart.status().startsWith("iteration 2/2"), chart.status());
        screenshot("fine-tune-chart.png");

        FineTuneJob.useForPropagation(outcome.get().weights());
        assertEquals(output.resolve("weights.pth").toAbsolutePath(), EnginePreferences.choices().weights());
    }

    @Test
    void cancellingAfterAnIterationLeavesTheCheckpointAndOffersItsWeights() throws Exception {
        Dataset davis = session.addDataset(BundledSample.copyTo(dir.resolve("sample")));
        session.setReviewState(davis.findSequence(BundledSample.SEQUENCE), ReviewState.APPROVED);
        session.save();
        Path output = dir.resolve("training/cancelled");
        FineTuneJob.Settings two = fromDialog(output, parityWeights());
        FineTuneJob.Settings settings = new FineTuneJob.Settings(two.project(), 5, two.batchSize(), two.size(),
                two.output(), two.weights());
        AtomicReference<FineTuneJob.Outcome> outcome = new AtomicReference<>();
        AtomicReference<Job> job = new AtomicReference<>();
        NdRuntime runtime = org.vosbench.testing.OsgiServices.get(FineTuneUiTest.class, NdRuntime.class);
        job.set(FineTuneJob.create(settings, TestSupport.registry(), runtime, display, i -> job.get().cancel(),
                outcome::set));

        IStatus status = runToEnd(job.get());

        assertEquals(IStatus.CANCEL, status.getSeverity(), status.getMessage());
        assertNotNull(outcome.get(), "a cancel after an iteration still offers the weights");
        assertTrue(outcome.get().cancelled());
        int completed = outcome.get().completed();
        assertTrue(completed >= 1 && completed < 5, "completed " + completed);
        assertTrue(Files.size(output.resolve("weights.pth")) > 0);
        assertTrue(Files.isRegularFile(output.resolve("checkpoint.pth")));
        assertEquals(completed + 1, Files.readAllLines(output.resolve("losses.csv")).size());
    }

    @Test
    void withoutAReviewedSequenceTheJobFailsWithTheTrainingDataMessageAndWritesNothing() throws Exception {
        session.addDataset(BundledSample.copyTo(dir.resolve("sample")));
        session.save();
        Path output = dir.resolve("training/none");
        FineTuneJob.Settings settings = fromDialog(output, parityWeights());
        AtomicReference<FineTuneJob.Outcome> outcome = new AtomicReference<>();
        NdRuntime runtime = org.vosbench.testing.OsgiServices.get(FineTuneUiTest.class, NdRuntime.class);

        IStatus status = runToEnd(FineTuneJob.create(settings, TestSupport.registry(), runtime, display, i -> {
        }, outcome::set));

        assertEquals(IStatus.ERROR, status.getSeverity());
        assertTrue(status.getMessage().contains("Reviewed") && status.getMessage().contains(session.file().toString()),
                status.getMessage());
        assertEquals(null, outcome.get());
        assertFalse(Files.exists(output));
    }

    private void screenshot(String name) throws IOException {
        TestSupport.pump(display);
        org.eclipse.swt.graphics.Rectangle area = shell.getClientArea();
        org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(shell);
        org.eclipse.swt.graphics.Image image = new org.eclipse.swt.graphics.Image(display, area.width, area.height);
        gc.copyArea(image, 0, 0);
        gc.dispose();
        org.eclipse.swt.graphics.ImageLoader loader = new org.eclipse.swt.graphics.ImageLoader();
        loader.data = new org.eclipse.swt.graphics.ImageData[] {image.getImageData()};
        image.dispose();
        Path file = Path.of("target/screenshots", name).toAbsolutePath();
        Files.createDirectories(file.getParent());
        loader.save(file.toString(), SWT.IMAGE_PNG);
    }
}
