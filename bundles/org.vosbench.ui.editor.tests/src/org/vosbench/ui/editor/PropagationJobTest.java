package org.vosbench.ui.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.commands.operations.DefaultOperationHistory;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.engine.PropagationService;
import org.vosbench.engine.SessionSettings;
import org.vosbench.eval.DavisMetrics;

/**
 * Propagation from the editor with the real engine service and the default (training-free) backbone on
 * davis-real/drift-straight: what the document and the files hold after each step.
 */
class PropagationJobTest {

    private static ServiceTracker<PropagationService, PropagationService> tracker;
    private static PropagationService service;

    @TempDir
    Path work;

    private Display display;
    private SequenceDocument doc;
    private SessionSettings settings;

    @BeforeAll
    static void engine() throws InterruptedException {
        tracker = new ServiceTracker<>(FrameworkUtil.getBundle(PropagationJobTest.class).getBundleContext(),
                PropagationService.class, null);
        tracker.open();
        service = tracker.waitForService(20_000);
        assertNotNull(service, "PropagationService not available");
    }

    @AfterAll
    static void closeEngine() {
        tracker.close();
    }

    @BeforeEach
    void open() throws Exception {
        display = Display.getDefault();
        doc = SequenceDocument.open(SharedData.davisSequence(SharedData.davisReal(), "drift-straight"),
                work.resolve("drift-straight"), new DefaultOperationHistory());
        // the preferences are empty in a fresh test instance area: the default backbone is chosen
        settings = EnginePreferences.sessionSettings(service.registry());
    }

    @AfterEach
    void close() {
        doc.close();
    }

    private PropagationJob run(int from, PropagationDirection direction) {
        PropagationJob job = new PropagationJob(doc, from, direction, service, settings, display);
        job.schedule();
        long deadline = System.currentTimeMillis() + 600_000;
        while (job.getState() != Job.NONE && System.currentTimeMillis() < deadline) {
            if (!display.readAndDispatch()) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        while (display.readAndDispatch()) {
            // the recorder's finish runs on the UI thread
        }
        return job;
    }

    @Test
    void aTruncatedFrameFailsTheJobNamingTheFileBeforeAnyFrameIsWritten() throws Exception {
        Path root = work.resolve("davis");
        for (String part : new String[] {"JPEGImages/480p/drift-straight", "Annotations/480p/drift-straight"}) {
            Files.createDirectories(root.resolve(part));
            try (var files = Files.list(SharedData.davisReal().resolve(part))) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.copy(f, root.resolve(part).resolve(f.getFileName()));
                }
            }
        }
        Path bad = root.resolve("JPEGImages/480p/drift-straight/00020.jpg");
        byte[] bytes = Files.readAllBytes(bad);
        Files.write(bad, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        doc.close();
        doc = SequenceDocument.open(SharedData.davisSequence(root, "drift-straight"), work.resolve("copy"),
                new DefaultOperationHistory());

        PropagationJob job = run(0, PropagationDirection.FORWARD);

        assertEquals(IStatus.ERROR, job.getResult().getSeverity(), job.getResult().toString());
        assertTrue(job.getResult().getMessage().contains(bad.toString()), job.getResult().getMessage());
        assertEquals(0, job.written());
        assertTrue(doc.framesIn(FrameState.PROPAGATED).isEmpty(), "nothing was written");
    }

    @Test
    void defaultBackboneNeedsNoWeights() {
        assertTrue(settings.weights().isEmpty());
        assertTrue(service.registry().backbones().stream()
                .anyMatch(b -> b.id().equals(settings.backboneId()) && !b.requiresWeights()), settings.backboneId());
    }

