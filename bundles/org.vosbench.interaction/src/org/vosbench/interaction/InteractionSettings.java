package org.vosbench.interaction;

import java.nio.file.Path;
import java.util.Optional;

import org.vosbench.engine.EngineDevice;

/**
 * Which model, with which weights, where and in which precision.
 *
 * @param modelId an id of {@code org.vosbench.interaction.models}
 * @param weights the weights file, empty for a model that needs none
 * @param device where the model runs and in which {@link EngineDevice#precision() precision}
 *        (the engine's setting: fp64 for parity with the reference code, fp32 by default)
 */
public record InteractionSettings(String modelId, Optional<Path> weights, EngineDevice device) {

    /** Validates the fields. */
    public InteractionSettings {
        if (modelId == null || modelId.isBlank()) {
            throw new IllegalArgumentException("An interaction model id must be given");
        }
        weights = weights == null ? Optional.empty() : weights;
        device = device == null ? EngineDevice.CPU : device;
    }

    /**
     * @param modelId a model id
     * @param weights the weights file or null
     * @return float32 on the CPU
     */
    public static InteractionSettings of(String modelId, Path weights) {
        return new InteractionSettings(modelId, Optional.ofNullable(weights), EngineDevice.CPU);
    }
}
