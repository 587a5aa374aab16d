package org.vosbench.ui.editor;

import java.util.function.Consumer;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.swt.widgets.Display;
import org.vosbench.engine.PropagationService;
import org.vosbench.engine.SessionSettings;

/**
 * Runs the editor's propagations: starts a {@link PropagationJob} from the current frame, turns the
 * propagate buttons off and Cancel on while it runs, feeds the progress strip (frames done / total,
 * frames per second), and cancels it from the Cancel button or when the editor closes. One at a time
 * per editor.
 */
final class PropagationController {

    private final SequenceEditorControl control;
    private final SequenceDocument document;
    private final Display display;
    private final Consumer<PropagationJob> onDone;
    private volatile PropagationJob running;

    PropagationController(SequenceEditorControl control, SequenceDocument document, Consumer<PropagationJob> onDone) {
        this.control = control;
        this.document = document;
        this.display = control.getDisplay();
        this.onDone = onDone;
        control.setCancelHandler(this::cancel);
        control.addListener(org.eclipse.swt.SWT.Dispose, e -> cancel());
    }

    PropagationJob running() {
        return running;
    }

    void cancel() {
        PropagationJob job = running;
        if (job != null) {
            job.cancel();
        }
    }

    /** Starts a propagation from the current frame; null when one is already running. */
    PropagationJob start(PropagationDirection direction, PropagationService service, SessionSettings settings) {
        if (running != null) {
            return null;
        }
        PropagationJob job = new PropagationJob(document, control.currentFrameIndex(), direction, service, settings,
                display);
        String what = "Propagating " + direction.name().toLowerCase() + " from frame " + (job.from() + 1);
        control.setPropagating(true);
        control.showProgress(what, 0, -1, 0);
        job.setProgressListener((done, total, fps) -> {
            if (!control.isDisposed() && running == job) {
                control.showProgress(what, done, total, fps);
            }
        });
        running = job;
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                display.asyncExec(() -> {
                    running = null;
                    if (!control.isDisposed()) {
                        control.setPropagating(false);
                        control.showFinished(summary(job, event.getResult()));
                        onDone.accept(job);
                    }
                });
            }
        });
        job.schedule();
        return job;
    }

    private static String summary(PropagationJob job, IStatus result) {
        if (job.wasCancelled()) {
            return "Cancelled: the " + job.written() + " frames already propagated are kept (Ctrl+Z removes them)";
        }
        if (result != null && result.getSeverity() == IStatus.ERROR) {
            return "Failed: " + result.getMessage();
        }
        return result == null ? "Done" : result.getMessage();
    }
}
