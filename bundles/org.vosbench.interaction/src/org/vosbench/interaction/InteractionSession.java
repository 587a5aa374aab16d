package org.vosbench.interaction;

import org.vosbench.core.ProgressMonitor;

/**
 * A loaded model ready for interactions (the workbench keeps one open while a tool is active).
 * Not thread-safe.
 */
public interface InteractionSession extends AutoCloseable {

    /** @return the model's description */
    InteractionModelInfo model();

    /**
     * Checks the request, runs the model for each object the person gave input for (the others
     * keep their previous mask) and aggregates the objects as MiVOS's {@code aggregate_wbg}.
     *
     * @param request the interaction
     * @param monitor progress (one unit per object) and cancellation
     * @return probabilities and labels
     * @throws InvalidInteractionException when the request is unusable; nothing is computed
     * @throws org.vosbench.core.CancelledException when cancelled
     */
    InteractionResult interact(InteractionRequest request, ProgressMonitor monitor);

    /** Releases the model. */
    @Override
    void close();
}
