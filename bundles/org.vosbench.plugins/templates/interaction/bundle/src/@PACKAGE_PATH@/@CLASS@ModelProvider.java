package @PACKAGE@;

import java.nio.file.Path;
import java.util.Optional;

import ai.djl.ndarray.NDManager;

import org.vosbench.engine.EngineDevice;
import org.vosbench.engine.EngineException;
import org.vosbench.interaction.InteractionModel;
import org.vosbench.interaction.InteractionModelProvider;

/** Contributed as interaction model {@code @ID@}: no weights, nothing to load. */
public final class @CLASS@ModelProvider implements InteractionModelProvider {

    @Override
    public InteractionModel load(Optional<Path> weights, EngineDevice device, NDManager manager) {
        if (weights.isPresent()) {
            throw new EngineException("The interaction model '@ID@' is training-free and takes no weights file; drop "
                    + "--weights " + weights.get());
        }
        return new @CLASS@Model(@CLASS@Model.DEFAULT_TOLERANCE);
    }
}
