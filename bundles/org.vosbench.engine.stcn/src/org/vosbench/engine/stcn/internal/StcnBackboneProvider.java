package org.vosbench.engine.stcn.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

import org.vosbench.engine.Backbone;
import org.vosbench.engine.BackboneProvider;
import org.vosbench.engine.EngineDevice;
import org.vosbench.engine.EngineException;
import org.vosbench.engine.Precision;

/**
 * Contributed as backbone {@code stcn}: reads the official checkpoint ({@code stcn.pth}, a
 * state_dict, a training checkpoint nesting one, or a stage-0 checkpoint) directly in Java.
 */
public final class StcnBackboneProvider implements BackboneProvider {

    @Override
    public Backbone load(Optional<Path> weights, EngineDevice device, NDManager manager) throws IOException {
        Path file = weights.orElseThrow(() -> new EngineException(
                "STCN needs its weights: give --weights <stcn.pth> (the official checkpoint of hkchengrex/STCN)"));
        return load(file, device, manager);
    }

    /**
     * @param file the checkpoint
     * @param device its precision (float64, float32; float16 on GPU when amp is asked)
     * @param manager owns the parameters
     * @return the backbone
     * @throws IOException when the file cannot be read or does not fit STCN
     */
    public static Backbone load(Path file, EngineDevice device, NDManager manager) throws IOException {
        DataType type = switch (device.precision()) {
            case FP64 -> DataType.FLOAT64;
            case FP32 -> device.halfPrecision() ? DataType.FLOAT16 : DataType.FLOAT32;
            case BF16 -> DataType.FLOAT32; // convolutions in bfloat16 inside TorchScript, see Bf16Convolutions
        };
        Bf16Convolutions bf16 = device.precision() == Precision.BF16 ? new Bf16Convolutions() : null;
        StcnNetwork network;
        try {
            network = new StcnNetwork(StcnCheckpoint.load(file), manager, type, bf16);
        } catch (IOException | RuntimeException e) {
            if (bf16 != null) {
                bf16.close();
            }
            throw e;
        }
        return new StcnBackbone(network, manager, type, device.precision().sessionType());
    }
}
