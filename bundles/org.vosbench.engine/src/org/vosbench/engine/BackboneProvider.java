package org.vosbench.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import ai.djl.ndarray.NDManager;

/**
 * Contributed through the extension point {@code org.vosbench.engine.backbones} (attribute
 * {@code class}); loads a {@link Backbone}. Must have a public no-argument constructor.
 */
public interface BackboneProvider {

    /**
     * Loads the network.
     *
     * @param weights the weights file; empty for a backbone that needs none
     * @param device where it runs, whether half precision is wanted, and the session's
     *        {@link EngineDevice#precision() precision}: the backbone computes in it and exchanges
     *        arrays of {@link Precision#sessionType()} with the engine
     * @param manager the manager that owns the parameters; closed by the engine after
     *        {@link Backbone#close()}
     * @return the loaded backbone
     * @throws IOException when the weights cannot be read or do not fit; the message names the
     *         file (and the key)
     * @throws EngineException when the backbone cannot run the device's precision (said before
     *         anything runs)
     */
    Backbone load(Optional<Path> weights, EngineDevice device, NDManager manager) throws IOException;
}
