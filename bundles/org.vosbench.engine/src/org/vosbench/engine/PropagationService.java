package org.vosbench.engine;

import java.io.IOException;

/**
 * OSGi service: opens propagation sessions. A loaded backbone (same backbone, weights and device)
 * is shared by the sessions that use it and lives until the last of them closes; a few unused
 * ones are kept, so opening one session per sequence does not reload weights. Sessions with
 * different settings may be open and step at the same time.
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