    @Test
    void forwardPropagationFillsEveryFrameAsOneUndoableStepAndSaves() throws Exception {
        LabelMask first = doc.mask(0).copy();
        PropagationJob job = run(0, PropagationDirection.FORWARD);
        assertEquals(IStatus.INFO, job.getResult().getSeverity(), job.getResult().toString());
        assertEquals(49, job.written());
        for (int f = 1; f < 50; f++) {
            assertEquals(FrameState.PROPAGATED, doc.state(f), "frame " + f);
            assertNotNull(doc.mask(f));
        }
        assertEquals(FrameState.ANNOTATED, doc.state(0));
        assertEquals(first, doc.mask(0), "the person's frame is untouched");
        // the engine's output, not a copy of the first mask; its accuracy is the engine's business
        assertTrue(!doc.mask(1).equals(first) && doc.mask(1).objectIds().contains(1));
        LabelMask gt1 = MaskIO.read(doc.sequence().groundTruth().get(1));
        System.out.printf("default backbone %s: J on frame 1 = %.3f, J on frame 49 = %.3f%n", settings.backboneId(),
                DavisMetrics.jaccard(gt1, doc.mask(1), 1),
                DavisMetrics.jaccard(MaskIO.read(doc.sequence().groundTruth().get(49)), doc.mask(49), 1));

        doc.save();
        for (int f = 0; f < 50; f++) {
            assertEquals(doc.mask(f), MaskIO.read(doc.maskFile(f)), "saved frame " + f);
        }
        assertTrue(Files.readString(doc.workDir().resolve("frames.tsv")).contains("00049\tPROPAGATED"));

        doc.history().undo(doc.undoContext(), null, null);
        for (int f = 1; f < 50; f++) {
            assertNull(doc.mask(f), "one undo removes the whole propagation, frame " + f);
        }
        doc.history().redo(doc.undoContext(), null, null);
        assertEquals(FrameState.PROPAGATED, doc.state(49));
    }

    @Test
    void repropagatingAfterAFixStopsAtAndKeepsThePersonsFrames() throws Exception {
        // an earlier propagation (recorded directly, to keep the test short): frames 1..49 propagated
        PropagationRecorder earlier = doc.recordPropagation("earlier");
        for (int f = 1; f < 50; f++) {
            earlier.write(f, doc.mask(0).copy());
        }
        earlier.finish();
        // a person fixes frame 10 after propagation
        doc.edit(10, "Fix", m -> MaskPainter.paintDisc(m, 100, 100, 20, 1));
        assertEquals(FrameState.EDITED, doc.state(10));
        LabelMask first = doc.mask(0).copy();
        LabelMask fixed = doc.mask(10).copy();
        LabelMask frame20 = doc.mask(20).copy();

        // both ways from frame 5: forward stops before the fixed frame 10, backward before annotated frame 0
        PropagationJob job = run(5, PropagationDirection.BOTH);
        assertEquals(IStatus.INFO, job.getResult().getSeverity(), job.getResult().toString());
        assertEquals(8, job.written(), "frames 1..4 and 6..9");
        assertEquals(first, doc.mask(0), "the annotated frame is never overwritten");
        assertEquals(fixed, doc.mask(10), "nor the fixed one");
        assertEquals(frame20, doc.mask(20), "frames past the fixed one are untouched");
        assertTrue(!doc.mask(7).equals(first), "frame 7 was re-propagated");
        doc.history().undo(doc.undoContext(), null, null);
        assertEquals(first, doc.mask(7), "one undo restores the earlier masks of the whole run");
    }

    @Test
    void cancelKeepsTheFramesAlreadyWritten() {
        doc.addListener(new SequenceDocument.Listener() {
            @Override
            public void framesChanged(java.util.SortedSet<Integer> frames) {
                if (frames.contains(3)) {
                    Job.getJobManager().cancel(PropagationJob.FAMILY);
                }
            }
        });
        PropagationJob job = run(0, PropagationDirection.FORWARD);
        assertEquals(IStatus.CANCEL, job.getResult().getSeverity());
        assertTrue(job.written() >= 3 && job.written() < 49, "written " + job.written());
        for (int f = 1; f <= job.written(); f++) {
            assertEquals(FrameState.PROPAGATED, doc.state(f));
        }
        assertEquals(FrameState.NONE, doc.state(49));
    }
}
