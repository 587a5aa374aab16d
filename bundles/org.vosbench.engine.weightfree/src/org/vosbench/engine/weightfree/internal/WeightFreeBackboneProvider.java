package org.vosbench.engine.weightfree.internal;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Optional;
import org.vosbench.engine.Backbone;
import org.vosbench.engine.BackboneProvider;
import org.vosbench.engine.EngineDevice;
import org.vosbench.engine.EngineException;
import org.vosbench.engine.Precision;

/** Creates the {@link WeightFreeBackbone}; contributed as {@code weightfree}, needs no weights. */
public final class WeightFreeBackboneProvider implements BackboneProvider {

    /**
     * @throws IllegalArgumentException when weights are given: this backbone has none, and
     *         silently ignoring a file the user named would hide a mistake
     */
    @Override
    public Backbone load(Optional<Path> weights, EngineDevice device, NDManager manager) {
        if (weights.isPresent()) {
            throw new IllegalArgumentException("The '" + WeightFreeBackbone.ID + "' backbone takes no weights, but "
                    + weights.get() + " was given; drop the weights or choose a backbone that needs them");
        }
        if (device.precision() == Precision.BF16) {
            throw new EngineException("Precision bf16 is not available for the '" + WeightFreeBackbone.ID
                    + "' backbone (it has no convolutions to speed up): use --precision fp32 or fp64");
        }
        return new WeightFreeBackbone(WeightFreeSettings.DEFAULTS);
    }
}
