package org.vosbench.engine.stcn.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

import org.vosbench.engine.stcn.internal.StcnTrainingNetwork;

/**
 * The training modes of STCN's network ({@code model/network.py} {@code STCN.forward}: {@code encode_key},
 * {@code encode_value}, {@code segment}) over the same network the propagation engine runs, built without
 * folding (the checkpoint's own tensors, batch norms frozen). Parameters keep their state_dict keys; DJL's
 * autograd records the passes when called inside a gradient collector.
 */
public interface StcnTraining extends AutoCloseable {

    /** Key features of B samples of T frames, one entry per frame: arrays of {@code B x C x h x w}. */
    record KeyFeatures(NDArray[] k16, NDArray[] f16Thin, NDArray[] f16, NDArray[] f8, NDArray[] f4) {
    }

    /**
     * @param logits aggregated logits {@code B x (K+1) x H x W}, background first
     * @param probabilities the objects' softmax probabilities {@code B x K x H x W}
     */
    record Segmentation(NDArray logits, NDArray probabilities) {
    }

    /**
     * @param weights an STCN checkpoint (checked: every key, every shape)
     * @param manager owns the parameters (closed with this network)
     * @param dataType float64 for parity, float32 otherwise
     * @return the network, its parameters not yet marked for gradients
     */
    static StcnTraining load(Path weights, NDManager manager, DataType dataType) throws IOException {
        return StcnTrainingNetwork.load(weights, manager, dataType);
    }

    /**
     * @return every key of the official state_dict ({@code STCN.state_dict()} of
     *         {@code model/network.py}), batch-norm counters included, with its shape, in the
     *         official order: the order a written checkpoint uses, and without the running
     *         statistics and counters the order of {@code STCN.parameters()} that PyTorch's
     *         optimizer state indexes
     */
    static Map<String, long[]> officialStateDict() {
        return StcnTrainingNetwork.officialStateDict();
    }

    /** @return the trainable parameters by state_dict key (batch-norm running statistics excluded), in file order */
    Map<String, NDArray> parameters();

    /** @return every floating-point state_dict tensor by key, running statistics included */
    Map<String, NDArray> stateDict();

    /**
     * {@code encode_key}: the key encoder on all frames at once.
     *
     * @param frames {@code B x T x 3 x H x W}
     * @return per frame: key {@code B x 64 x h x w}, f16_thin, f16, f8, f4
     */
    KeyFeatures encodeKey(NDArray frames);

    /**
     * {@code encode_value} of one object in each of B frames.
     *
     * @param frame {@code B x 3 x H x W}
     * @param f16 the frames' key features {@code B x 1024 x h x w}
     * @param mask {@code B x 1 x H x W}
     * @param other the other objects' mask {@code B x 1 x H x W} (zeros in single-object mode)
     * @return value {@code B x 512 x h x w}
     */
    NDArray encodeValue(NDArray frame, NDArray f16, NDArray mask, NDArray other);

    /**
     * {@code segment}: the full softmax read over memory (no top-k, the maximum subtracted), the decoder once
     * per object, sigmoid, {@code selector}, soft aggregation.
     *
     * @param queryKey {@code B x 64 x h x w}
     * @param f16Thin {@code B x 512 x h x w}
     * @param f8 {@code B x 512 x 2h x 2w}
     * @param f4 {@code B x 256 x 4h x 4w}
     * @param memKeys {@code B x 64 x T x h x w}
     * @param memValues per object {@code B x 512 x T x h x w}
     * @param selector {@code B x K} (1 where the sample has the object), or null
     */
    Segmentation segment(NDArray queryKey, NDArray f16Thin, NDArray f8, NDArray f4, NDArray memKeys,
            NDArray[] memValues, NDArray selector);

    @Override
    void close();
}
