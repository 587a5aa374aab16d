package org.vosbench.engine.stcn.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

import org.vosbench.engine.Similarity;
import org.vosbench.engine.stcn.training.StcnTraining;

/**
 * The training modes of STCN's network ({@code model/network.py} {@code STCN.forward}:
 * {@code encode_key}, {@code encode_value}, {@code segment}) over the same {@link StcnNetwork}
 * the propagation engine runs, built without folding (the checkpoint's own tensors, batch
 * norms frozen: running statistics, as the official {@code eval()} mode during training).
 * Parameters keep their state_dict keys; DJL's autograd records the passes when called inside a
 * gradient collector.
 */
public final class StcnTrainingNetwork implements StcnTraining {

    /** The official aggregation clamps probabilities to [1e-7, 1 - 1e-7] ({@code STCN.aggregate}). */
    private static final double AGGREGATE_EPS = 1e-7;

    private final StcnNetwork network;
    private final Map<String, NDArray> parameters = new LinkedHashMap<>();
    private final Similarity similarity = Similarity.negativeSquaredL2();

    private StcnTrainingNetwork(StcnNetwork network) {
        this.network = network;
        for (Map.Entry<String, NDArray> e : network.stateDict().entrySet()) {
            if (!e.getKey().endsWith(".running_mean") && !e.getKey().endsWith(".running_var")) {
                parameters.put(e.getKey(), e.getValue());
            }
        }
    }

    /**
     * @param weights an STCN checkpoint (checked: every key, every shape)
     * @param manager owns the parameters (closed with this network)
     * @param dataType float64 for parity, float32 otherwise
     * @return the network, its parameters not yet marked for gradients
     */
    public static StcnTrainingNetwork load(Path weights, NDManager manager, DataType dataType) throws IOException {
        return new StcnTrainingNetwork(new StcnNetwork(StcnCheckpoint.load(weights), manager, dataType));
    }

    /**
     * @return every key of the official state_dict ({@code STCN.state_dict()} of
     *         {@code model/network.py}), batch-norm counters included, with its shape, in the
     *         official order: the order a written checkpoint uses, and without the running
     *         statistics and counters the order of {@code STCN.parameters()} that PyTorch's
     *         optimizer state indexes
     */
    public static Map<String, long[]> officialStateDict() {
        return StcnSpec.expected();
    }

    /** @return the trainable parameters by state_dict key (batch-norm running statistics excluded), in file order */
    public Map<String, NDArray> parameters() {
        return parameters;
    }

    /** @return every floating-point state_dict tensor by key, running statistics included */
    public Map<String, NDArray> stateDict() {
        return network.stateDict();
    }

    /**
     * {@code encode_key}: the key encoder on all frames at once.
     *
     * @param frames {@code B x T x 3 x H x W}
     * @return per frame: key {@code B x 64 x h x w}, f16_thin, f16, f8, f4
     */
    public KeyFeatures encodeKey(NDArray frames) {
        Shape s = frames.getShape();
        int b = (int) s.get(0);
        int t = (int) s.get(1);
        NDArray[] f;
        try (NDArray flat = frames.reshape(b * t, s.get(2), s.get(3), s.get(4))) {
            f = network.keyEncoder(flat);
        }
        NDArray k16 = network.keyProjection(f[0]);
        NDArray thin = network.keyCompression(f[0]);
        return new KeyFeatures(perFrame(k16, b, t), perFrame(thin, b, t), perFrame(f[0], b, t), perFrame(f[1], b, t),
                perFrame(f[2], b, t));
    }

    private static NDArray[] perFrame(NDArray x, int b, int t) {
        Shape s = x.getShape();
        NDArray[] frames = new NDArray[t];
        try (NDArray split = x.reshape(b, t, s.get(1), s.get(2), s.get(3))) {
            for (int i = 0; i < t; i++) {
                frames[i] = split.get(":, {}", i);
            }
        }
        x.close();
        return frames;
    }

