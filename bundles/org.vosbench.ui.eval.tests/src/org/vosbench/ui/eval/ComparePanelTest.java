package org.vosbench.ui.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vosbench.core.MaskIO;
import org.vosbench.dataset.Dataset;
import org.vosbench.dataset.SequenceRef;
import org.vosbench.ui.OverlayRenderer;
import org.vosbench.ui.ViewTransform;

/** The compare editor's panel on oracle runs against the ground truth of davis-real. */
class ComparePanelTest {

    private Display display;
    private Shell shell;
    private Dataset dataset;
    private SequenceRef sequence;

    @BeforeEach
    void open() throws Exception {
        display = Display.getDefault();
        shell = new Shell(display);
        shell.setLayout(new FillLayout());
        shell.setSize(1200, 800);
        dataset = TestSupport.openDavisReal();
        sequence = dataset.sequence("drift-straight").orElseThrow();
    }

    @AfterEach
    void close() {
        shell.dispose();
    }

    private ComparePanel open(String run) {
        Path results = TestSupport.oracle().resolve("results").resolve(run);
        ComparePanel panel = new ComparePanel(shell, SWT.NONE, sequence,
                CompareSide.run(run, dataset, results, sequence), CompareSide.groundTruth(sequence));
        shell.open();
        TestSupport.pumpUntil(display, () -> !panel.scores().isEmpty());
        return panel;
    }

    @Test
    void groundTruthAgainstItselfScoresOneOnEveryScoredFrame() {
        ComparePanel panel = open("gt_identity");
        double[] s = panel.scores().get(0);
        assertTrue(Double.isNaN(s[0]) && Double.isNaN(s[s.length - 1]), "first and last frames are not scored");
        for (int i = 1; i < s.length - 1; i++) {
            assertEquals(1.0, s[i], 1e-12, "frame " + i);
        }
    }

    @Test
    void progressiveShiftIsWorstOnTheLastScoredFrameAndTheButtonJumpsThere() {
        // progressive_shift moves frame t by t pixels, so later frames are worse
        ComparePanel panel = open("progressive_shift");
        assertTrue(panel.worstButton().isEnabled());
        panel.worstButton().notifyListeners(SWT.Selection, new Event());
        assertEquals(sequence.length() - 2, panel.currentFrame());
        double[] s = panel.scores().get(0);
        assertTrue(s[1] > s[sequence.length() - 2]);
    }

    @Test
    void chartClickJumpsToTheFrameUnderThePointer() {
        ComparePanel panel = open("shift5_right");
        TestSupport.pump(display);
        int x = panel.chart().getAxisSet().getXAxis(0).getPixelCoordinate(21); // frame number 21 = index 20
        assertEquals(20, panel.frameAtChartX(x));
        Event e = new Event();
        e.x = x;
        e.y = 10;
        e.button = 1;
        panel.chart().getPlotArea().getControl().notifyListeners(SWT.MouseDown, e);
        assertEquals(20, panel.currentFrame());
    }

    @Test
    void zoomOnOneSideZoomsTheOther() {
        ComparePanel panel = open("gt_identity");
        TestSupport.pump(display);
        panel.leftCanvas().zoom(2, 100, 100);
        ViewTransform l = panel.leftCanvas().view();
        ViewTransform r = panel.rightCanvas().view();
        assertEquals(l, r);
        panel.rightCanvas().pan(30, -10);
        assertEquals(panel.rightCanvas().view(), panel.leftCanvas().view());
    }

    @Test
    void differenceOverlayColoursThePixelsOnlyTheRunClaims() throws Exception {
        ComparePanel panel = open("shift5_right");
        panel.showFrame(10);
        panel.setDifference(true);
        var gt = MaskIO.read(sequence.groundTruth().get(10));
        var run = MaskIO.read(TestSupport.oracle().resolve("results/shift5_right/drift-straight")
                .resolve(sequence.frame(10).name() + ".png"));
        assertTrue(OverlayRenderer.disagreement(run, gt) > 0);
        // find a pixel the shifted run claims and the ground truth does not: it must be red in the overlay
        int w = gt.width();
        int found = -1;
        for (int i = 0; i < gt.labels().length && found < 0; i++) {
            if (run.labels()[i] == 1 && gt.labels()[i] == 0) {
                found = i;
            }
        }
        assertFalse(found < 0);
        org.eclipse.swt.graphics.ImageData data = OverlayRenderer.difference(panel.leftCanvas().frame(), run, gt,
                ComparePanel.ONLY_LEFT, ComparePanel.ONLY_RIGHT, ComparePanel.BOTH_DIFFERENT);
        int o = (found / w) * data.bytesPerLine + 3 * (found % w);
        assertEquals(0xE5, data.data[o] & 0xFF);
        assertEquals(0x39, data.data[o + 1] & 0xFF);
    }

    @Test
    void twoRunsGetOneJAndFCurveEachAndTheWorseRunIsLower() {
        ComparePanel panel = new ComparePanel(shell, SWT.NONE, sequence,
                CompareSide.run("erode2", dataset, TestSupport.oracle().resolve("results/erode2"), sequence),
                CompareSide.run("shift12r_6d", dataset, TestSupport.oracle().resolve("results/shift12r_6d"), sequence));
        shell.open();
        TestSupport.pumpUntil(display, () -> !panel.scores().isEmpty());
        assertEquals(2, panel.scores().size());
        assertEquals(2, panel.chart().getSeriesSet().getSeries().length);
        // the curves are the toolkit's per-frame (J + F) / 2 (oracle dump, 1e-6)
        double[] eroded = panel.scores().get(0);
        double[] shifted = panel.scores().get(1);
        java.util.Map<String, Double> oracle = perFrameJAndF("erode2");
        for (int i = 1; i < eroded.length - 1; i++) {
            assertEquals(oracle.get(sequence.frame(i).name()), eroded[i], 1e-6, "frame " + i);
            assertTrue(eroded[i] > shifted[i], "frame " + i + ": " + eroded[i] + " vs " + shifted[i]);
        }
    }

    private static java.util.Map<String, Double> perFrameJAndF(String run) {
        java.util.Map<String, Double> result = new java.util.HashMap<>();
        try {
            for (String line : java.nio.file.Files.readAllLines(TestSupport.oracle().resolve("expected").resolve(run)
                    .resolve("per-frame_J_F-val.csv"))) {
                String[] f = line.split(",");
                if (f[0].equals("drift-straight")) {
                    result.put(f[2], (Double.parseDouble(f[3]) + Double.parseDouble(f[4])) / 2);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return result;
    }
}
