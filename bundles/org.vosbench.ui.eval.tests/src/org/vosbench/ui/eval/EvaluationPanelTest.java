package org.vosbench.ui.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosbench.core.ProgressMonitor;
import org.vosbench.dataset.Dataset;
import org.vosbench.eval.DatasetEvaluator;
import org.vosbench.eval.EvaluationFiles;

/** The evaluation view's panel on the official toolkit's oracle cases. */
class EvaluationPanelTest {

    @TempDir
    Path out;

    private Display display;
    private Shell shell;
    private EvaluationPanel panel;

    @BeforeEach
    void open() {
        display = Display.getDefault();
        shell = new Shell(display);
        shell.setLayout(new FillLayout());
        shell.setSize(900, 700);
        panel = new EvaluationPanel(shell, SWT.NONE);
        shell.open();
    }

    @AfterEach
    void close() {
        shell.dispose();
    }

    private static String read(Path p) throws Exception {
        return Files.readString(p).replace("\r\n", "\n").strip();
    }

    @Test
    void evaluationJobReproducesTheToolkitCsvFiles() throws Exception {
        Dataset dataset = TestSupport.openDavisReal();
        EvaluationJob job = new EvaluationJob("shift5_right", dataset, TestSupport.oracle().resolve(
                "results/shift5_right"), "val", "2017");
        job.schedule();
        job.join();
        DatasetEvaluator.Outcome outcome = job.outcome();
        assertTrue(outcome.skipped().isEmpty(), outcome.skipped().toString());
        panel.setResult("shift5_right", outcome.result(), outcome.skipped());
        panel.exportCsv(out);
        Path expected = TestSupport.oracle().resolve("expected/shift5_right");
        assertEquals(read(expected.resolve("global_results-val.csv")), read(out.resolve("global_results-val.csv")));
        // the toolkit writes rows in its own order; compare as sets of lines
        assertEquals(java.util.Set.copyOf(read(expected.resolve("per-sequence_results-val.csv")).lines().toList()),
                java.util.Set.copyOf(read(out.resolve("per-sequence_results-val.csv")).lines().toList()));
    }

    @Test
    void tableShowsGlobalThenSequencesWithObjectsAndSortsByJAndF() throws Exception {
        Dataset dataset = TestSupport.openDavisReal();
        DatasetEvaluator.Outcome outcome = DatasetEvaluator.evaluate(dataset,
                TestSupport.oracle().resolve("results/shift5_right"), "val", "2017",
                DatasetEvaluator.Strictness.LENIENT, ProgressMonitor.NULL);
        panel.setResult("shift5_right", outcome.result(), Map.of());
        TestSupport.pump(display);
        TreeItem[] top = panel.viewer().getTree().getItems();
        assertEquals(3, top.length);
        assertEquals("Global", top[0].getText(0));
        assertEquals("0.971", top[0].getText(1), "J&F-Mean of the oracle's global_results-val.csv");

        // toolkit: drift-straight J 0.932 F 0.995 (J&F 0.9635), car-roundabout J 0.958 F 1.000 (0.979)
        panel.sortBy(0, panel.viewer().getTree().getColumn(1));
        top = panel.viewer().getTree().getItems();
        assertEquals(List.of("Global", "car-roundabout", "drift-straight"),
                List.of(top[0].getText(0), top[1].getText(0), top[2].getText(0)), "descending J&F, global first");
        assertEquals("0.958", top[1].getText(2));
        assertEquals("car-roundabout_1", top[1].getItems()[0].getText(0));
        panel.sortBy(0, panel.viewer().getTree().getColumn(1));
        top = panel.viewer().getTree().getItems();
        assertEquals("drift-straight", top[1].getText(0), "a second click sorts ascending");
        assertEquals(2, panel.chart().getSeriesSet().getSeries().length, "J and F bar series");
        assertEquals(2, panel.chart().getSeriesSet().getSeries()[0].getYSeries().length, "one bar per object");
    }

    @Test
    void incompleteRunsAreScoredWhereCompleteAndTheRestListed() throws Exception {
        Dataset dataset = TestSupport.openDavisReal();
        Path partial = out.resolve("partial");
        Path source = TestSupport.oracle().resolve("results/gt_identity");
        Files.createDirectories(partial.resolve("car-roundabout"));
        try (var files = Files.list(source.resolve("car-roundabout"))) {
            for (Path f : files.toList()) {
                Files.copy(f, partial.resolve("car-roundabout").resolve(f.getFileName()));
            }
        }
        DatasetEvaluator.Outcome outcome = DatasetEvaluator.evaluate(dataset, partial, "val", "2017",
                DatasetEvaluator.Strictness.LENIENT, ProgressMonitor.NULL);
        assertEquals(List.of("car-roundabout"), outcome.result().sequences().stream().map(s -> s.name()).toList());
        assertEquals(1.0, outcome.result().global().jAndFMean(), 1e-12, "the ground truth scores 1");
        assertTrue(outcome.skipped().containsKey("drift-straight"));
        panel.setResult("partial", outcome.result(), outcome.skipped());
        assertTrue(panel.summary().getText().contains("Not scored: drift-straight"), panel.summary().getText());
    }

    @Test
    void csvMatchesTheEvaluatorsOwnFormatting() throws Exception {
        Dataset dataset = TestSupport.openDavisReal();
        DatasetEvaluator.Outcome outcome = DatasetEvaluator.evaluate(dataset,
                TestSupport.oracle().resolve("results/erode2"), "val", "2017",
                DatasetEvaluator.Strictness.LENIENT, ProgressMonitor.NULL);
        assertEquals(read(TestSupport.oracle().resolve("expected/erode2/global_results-val.csv")),
                EvaluationFiles.globalCsv(outcome.result()).strip().replace("\r\n", "\n"));
    }
}
