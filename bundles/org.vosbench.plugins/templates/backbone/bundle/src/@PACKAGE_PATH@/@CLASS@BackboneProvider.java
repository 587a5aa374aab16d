package @PACKAGE@;

import java.nio.file.Path;
import java.util.Optional;

import ai.djl.ndarray.NDManager;

import org.vosbench.engine.Backbone;
import org.vosbench.engine.BackboneProvider;
import org.vosbench.engine.EngineDevice;
import org.vosbench.engine.EngineException;

/** Contributed as backbone {@code @ID@}: holds no parameters, so there is nothing to load. */
public final class @CLASS@BackboneProvider implements BackboneProvider {

    @Override
    public Backbone load(Optional<Path> weights, EngineDevice device, NDManager manager) {
        if (weights.isPresent()) {
            throw new EngineException("The backbone '@ID@' is training-free and takes no weights file; drop --weights "
                    + weights.get());
        }
        return new @CLASS@Backbone();
    }
}
