package org.vosbench.app;

import java.nio.file.Path;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;
import org.vosbench.core.CancelledException;
import org.vosbench.dataset.Dataset;
import org.vosbench.dataset.SequenceRef;
import org.vosbench.ui.EclipseProgressMonitor;
import org.vosbench.video.OverlayVideoExport;
import org.vosbench.video.VideoImport;

/**
 * The workbench's video work as cancellable Jobs that call the same services as {@code vosbench
 * import-video} and {@code vosbench export-video} ({@link VideoImport}, {@link OverlayVideoExport}):
 * progress in the Progress view, cancel from there; a cancelled or failed import leaves no sequence
 * and a cancelled export no video (the services write atomically). The result is handed to the UI
 * thread.
 */
final class VideoJobs {

    /** Family of the jobs started here (for joining them in tests). */
    static final Object FAMILY = VideoJobs.class;

    private VideoJobs() {
    }

    /** Decodes {@code video} into a new sequence of the folder dataset {@code root}. */
    static Job importVideo(Path video, Path root, VideoImport.Options options, Display display,
            Consumer<VideoImport.Result> onImported) {
        return job("Import " + video.getFileName(), display, monitor -> {
            VideoImport.Result r = VideoImport.importVideo(video, root, options, new EclipseProgressMonitor(monitor));
            return new Done<>(r, String.format("Imported %d frames (%dx%d, %s) into %s", r.frames(), r.width(), r.height(),
                    r.codec(), r.sequence()));
        }, onImported);
    }

    /** Writes the overlay video of one sequence's masks in {@code results}. */
    static Job exportOverlay(Dataset dataset, SequenceRef sequence, Path results, Path output,
            OverlayVideoExport.Overlay overlay, double fps, Display display, Consumer<OverlayVideoExport.Result> onDone) {
        return job("Export overlay video of " + sequence.name(), display, monitor -> {
            OverlayVideoExport.Result r = OverlayVideoExport.export(dataset, sequence, results, output, overlay, fps,
                    new EclipseProgressMonitor(monitor));
            return new Done<>(r, String.format("Wrote %s: %d frames, %d with masks (%s)", output, r.frames(), r.masked(),
                    r.codec()));
        }, onDone);
    }

    private record Done<T>(T result, String message) {
    }

    private interface Work<T> {
        Done<T> run(IProgressMonitor monitor) throws Exception;
    }

    private static <T> Job job(String name, Display display, Work<T> work, Consumer<T> onDone) {
        Job job = new Job(name) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                try {
                    Done<T> done = work.run(monitor);
                    display.asyncExec(() -> onDone.accept(done.result()));
                    return Status.info(done.message());
                } catch (CancelledException e) {
                    return Status.CANCEL_STATUS;
                } catch (Exception e) {
                    return Status.error(name + " failed: " + e.getMessage(), e);
                }
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == FAMILY;
            }
        };
        job.setUser(true);
        return job;
    }
}
