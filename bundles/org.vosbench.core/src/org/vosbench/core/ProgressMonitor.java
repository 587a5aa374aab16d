package org.vosbench.core;

import java.util.function.BooleanSupplier;

/**
 * Progress and cancellation of a long job, independent of any UI toolkit. The UI adapts it to
 * an Eclipse {@code IProgressMonitor}, the command line to a progress bar. Implementations must
 * tolerate calls from several threads.
 */
public interface ProgressMonitor {

    /** A monitor that reports nowhere and is never cancelled. */
    ProgressMonitor NULL = silent(() -> false);

    /**
     * Starts the job.
     *
     * @param task the job's name
     * @param totalWork units of work to come, or a negative number when unknown
     */
    void begin(String task, int totalWork);

    /** @param work units of work just completed */
    void worked(int work);

    /** @param name what the job is doing now */
    void subTask(String name);

    /** @return whether the user asked to stop */
    boolean isCanceled();

    /** Ends the job. */
    void done();

    /**
     * A monitor that reports nowhere and is cancelled whenever {@code outer} is: for a step that
     * must stop with its caller but whose progress the caller counts itself.
     *
     * @param outer the monitor whose cancellation is followed
     * @return the silent monitor
     */
    static ProgressMonitor cancellationOf(ProgressMonitor outer) {
        return silent(outer::isCanceled);
    }

    private static ProgressMonitor silent(BooleanSupplier canceled) {
        return new ProgressMonitor() {
            @Override
            public void begin(String task, int totalWork) {
                // reports nowhere
            }

            @Override
            public void worked(int work) {
                // reports nowhere
            }

            @Override
            public void subTask(String name) {
                // reports nowhere
            }

            @Override
            public boolean isCanceled() {
                return canceled.getAsBoolean();
            }

            @Override
            public void done() {
                // reports nowhere
            }
        };
    }

    /**
     * Stops the job if the user asked to.
     *
     * @throws CancelledException when {@link #isCanceled()}
     */
    default void checkCanceled() {
        if (isCanceled()) {
            throw new CancelledException();
        }
    }
}
