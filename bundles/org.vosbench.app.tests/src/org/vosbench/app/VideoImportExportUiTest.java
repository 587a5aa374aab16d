package org.vosbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosbench.dataset.SequenceRef;
import org.vosbench.model.Dataset;
import org.vosbench.model.Sequence;
import org.vosbench.video.OverlayVideoExport;

/**
 * The workbench's video dialogs on real widgets, and their Jobs on the real FFmpeg services: the
 * overlay video of drift-straight's ground truth is exported from the Export Overlay Video dialog,
 * then imported through the Import Video dialog into the project, where it appears as a sequence
 * with every frame of the video.
 */
class VideoImportExportUiTest {

    @TempDir
    Path dir;

    private Display display;
    private Shell shell;
    private ProjectSession session;

    @BeforeEach
    void open() throws Exception {
        display = Display.getDefault();
        shell = new Shell(display);
        session = ProjectSession.create(dir.resolve("p.vosbench"), "p", TestSupport.registry());
    }

    @AfterEach
    void close() {
        shell.dispose();
        TestSupport.pump(display);
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

    /** The dialog as drawn under Xvfb, into target/screenshots (the docs' pictures come from here). */
    private void screenshot(Shell dialogShell, String name) throws java.io.IOException {
        TestSupport.pump(display);
        org.eclipse.swt.graphics.Rectangle area = dialogShell.getClientArea();
        org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(dialogShell);
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

    @Test
    void anOverlayVideoExportedFromTheDialogImportsBackAsASequenceWithAllItsFrames() throws Exception {
        Dataset davis = session.addDataset(TestSupport.davisReal());
        SequenceRef drift = session.sequenceRef(davis.findSequence("drift-straight"));
        ExportVideoDialog export = new ExportVideoDialog(shell, "drift-straight", dir.resolve("drift-straight.mp4"));
        export.setBlockOnOpen(false);
        export.open();
        export.output.setText(dir.resolve("out/drift.mp4").toString());
        export.overlay.select(1);
        export.fps.setText("12");
        screenshot(export.getShell(), "export-video-dialog.png");
        press(export.okButton());
        assertEquals(Window.OK, export.getReturnCode());
        AtomicReference<OverlayVideoExport.Result> exported = new AtomicReference<>();
        IStatus status = runToEnd(VideoJobs.exportOverlay(session.dataset(davis), drift,
                TestSupport.davisReal().resolve("Annotations/480p"), export.output(), export.overlay(), export.fps(),
                display, exported::set));
        assertEquals(IStatus.INFO, status.getSeverity(), status.getMessage());
        assertEquals(50, exported.get().masked());
        assertTrue(Files.size(dir.resolve("out/drift.mp4")) > 0);

        ImportVideoDialog dialog = new ImportVideoDialog(shell, dir.resolve("videos"));
        dialog.setBlockOnOpen(false);
        dialog.open();
        Button importButton = dialog.okButton();
        assertFalse(importButton.isEnabled(), "no video chosen yet");
        dialog.video.setText(dir.resolve("out/drift.mp4").toString());
        assertEquals("drift", dialog.name.getText(), "the name follows the file");
        dialog.fps.setText("fast");
        assertFalse(importButton.isEnabled());
        assertTrue(dialog.problem.getText().contains("'fast' is not a number"), dialog.problem.getText());
        dialog.fps.setText("");
        dialog.maxSide.setText("480");
        screenshot(dialog.getShell(), "import-video-dialog.png");
        press(importButton);
        assertEquals(Window.OK, dialog.getReturnCode());

        AtomicReference<Dataset> added = new AtomicReference<>();
        status = runToEnd(VideoJobs.importVideo(dialog.video(), dialog.root(), dialog.options(), display, r -> {
            try {
                added.set(session.addDataset(dialog.root()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }));
        assertEquals(IStatus.INFO, status.getSeverity(), status.getMessage());
        assertNotNull(added.get(), "the dataset was added on the UI thread");
        Sequence sequence = added.get().findSequence("drift");
        assertNotNull(sequence);
        assertEquals(50, sequence.getFrameCount(), "every frame of the exported video");
        assertTrue(Files.isRegularFile(dir.resolve("videos/JPEGImages/drift/video.json")));
    }
}
