package org.vosbench.interaction.s2m.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

import org.vosbench.engine.EngineDevice;
import org.vosbench.engine.EngineException;
import org.vosbench.interaction.InteractionModel;
import org.vosbench.interaction.InteractionModelProvider;

/** Contributed as interaction model {@code s2m}: reads MiVOS's {@code s2m.pth} directly in Java. */
public final class S2mModelProvider implements InteractionModelProvider {

    @Override
    public InteractionModel load(Optional<Path> weights, EngineDevice device, NDManager manager) throws IOException {
        Path file = weights.orElseThrow(() -> new EngineException(
                "S2M needs its weights: give --weights <s2m.pth> (MiVOS's scribble-to-mask checkpoint)"));
        DataType dataType = switch (device.precision()) {
            case FP64 -> DataType.FLOAT64;
            case FP32 -> DataType.FLOAT32;
            default -> throw new EngineException("S2M runs in fp32 or fp64, not " + device.precision());
        };
        return new S2mModel(new S2mNetwork(S2mCheckpoint.load(file), manager, dataType), manager);
    }
}
