package org.vosbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.eclipse.core.commands.operations.DefaultOperationHistory;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.dataset.SequenceRef;
import org.vosbench.engine.PropagationReport;
import org.vosbench.engine.SessionSettings;
import org.vosbench.model.Dataset;
import org.vosbench.model.ReviewState;
import org.vosbench.model.Run;
import org.vosbench.model.Sequence;
import org.vosbench.model.store.ProjectStore;
import org.vosbench.ui.ViewTransform;
import org.vosbench.ui.editor.PropagationRecorder;
import org.vosbench.ui.editor.SequenceDocument;
import org.vosbench.ui.editor.SequenceEditorControl;
import org.vosbench.ui.eval.ComparePanel;
import org.vosbench.ui.eval.CompareSide;

/**
 * Runs keep their own output (two runs compare with two different curves, later edits change neither),
 * and the review state follows the work: opening changes nothing, a brush stroke on an approved
 * sequence returns it to "in progress" with a note and the annotator's name in its history, and the
 * toggle buttons and the history list show it.
 */
class RunRecordsAndReviewUiTest {

    @TempDir
    Path dir;

    private Display display;
    private Shell shell;
    private ProjectSession session;
    private Dataset dataset;
    private Sequence drift;
    private SequenceRef ref;
    private SequenceDocument doc;

    @BeforeEach
    void open() throws Exception {
        display = Display.getDefault();
        shell = new Shell(display);
        shell.setLayout(new FillLayout());
        shell.setSize(1200, 700);
        session = ProjectSession.create(dir.resolve("p.vosbench"), "p", TestSupport.registry());
        session.setAnnotator("ada");
        dataset = session.addDataset(TestSupport.davisReal());
        drift = dataset.findSequence("drift-straight");
        ref = session.sequenceRef(drift);
        doc = SequenceDocument.open(ref, session.workDir(drift), new DefaultOperationHistory());
    }

    @AfterEach
    void close() {
        shell.dispose();
        doc.close();
        TestSupport.pump(display);
    }

    /** A run written into the document: the ground truth, or the ground truth with frames from 25 on empty. */
    private Run run(boolean spoilSecondHalf) throws Exception {
        Instant start = Instant.now();
        PropagationRecorder r = doc.recordPropagation("run");
        for (int f = 1; f < ref.length(); f++) {
            LabelMask gt = MaskIO.read(ref.groundTruth().get(f));
            r.write(f, spoilSecondHalf && f >= 25 ? LabelMask.empty(gt.width(), gt.height()) : gt);
        }
        r.finish();
        Thread.sleep(20);
        SessionSettings settings = SessionSettings.defaults("weightfree", null);
        return session.recordPropagation(drift, new ProjectSession.PropagationOutcome(settings, "forward", 0,
                new PropagationReport(50, 1_000_000_000L, 1), ref.length() - 1, false, start, Instant.now()),
                doc::writeSnapshot);
    }

