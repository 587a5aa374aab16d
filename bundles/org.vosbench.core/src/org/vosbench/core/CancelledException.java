package org.vosbench.core;

/** Thrown when a job stops because its {@link ProgressMonitor} was cancelled. */
public class CancelledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A cancellation with the default message. */
    public CancelledException() {
        super("Cancelled");
    }

    /** @param message what was cancelled */
    public CancelledException(String message) {
        super(message);
    }
}
