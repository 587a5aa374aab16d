package org.vosbench.ui;

import org.eclipse.core.runtime.IProgressMonitor;
import org.vosbench.core.ProgressMonitor;

/**
 * A {@link ProgressMonitor} that reports to an Eclipse {@link IProgressMonitor}: a job's
 * progress in the Progress view, and its cancel button as cancellation.
 */
public class EclipseProgressMonitor implements ProgressMonitor {

    /** Where progress goes. */
    protected final IProgressMonitor monitor;

    /** @param monitor the job's monitor */
    public EclipseProgressMonitor(IProgressMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public void begin(String task, int totalWork) {
        monitor.beginTask(task, totalWork);
    }

    @Override
    public void worked(int work) {
        monitor.worked(work);
    }

    @Override
    public void subTask(String name) {
        monitor.subTask(name);
    }

    @Override
    public boolean isCanceled() {
        return monitor.isCanceled();
    }

    @Override
    public void done() {
        monitor.done();
    }
}