    /**
     * {@code encode_value} of one object in each of B frames.
     *
     * @param frame {@code B x 3 x H x W}
     * @param f16 the frames' key features {@code B x 1024 x h x w}
     * @param mask {@code B x 1 x H x W}
     * @param other the other objects' mask {@code B x 1 x H x W} (zeros in single-object mode)
     * @return value {@code B x 512 x h x w}
     */
    public NDArray encodeValue(NDArray frame, NDArray f16, NDArray mask, NDArray other) {
        return network.valueEncoder(frame, f16, mask, other);
    }

    /**
     * {@code segment}: the full softmax read over memory (no top-k, the maximum subtracted), the
     * decoder once per object, sigmoid, {@code selector}, soft aggregation.
     *
     * @param queryKey {@code B x 64 x h x w}
     * @param f16Thin {@code B x 512 x h x w}
     * @param f8 {@code B x 512 x 2h x 2w}
     * @param f4 {@code B x 256 x 4h x 4w}
     * @param memKeys {@code B x 64 x T x h x w}
     * @param memValues per object {@code B x 512 x T x h x w}
     * @param selector {@code B x K} (1 where the sample has the object), or null
     */
    public Segmentation segment(NDArray queryKey, NDArray f16Thin, NDArray f8, NDArray f4, NDArray memKeys,
            NDArray[] memValues, NDArray selector) {
        Shape ks = memKeys.getShape();
        long b = ks.get(0);
        long ck = ks.get(1);
        long h = queryKey.getShape().get(2);
        long w = queryKey.getShape().get(3);
        NDArray affinity;
        try (NDArray mk = memKeys.reshape(b, ck, -1);
                NDArray qk = queryKey.reshape(b, ck, h * w);
                NDArray raw = similarity.affinity(mk, qk); // B x HW x THW
                NDArray max = raw.max(new int[] {2}, true);
                NDArray shifted = raw.sub(max);
                NDArray exp = shifted.exp();
                NDArray sum = exp.sum(new int[] {2}, true);
                NDArray byQuery = exp.div(sum)) {
            affinity = byQuery.transpose(0, 2, 1); // B x THW x HW, softmax over memory as STCN
        }
        NDList logits = new NDList();
        for (NDArray values : memValues) {
            long cv = values.getShape().get(1);
            NDArray readout;
            try (NDArray mv = values.reshape(b, cv, -1);
                    NDArray mem = mv.batchMatMul(affinity)) {
                readout = mem.reshape(b, cv, h, w);
            }
            logits.add(network.decoder(readout, f16Thin, f8, f4));
            readout.close();
        }
        affinity.close();
        NDArray prob;
        try (NDArray all = NDArrays.concat(logits, 1)) {
            prob = Activation.sigmoid(all);
        }
        logits.close();
        if (selector != null) {
            try (NDArray s = selector.reshape(b, selector.getShape().get(1), 1, 1)) {
                NDArray selected = prob.mul(s);
                prob.close();
                prob = selected;
            }
        }
        NDArray aggregated = aggregate(prob);
        prob.close();
        NDArray softmax;
        try (NDArray all = aggregated.softmax(1)) {
            softmax = all.get(":, 1:");
        }
        return new Segmentation(aggregated, softmax);
    }

    /** {@code STCN.aggregate}: logits of [prod(1 - p), p] clamped to [1e-7, 1 - 1e-7], along the object axis. */
    private static NDArray aggregate(NDArray prob) {
        try (NDArray oneMinus = prob.neg().addi(1);
                NDArray background = oneMinus.prod(new int[] {1}, true);
                NDArray stacked = NDArrays.concat(new NDList(background, prob), 1);
                NDArray clamped = stacked.clip(AGGREGATE_EPS, 1 - AGGREGATE_EPS);
                NDArray complement = clamped.neg().addi(1);
                NDArray odds = clamped.div(complement)) {
            return odds.log();
        }
    }

    @Override
    public void close() {
        network.close();
    }
}
