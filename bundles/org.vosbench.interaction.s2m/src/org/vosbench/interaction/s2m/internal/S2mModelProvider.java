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
    public InteractionModel load(Optional<Path> weights, EngineDevice device, DataType dataType, NDManager manager)
            throws IOException {
        Path file = weights.orElseThrow(() -> new EngineException(
                "S2M needs its weights: give --weights <s2m.pth> (MiVOS's scribble-to-mask checkpoint)"));
        if (dataType != DataType.FLOAT32 && dataType != DataType.FLOAT64) {
            throw new EngineException("S2M runs in float32 or float64, not " + dataType);
        }
        return new S2mModel(new S2mNetwork(S2mCheckpoint.load(file), manager, dataType), manager);
    }
}
