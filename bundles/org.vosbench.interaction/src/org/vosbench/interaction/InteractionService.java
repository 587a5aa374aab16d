package org.vosbench.interaction;

import java.io.IOException;

/** OSGi service: the one implementation of interactive segmentation, for the CLI and the workbench. */
public interface InteractionService {

    /** @return the registry of models */
    InteractionRegistry registry();

    /**
     * Loads a model.
     *
     * @param settings model, weights, device, precision
     * @return an open session; the caller closes it
     * @throws IOException when the weights cannot be read or do not fit (the message names the file)
     * @throws InvalidInteractionException (part {@code MODEL}) for an unknown model or missing weights
     */
    InteractionSession open(InteractionSettings settings) throws IOException;
}
