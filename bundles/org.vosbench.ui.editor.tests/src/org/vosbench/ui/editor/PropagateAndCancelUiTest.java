package org.vosbench.ui.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.core.commands.operations.DefaultOperationHistory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.vosbench.core.LabelMask;
import org.vosbench.engine.PropagationService;
import org.vosbench.engine.SessionSettings;

/**
 * The editor's Forward ▶ and ■ Cancel buttons with the real engine (default backbone) on
 * drift-straight: the progress strip counts frames done / total with frames per second, Cancel stops
 * the run, the frames already propagated are those the same run without the UI gives, the rest are
 * untouched.
 */
class PropagateAndCancelUiTest {

    private static ServiceTracker<PropagationService, PropagationService> tracker;
    private static PropagationService service;

    @TempDir
    Path work;

    @BeforeAll
    static void engine() throws InterruptedException {
        tracker = new ServiceTracker<>(FrameworkUtil.getBundle(PropagateAndCancelUiTest.class).getBundleContext(),
                PropagationService.class, null);
        tracker.open();
        service = tracker.waitForService(20_000);
        assertNotNull(service, "PropagationService not available");
    }

    @AfterAll
    static void closeEngine() {
        tracker.close();
    }

    private static void pumpUntil(Display display, BooleanSupplier done, long timeoutMs) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!done.getAsBoolean() && System.currentTimeMillis() < deadline) {
            if (!display.readAndDispatch()) {
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        while (display.readAndDispatch()) {
            // drain
        }
        assertTrue(done.getAsBoolean(), "timed out");
    }

    private static void click(Button b) {
        assertTrue(b.isEnabled(), b.getText() + " is enabled");
        b.notifyListeners(SWT.Selection, new Event());
    }

    @Test
    void cancelStopsThePropagationAndKeepsTheFramesAlreadyWritten() throws Exception {
        Display display = Display.getDefault();
        var seq = SharedData.davisSequence(SharedData.davisReal(), "drift-straight");
        SessionSettings settings = EnginePreferences.sessionSettings(service.registry());

        SequenceDocument closeLater = null;
        Shell shell = new Shell(display);
        shell.setLayout(new FillLayout());
        shell.setSize(1200, 750);
        SequenceDocument doc = SequenceDocument.open(seq, work.resolve("ui"), new DefaultOperationHistory());
        SequenceEditorControl editor = new SequenceEditorControl(shell, SWT.NONE, doc);
        List<PropagationJob> finished = new ArrayList<>();
        PropagationController controller = new PropagationController(editor, doc, finished::add);
        editor.setPropagationHandler((c, d) -> controller.start(d, service, settings));
        shell.open();
        try {
            assertFalse(editor.cancelButton().isEnabled(), "nothing to cancel yet");
            click(editor.propagateButton(PropagationDirection.FORWARD));
            assertTrue(editor.cancelButton().isEnabled());
            assertFalse(editor.propagateButton(PropagationDirection.FORWARD).isEnabled());
            Pattern strip = Pattern.compile("(\\d+) / (\\d+) frames · ([0-9.]+) frames/s");
            pumpUntil(display, () -> {
                Matcher m = strip.matcher(editor.progressLabel().getText());
                return m.find() && Integer.parseInt(m.group(1)) >= 4;
            }, 600_000);
            Matcher m = strip.matcher(editor.progressLabel().getText());
            assertTrue(m.find(), editor.progressLabel().getText());
            assertEquals(50, Integer.parseInt(m.group(2)), "the forward pass steps through all 50 frames (the first is encoded into memory)");
            assertTrue(Double.parseDouble(m.group(3)) > 0);

            click(editor.cancelButton());
            pumpUntil(display, () -> !finished.isEmpty(), 600_000);
            PropagationJob job = finished.get(0);
            assertTrue(job.wasCancelled());
            int written = job.written();
            assertTrue(written >= 4 && written < 49, "written " + written);
            assertTrue(editor.progressLabel().getText().startsWith("Cancelled"), editor.progressLabel().getText());
            assertFalse(editor.cancelButton().isEnabled());
            assertTrue(editor.propagateButton(PropagationDirection.FORWARD).isEnabled());
            // a run without the UI up to the same frame, for what each frame should hold
            SequenceDocument full = SequenceDocument.open(seq, work.resolve("full"), new DefaultOperationHistory());
            closeLater = full;
            full.addListener(new SequenceDocument.Listener() {
                @Override
                public void framesChanged(java.util.SortedSet<Integer> frames) {
                    if (frames.contains(written)) {
                        org.eclipse.core.runtime.jobs.Job.getJobManager().cancel(PropagationJob.FAMILY);
                    }
                }
            });
            PropagationJob fullJob = new PropagationJob(full, 0, PropagationDirection.FORWARD, service, settings,
                    display);
            fullJob.schedule();
            pumpUntil(display, () -> fullJob.getResult() != null, 600_000);
            assertTrue(fullJob.written() >= written, "reference run wrote " + fullJob.written());
            for (int f = 1; f <= written; f++) {
                assertEquals(FrameState.PROPAGATED, doc.state(f), "frame " + f);
                LabelMask expected = full.mask(f);
                assertEquals(expected, doc.mask(f), "frame " + f + " is what an uncancelled run writes");
            }
            for (int f = written + 1; f < 50; f++) {
                assertEquals(FrameState.NONE, doc.state(f), "frame " + f + " untouched");
                assertNull(doc.mask(f));
            }
            editor.undo();
            assertNull(doc.mask(1), "one undo removes the cancelled run's frames");
        } finally {
            shell.dispose();
            doc.close();
            if (closeLater != null) {
                closeLater.close();
            }
        }
    }
}