    private static void waitForScoring(Display display) {
        long deadline = System.currentTimeMillis() + 120_000;
        while (Job.getJobManager().find(ComparePanel.SCORING_FAMILY).length > 0
                && System.currentTimeMillis() < deadline) {
            if (!display.readAndDispatch()) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        TestSupport.pump(display);
    }

    @Test
    void twoRunsKeepTheirOwnMasksAndCompareWithTwoDifferentCurves() throws Exception {
        Run good = run(false);
        doc.history().undo(doc.undoContext(), null, null);
        Run spoiled = run(true);
        // the person keeps working: later edits of the annotations change neither run
        doc.history().undo(doc.undoContext(), null, null);
        doc.save();

        Path goodDir = session.store().resolve(good.getOutputPath());
        Path spoiledDir = session.store().resolve(spoiled.getOutputPath());
        assertNotEquals(goodDir, spoiledDir);
        assertFalse(goodDir.startsWith(session.annotationsDir(dataset)), "a run is not the annotations folder");
        assertEquals(MaskIO.read(ref.groundTruth().get(30)), MaskIO.read(goodDir.resolve("drift-straight/00030.png")));
        assertTrue(MaskIO.read(spoiledDir.resolve("drift-straight/00030.png")).objectIds().isEmpty());
        assertFalse(Files.exists(doc.maskFile(30)), "the annotations no longer hold frame 30, the runs still do");
        assertTrue(good.getFinishedAt().isAfter(good.getStartedAt()), "real start and finish");
        Run saved = ProjectStore.load(dir.resolve("p.vosbench")).project().findRun(spoiled.getId());
        assertEquals(spoiled.getOutputPath(), saved.getOutputPath());

        org.vosbench.dataset.Dataset ds = session.dataset(dataset);
        ComparePanel panel = new ComparePanel(shell, SWT.NONE, ref, CompareSide.run(good.getId(), ds, goodDir, ref),
                CompareSide.run(spoiled.getId(), ds, spoiledDir, ref));
        shell.open();
        shell.layout();
        waitForScoring(display);
        List<double[]> scores = panel.scores();
        assertEquals(2, scores.size(), "one curve per run");
        assertEquals(1.0, scores.get(0)[10], 1e-9, "the ground truth run scores 1 on frame 11");
        assertEquals(1.0, scores.get(1)[10], 1e-9);
        assertEquals(1.0, scores.get(0)[30], 1e-9);
        assertTrue(scores.get(1)[30] < 0.5, "the spoiled run's curve drops from frame 26: " + scores.get(1)[30]);
    }

    @Test
    void anEditOnAnApprovedSequenceReturnsItToInProgressWithANoteInItsHistory() throws Exception {
        ProjectExplorerControl explorer = new ProjectExplorerControl(shell, SWT.NONE);
        explorer.setSession(session);
        SequenceEditorControl editor = new SequenceEditorControl(shell, SWT.NONE, doc);
        doc.addListener(session.reviewRule(drift, e -> {
            throw new AssertionError(e);
        }));
        shell.open();
        TestSupport.pump(display);
        assertEquals(ReviewState.NOT_STARTED, drift.getReviewState(), "opening the editor changes nothing");

        explorer.viewer().setSelection(new StructuredSelection(drift), true);
        TestSupport.pump(display);
        assertTrue(explorer.reviewButton(ReviewState.NOT_STARTED).getSelection(), "the toggle shows the state");
        explorer.reviewButton(ReviewState.APPROVED).setSelection(true);
        explorer.reviewButton(ReviewState.APPROVED).notifyListeners(SWT.Selection, new Event());
        TestSupport.pump(display);
        assertEquals(ReviewState.APPROVED, drift.getReviewState());
        assertTrue(explorer.reviewButton(ReviewState.APPROVED).getSelection());
        assertFalse(explorer.reviewButton(ReviewState.NOT_STARTED).getSelection());

        // a brush stroke on frame 5, by mouse events on the canvas
        editor.showFrame(4);
        ViewTransform v = editor.canvas().view();
        for (int type : new int[] {SWT.MouseDown, SWT.MouseMove, SWT.MouseUp}) {
            Event e = new Event();
            e.x = (int) Math.round(v.toScreenX(type == SWT.MouseDown ? 100 : 140));
            e.y = (int) Math.round(v.toScreenY(100));
            e.button = 1;
            e.stateMask = type == SWT.MouseMove ? SWT.BUTTON1 : 0;
            editor.canvas().notifyListeners(type, e);
        }
        TestSupport.pump(display);
        assertNotNull(doc.mask(4));

        assertEquals(ReviewState.IN_PROGRESS, drift.getReviewState(), "the visible rule: edited after approval");
        assertTrue(explorer.reviewButton(ReviewState.IN_PROGRESS).getSelection());
        List<ReviewHistory.Entry> history = session.reviewHistory(drift);
        assertEquals(2, history.size());
        assertEquals("set by hand", history.get(0).note());
        assertEquals(ReviewState.APPROVED, history.get(1).from());
        assertEquals("rule: edited after approval", history.get(1).note());
        assertEquals("ada", history.get(1).annotator());
        String shown = explorer.historyList().getItem(0);
        assertTrue(shown.contains("ada: approved → in progress  (rule: edited after approval)"), shown);

        ProjectSession reopened = ProjectSession.open(dir.resolve("p.vosbench"), TestSupport.registry());
        Sequence again = reopened.project().getDatasets().get(0).findSequence("drift-straight");
        assertEquals(ReviewState.IN_PROGRESS, again.getReviewState());
        assertEquals(2, reopened.reviewHistory(again).size(), "the history is on disk");
    }
}
