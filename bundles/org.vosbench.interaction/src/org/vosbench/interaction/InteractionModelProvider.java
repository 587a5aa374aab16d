package org.vosbench.interaction;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import ai.djl.ndarray.NDManager;

import org.vosbench.engine.EngineDevice;

/**
 * Contributed through {@code org.vosbench.interaction.models} (attribute {@code class}); loads an
 * {@link InteractionModel}. Must have a public no-argument constructor.
 */
public interface InteractionModelProvider {

    /**
     * @param weights the weights file; empty for a model that needs none
     * @param device where it runs and in which precision ({@link EngineDevice#precision()}); a
     *        model refuses one it cannot run with an {@link org.vosbench.engine.EngineException}
     * @param manager owns the model's arrays; closed by the service after {@link InteractionModel#close()}
     * @return the loaded model
     * @throws IOException when the weights cannot be read or do not fit; the message names the
     *         file and the key
     */
    InteractionModel load(Optional<Path> weights, EngineDevice device, NDManager manager)
            throws IOException;
}
