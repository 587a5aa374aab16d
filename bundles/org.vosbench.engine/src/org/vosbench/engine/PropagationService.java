package org.vosbench.engine;

import java.io.IOException;

/**
 * OSGi service: opens propagation sessions. Loaded backbones are cached (same backbone, weights
 * and device), so opening one session per sequence does not reload weights.
 */
public interface PropagationService {

    /**
     * @param settings backbone, weights, similarity, memory and device
     * @return a new session; the caller closes it
     * @throws IOException when the weights cannot be read or do not fit (message names the file
     *         and key)
     * @throws EngineException for an unknown backbone or similarity id, or an unavailable device
     */
    PropagationSession open(SessionSettings settings) throws IOException;

    /** @return the registry of backbones and similarities this service uses */
    EngineRegistry registry();
}
