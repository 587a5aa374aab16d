package org.vosbench.engine.stcn.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;

import org.vosbench.engine.djl.PthReader.Tensor;

/**
 * STCN's evaluation network on DJL arrays. Block names follow the state_dict keys.
 *
 * <p>Parameters are created in the network's type from the checkpoint's float32 values (cast
 * exactly to float64 in an {@code fp64} session), and every operation runs in that type.
 *
 * <p>Only DJL's public API is used (the {@code ai.djl.nn} functions), except for the bilinear
 * upsampling: DJL 0.35.1 has no public call that resizes an {@code N x C x H x W} array
 * ({@code NDImageUtils.resize} takes channel-last images and would need two transposed copies of
 * every decoder map per call), so {@link #upsample(NDArray, long, long)} is the one internal call.
 * Measured with bench/upsample.sh (UpsampleBenchmark, the decoder maps of a 480p frame with two
 * objects, 2-core Intel Xeon under a load average of 7, 2026-12-01): the public resize with its
 * transposes gives the same values (largest difference 0) and takes 1.3 to 2.1 times as long
 * (2x256x30x54: 38 against 79 ms; 2x256x60x108: 132 against 175 ms).
 */
final class StcnNetwork implements AutoCloseable {

    private static final double BN_EPS = 1e-5;

    /**
     * {@code -Dvosbench.stcn.profile=true}: count the multiply-adds of every convolution and the
     * time spent in them, per stage, and print the totals when the JVM exits (bench/propagate.sh
     * turns it on). Convolutions dominate STCN's work, so their count divided by the rate this
     * machine runs them at is a floor for any implementation of the same arithmetic. Off, it costs
     * nothing: the field is a {@code static final} null, so the JIT folds every {@code PROFILE != null}
     * test away and no clock is read.
     */
    static final ConvProfile PROFILE = Boolean.getBoolean("vosbench.stcn.profile") ? ConvProfile.install() : null;


    /**
     * A convolution, optionally followed by an inference batch norm (mean, var, gamma, beta);
     * computed in bfloat16 (float32 in and out) by {@code bf16}, which holds its own bfloat16
     * weights, when given (then weight and bias are null).
     */
    record Conv(NDArray weight, NDArray bias, int stride, int padding, NDArray[] batchNorm,
            Bf16Convolutions.Module bf16) {
        Conv(NDArray weight, NDArray bias, int stride, int padding, NDArray[] batchNorm) {
            this(weight, bias, stride, padding, batchNorm, null);
        }

        NDArray apply(NDArray x) {
            long start = PROFILE == null ? 0 : System.nanoTime();
            NDArray y = bf16 != null ? bf16.apply(x)
                    : Conv2d.conv2d(x, weight, bias, new Shape(stride, stride), new Shape(padding, padding),
                            new Shape(1, 1), 1).singletonOrThrow();
            if (PROFILE != null) {
                long perOutput = bf16 != null ? bf16.multiplyAddsPerOutput()
                        : weight.getShape().get(1) * weight.getShape().get(2) * weight.getShape().get(3);
                PROFILE.add(2 * y.size() * perOutput, System.nanoTime() - start);
            }
            if (batchNorm == null) {
                return y;
            }
            if (y.getDataType() == DataType.FLOAT64) {
                return frozenBatchNorm64(y);
            }
            // inference mode (training=false). DJL takes eps as a float: 1e-5f differs from the
            // official 1e-5 by 2.5e-13, which moves the float64 outputs by far less than 1e-9.
            NDArray z = BatchNorm.batchNorm(y, batchNorm[0], batchNorm[1], batchNorm[2], batchNorm[3], 1, 0.1f,
                    (float) BN_EPS, false).singletonOrThrow();
            y.close();
            return z;
        }

        /**
         * Inference batch norm in float64 with the exact eps, as libtorch's CPU kernel orders it
         * ({@code alpha = gamma / sqrt(var + eps)}, {@code x * alpha + (beta - mean * alpha)}), in
         * array operations that autograd follows to gamma and beta: the training replay compounds
         * 1e-5f's error over three steps past the 1e-9 bound of its losses. Closes y.
         */
        private NDArray frozenBatchNorm64(NDArray y) {
            long c = batchNorm[0].size();
            try (NDArray varEps = batchNorm[1].add(BN_EPS);
                    NDArray std = varEps.sqrt();
                    NDArray one = std.onesLike();
                    NDArray invStd = one.div(std); // 1 / std, as rdiv(1), through the public API
                    NDArray alpha = invStd.mul(batchNorm[2]);
                    NDArray shift = batchNorm[0].mul(alpha);
                    NDArray beta = batchNorm[3].sub(shift);
                    NDArray a = alpha.reshape(c, 1, 1);
                    NDArray b = beta.reshape(c, 1, 1);
                    NDArray scaled = y.mul(a)) {
                y.close();
                return scaled.add(b);
            }
        }
    }

    /**
     * STCN's pre-activation ResBlock: {@code downsample(x) + conv2(relu(conv1(relu(x))))}, the
     * identity when there is no downsample convolution. In a {@code bf16} session the whole block
     * is one module ({@link Bf16Convolutions#resBlock}, same numbers, no float32 round trip of its
     * intermediate maps) and the convolutions are null.
     */
    record ResBlock(Conv downsample, Conv conv1, Conv conv2, Bf16Convolutions.Module fused) {
        /** @return the block applied to x; keeps x */
        NDArray apply(NDArray x) {
            if (fused != null) {
                long start = PROFILE == null ? 0 : System.nanoTime();
                NDArray y = fused.apply(x);
                if (PROFILE != null) {
                    PROFILE.add(2 * y.size() * fused.multiplyAddsPerOutput(), System.nanoTime() - start);
                }
                return y;
            }
            NDArray r = applyClosing(conv1, reluKeep(x));
            r = applyClosing(conv2, relu(r));
            if (downsample == null) {
                r.addi(x);
            } else {
                try (NDArray skip = downsample.apply(x)) {
                    r.addi(skip);
                }
            }
            return r;
        }
    }

    /**
     * STCN's UpsampleBlock: {@code ResBlock(skip_conv(skip) + upsample2x(up))}, the skip
     * convolution run once on the frame and broadcast over the objects. One module in a
     * {@code bf16} session ({@link Bf16Convolutions#upsampleBlock}), with skipConv and out null.
     */
    record UpsampleBlock(Conv skipConv, ResBlock out, Bf16Convolutions.Module fused) {
        /** @return the block applied to the frame's skip features and the objects' maps; closes up */
        NDArray apply(NDArray skip, NDArray up) {
            if (fused != null) {
                long start = PROFILE == null ? 0 : System.nanoTime();
                NDArray y = fused.apply(skip, up);
                up.close();
                if (PROFILE != null) {
                    Shape s = skip.getShape();
                    // + the skip convolution, 3x3 from skip_c to skip_c channels in STCN
                    PROFILE.add(2 * (y.size() * fused.multiplyAddsPerOutput() + s.get(1) * 9 * s.size()),
                            System.nanoTime() - start);
                }
                return y;
            }
            Shape shape = up.getShape();
            NDArray upsampled = upsample(up, shape.get(2) * 2, shape.get(3) * 2);
            up.close();
            try (NDArray s = skipConv.apply(skip)) {
                NDArray sum = s.add(upsampled); // skip_conv(skip) + up, broadcast over objects
                upsampled.close();
                NDArray y = out.apply(sum);
                sum.close();
                return y;
            }
        }
    }

    private final NDManager manager;
    private final Bf16Convolutions bf16;
    private final DataType dataType;
    /** The checkpoint's float arrays, only while the network is built (then garbage: ~220 MB of heap). */
    private Map<String, Tensor> tensors;
    /**
     * Every state_dict tensor by its key, as the arrays the forward passes use, so training can mark
     * and update them.
     */
    private final Map<String, NDArray> stateDict = new LinkedHashMap<>();

    private final Conv keyConv1;
    private final Conv[][] keyBlocks; // per block: conv1, conv2, conv3, downsample (nullable)
    private final Conv valueConv1;
    private final Conv[][] valueBlocks; // per block: conv1, conv2, downsample (nullable)
    private final ResBlock fuserBlock1;
    private final NDArray mlp1Weight;
    private final NDArray mlp1Bias;
    private final NDArray mlp3Weight;
    private final NDArray mlp3Bias;
    private final Conv spatial;
    private final ResBlock fuserBlock2;
    private final Conv keyProj;
    private final Conv keyComp;
    private final ResBlock compress;
    private final UpsampleBlock up168;
    private final UpsampleBlock up84;
    private final Conv pred;

    /**
     * Builds the network in the official operation order (batch norms applied, not folded; the decoder's
     * compress block on the concatenation), which reproduces the official outputs most closely and is
     * the one path inference and training share.
     *
     * @param tensors checked checkpoint tensors
     * @param manager owns the parameters
     * @param dataType float64 ({@code fp64}), float32, or float16 on GPU
     */
    StcnNetwork(Map<String, Tensor> tensors, NDManager manager, DataType dataType) {
        this(tensors, manager, dataType, null);
    }

    /**
     * @param tensors checked checkpoint tensors
     * @param manager owns the parameters
     * @param dataType float32 when {@code bf16} is given
     * @param bf16 makes the bfloat16 convolutions (all but {@link #inFloat32}), each holding its weights rounded once, or null; closed with the network
     */
    StcnNetwork(Map<String, Tensor> tensors, NDManager manager, DataType dataType, Bf16Convolutions bf16) {
        this.bf16 = bf16;
        this.manager = manager;
        this.dataType = dataType;
        this.tensors = tensors;
        keyConv1 = conv("key_encoder.conv1", "key_encoder.bn1", 2, 3);
        int[] keyLayers = {3, 4, 6};
        String[] keyNames = {"key_encoder.res2", "key_encoder.layer2", "key_encoder.layer3"};
        keyBlocks = new Conv[13][];
        int index = 0;
        for (int l = 0; l < 3; l++) {
            for (int b = 0; b < keyLayers[l]; b++) {
                String n = keyNames[l] + "." + b;
                int stride = l > 0 && b == 0 ? 2 : 1;
                keyBlocks[index++] = new Conv[] {conv(n + ".conv1", n + ".bn1", 1, 0),
                        conv(n + ".conv2", n + ".bn2", stride, 1), conv(n + ".conv3", n + ".bn3", 1, 0),
                        b == 0 ? conv(n + ".downsample.0", n + ".downsample.1", stride, 0) : null};
            }
        }
        valueConv1 = conv("value_encoder.conv1", "value_encoder.bn1", 2, 3);
        valueBlocks = new Conv[6][];
        index = 0;
        for (int l = 1; l <= 3; l++) {
            for (int b = 0; b < 2; b++) {
                String n = "value_encoder.layer" + l + "." + b;
                int stride = l > 1 && b == 0 ? 2 : 1;
                valueBlocks[index++] = new Conv[] {conv(n + ".conv1", n + ".bn1", stride, 1),
                        conv(n + ".conv2", n + ".bn2", 1, 1),
                        l > 1 && b == 0 ? conv(n + ".downsample.0", n + ".downsample.1", stride, 0) : null};
            }
        }
        fuserBlock1 = resBlock("value_encoder.fuser.block1");
        mlp1Weight = param("value_encoder.fuser.attention.ChannelGate.mlp.1.weight");
        mlp1Bias = param("value_encoder.fuser.attention.ChannelGate.mlp.1.bias");
        mlp3Weight = param("value_encoder.fuser.attention.ChannelGate.mlp.3.weight");
        mlp3Bias = param("value_encoder.fuser.attention.ChannelGate.mlp.3.bias");
        spatial = conv("value_encoder.fuser.attention.SpatialGate.spatial.conv", null, 1, 3);
        fuserBlock2 = resBlock("value_encoder.fuser.block2");
        keyProj = conv("key_proj.key_proj", null, 1, 1);
        keyComp = conv("key_comp", null, 1, 1);
        compress = resBlock("decoder.compress");
        up168 = upsampleBlock("decoder.up_16_8");
        up84 = upsampleBlock("decoder.up_8_4");
        pred = conv("decoder.pred", null, 1, 1);
        this.tensors = null;
    }

    private NDArray param(String key) {
        Tensor t = tensors.get(key);
        return named(key, create(t.data(), new Shape(t.shape())));
    }

    private NDArray named(String key, NDArray array) {
        stateDict.put(key, array);
        return array;
    }

    /**
     * @return the network's floating-point state_dict tensors by key (parameters and batch-norm
     *         running statistics), the very arrays the forward passes use
     */
    Map<String, NDArray> stateDict() {
        return Collections.unmodifiableMap(stateDict);
    }

    /** The checkpoint's float32 values in the network's type (exact in float64). */
    private NDArray create(float[] data, Shape shape) {
        NDArray array = manager.create(data, shape);
        if (dataType == DataType.FLOAT32) {
            return array;
        }
        NDArray typed = array.toType(dataType, false);
        array.close();
        return typed;
    }

    private ResBlock resBlock(String name) {
        boolean hasDownsample = tensors.containsKey(name + ".downsample.weight");
        if (bf16 != null) {
            return new ResBlock(null, null, null, bf16.resBlock(weights(name + ".conv1"), weights(name + ".conv2"),
                    hasDownsample ? weights(name + ".downsample") : null));
        }
        Conv downsample = hasDownsample ? conv(name + ".downsample", null, 1, 1) : null;
        return new ResBlock(downsample, conv(name + ".conv1", null, 1, 1), conv(name + ".conv2", null, 1, 1), null);
    }

    private UpsampleBlock upsampleBlock(String name) {
        String out = name + ".out_conv";
        if (bf16 != null) {
            return new UpsampleBlock(null, null, bf16.upsampleBlock(weights(name + ".skip_conv"), weights(out + ".conv1"),
                    weights(out + ".conv2"), tensors.containsKey(out + ".downsample.weight") ? weights(out + ".downsample") : null));
        }
        return new UpsampleBlock(conv(name + ".skip_conv", null, 1, 1), resBlock(out), null);
    }

    /** @return the float32 weights of a 3x3 convolution (stride 1, padding 1) of the checkpoint */
    private Bf16Convolutions.Weights weights(String name) {
        Tensor w = tensors.get(name + ".weight");
        Tensor b = tensors.get(name + ".bias");
        return new Bf16Convolutions.Weights(w.data(), new Shape(w.shape()), b == null ? null : b.data(), 1, 1);
    }

    /**
     * The convolutions that stay float32 in a {@code bf16} session: the key encoder (ResNet-50 to
     * layer3) and the key projection, so a frame's key, which the affinity compares by L2
     * distance, is float32 arithmetic. A rounding error made early in the ResNet-50 is amplified
     * by the layers after it (measured against float64 with the training fixture's weights, one
     * bfloat16 convolution at a time: the stem alone moved the first propagated frame by 0.04, a
     * layer3 convolution by under 0.01; bench/bf16-stages.sh). At 854x480 with 2 objects these
     * are about a sixth of a frame's convolution work: the decoder, run per object, is most of it.
     */
    static boolean inFloat32(String conv) {
        return conv.startsWith("key_encoder.") || conv.startsWith("key_proj.");
    }

    /**
     * Builds a convolution and its batch norm {@code bn} (if any), applied after it as the official
     * code does; for a float32 convolution of a {@code bf16} session, which only runs inference,
     * the batch norm is folded into the convolution instead (see {@link #foldBatchNorm}).
     */
    private Conv conv(String name, String bn, int stride, int padding) {
        Tensor w = tensors.get(name + ".weight");
        Tensor b = tensors.get(name + ".bias");
        float[] weight = w.data();
        int out = (int) w.shape()[0];
        float[] bias = b == null ? null : b.data();
        NDArray[] norm = null;
        if (bn != null && bf16 != null && inFloat32(name)) {
            bias = new float[out];
            weight = foldBatchNorm(weight, b == null ? null : b.data(), bn, bias);
        } else if (bn != null) {
            norm = new NDArray[] {param(bn + ".running_mean"), param(bn + ".running_var"), param(bn + ".weight"),
                param(bn + ".bias")};
        }
        Shape shape = new Shape(w.shape());
        if (bf16 != null && !inFloat32(name)) {
            // rounded to bfloat16 once, when the network is built
            return new Conv(null, null, stride, padding, norm,
                    bf16.module(new Bf16Convolutions.Weights(weight, shape, bias, stride, padding)));
        }
        return new Conv(named(name + ".weight", create(weight, shape)),
                bias == null ? null : named(name + ".bias", create(bias, new Shape(out))), stride, padding, norm);
    }

    /**
     * Inference batch norm folded into the convolution before it, computed in float64 from the
     * checkpoint's values: {@code w' = w * g / sqrt(var + eps)} per output channel and
     * {@code b' = beta + (b - mean) * g / sqrt(var + eps)}. Used for the float32 convolutions of
     * {@code bf16} sessions (the key encoder, run on every frame; those sessions only run
     * inference): it saves a pass over every key-encoder map (about 4% of a bf16 frame's time),
     * and its float32 rounding is far below the bfloat16 rounding those sessions accept. Not for
     * the bf16 convolutions: rounding the scaled weights to bfloat16 moved the first propagated
     * 854x480 frame of horsejump-high (training fixture's weights) to 0.019 from fp64, against
     * 0.014 with the value encoder's batch norms kept in float32 after its convolutions. fp32 and
     * fp64 keep the official operation order (the statistical float32 parity bounds are too tight
     * for a change of rounding in every layer).
     *
     * @param weight {@code out x in x kh x kw}
     * @param bias the convolution's bias, or null
     * @param bn the batch norm's state_dict prefix
     * @param foldedBias receives b'
     * @return w'
     */
    private float[] foldBatchNorm(float[] weight, float[] bias, String bn, float[] foldedBias) {
        float[] mean = tensors.get(bn + ".running_mean").data();
        float[] var = tensors.get(bn + ".running_var").data();
        float[] gamma = tensors.get(bn + ".weight").data();
        float[] beta = tensors.get(bn + ".bias").data();
        int out = mean.length;
        int perChannel = weight.length / out;
        float[] folded = new float[weight.length];
        for (int c = 0; c < out; c++) {
            double scale = gamma[c] / Math.sqrt((double) var[c] + BN_EPS);
            for (int i = c * perChannel; i < (c + 1) * perChannel; i++) {
                folded[i] = (float) (weight[i] * scale);
            }
            foldedBias[c] = (float) (beta[c] + ((bias == null ? 0.0 : bias[c]) - mean[c]) * scale);
        }
        return folded;
    }

    // Forward passes close every intermediate as soon as it is consumed, so a step's peak memory
    // stays near that of the official code instead of holding every activation until the step's
    // manager closes.

    /** @return f16 (1024 channels), f8 (512), f4 (256) of the key encoder */
    NDArray[] keyEncoder(NDArray image) {
        if (PROFILE != null) {
            PROFILE.frame();
        }
        // bf16 sessions: the float32 key encoder follows its input's layout, so it gets channels-last
        NDArray input = bf16 == null ? image : channelsLast(image);
        NDArray x = maxPool(relu(keyConv1.apply(input)));
        if (input != image) {
            input.close();
        }
        NDArray f4 = null;
        NDArray f8 = null;
        for (int i = 0; i < keyBlocks.length; i++) {
            NDArray next = bottleneck(keyBlocks[i], x);
            if (x != f4 && x != f8) {
                x.close();
            }
            x = next;
            if (i == 2) {
                f4 = x;
            } else if (i == 6) {
                f8 = x;
            }
        }
        return new NDArray[] {x, f8, f4};
    }

    /**
     * @return x with its values in channels-last order ({@code N x H x W x C} in memory, still
     *         indexed {@code N x C x H x W}): a permuted copy, viewed back in x's shape, with the
     *         same values. Every libtorch operation that follows keeps that order. Used for the
     *         key encoder's input in {@code bf16} sessions (the bf16 modules cast their own
     *         inputs to channels-last bfloat16 in one pass), whose convolutions run on AMX/AVX-512 bf16 kernels that
     *         are about twice as fast on channels-last input (bench/bf16-layout.sh, DJL's libtorch
     *         2.7.1, 2-core Xeon with AMX, 2026-12-01: a 3x3 convolution 256 to 256 at 120x216,
     *         batch 2, 569 GFLOP/s channels first, 1376 channels last; 512 to 256 at 60x108, 967
     *         and 2007). float32 gains under 5% from it and it changes the
     *         rounding of every convolution, which the statistical float32 parity bounds do not
     *         absorb (horsejump-high's frame 8: mean difference 1.6e-3 against the bound 1e-3), so
     *         fp32 and fp64 keep the official layout.
     */
    static NDArray channelsLast(NDArray x) {
        Shape s = x.getShape();
        try (NDArray nhwc = x.transpose(0, 2, 3, 1);
                NDArray flat = nhwc.reshape(s.size()); // cannot be a view: torch copies
                NDArray copy = flat.reshape(s.get(0), s.get(2), s.get(3), s.get(1))) {
            return copy.transpose(0, 3, 1, 2);
        }
    }

    /** @return relu(x); closes x */
    private static NDArray relu(NDArray x) {
        NDArray y = Activation.relu(x);
        x.close();
        return y;
    }

    /** @return relu(x), keeping x */
    private static NDArray reluKeep(NDArray x) {
        return Activation.relu(x);
    }

    /** @return 3x3/2 max pool of x; closes x */
    private static NDArray maxPool(NDArray x) {
        NDArray y = Pool.maxPool2d(x, new Shape(3, 3), new Shape(2, 2), new Shape(1, 1), false);
        x.close();
        return y;
    }

    /** torchvision's Bottleneck (stride on the 3x3 convolution); keeps x. */
    private static NDArray bottleneck(Conv[] c, NDArray x) {
        NDArray out = relu(c[0].apply(x));
        out = relu(applyClosing(c[1], out));
        out = applyClosing(c[2], out);
        if (c[3] == null) {
            out.addi(x);
        } else {
            try (NDArray residual = c[3].apply(x)) {
                out.addi(residual);
            }
        }
        return relu(out);
    }

    /** mod_resnet's BasicBlock; keeps x. */
    private static NDArray basicBlock(Conv[] c, NDArray x) {
        NDArray out = relu(c[0].apply(x));
        out = applyClosing(c[1], out);
        if (c[2] == null) {
            out.addi(x);
        } else {
            try (NDArray residual = c[2].apply(x)) {
                out.addi(residual);
            }
        }
        return relu(out);
    }

    /** @return conv(x); closes x */
    private static NDArray applyClosing(Conv conv, NDArray x) {
        NDArray y = conv.apply(x);
        x.close();
        return y;
    }

    /** @return key {@code 1 x 64 x h x w} */
    NDArray keyProjection(NDArray f16) {
        return keyProj.apply(f16);
    }

    /** @return {@code 1 x 512 x h x w} */
    NDArray keyCompression(NDArray f16) {
        return keyComp.apply(f16);
    }

    /**
     * @param image {@code B x 3 x H x W}
     * @param f16 key encoder's {@code B x 1024 x h x w}
     * @param masks {@code BK x 1 x H x W}: K objects of one frame (B = 1, inference), or one
     *        object of each of B frames (K = 1, training)
     * @param others {@code BK x 1 x H x W}
     * @return values {@code BK x 512 x h x w}
     */
    NDArray valueEncoder(NDArray image, NDArray f16, NDArray masks, NDArray others) {
        long k = masks.getShape().get(0) / image.getShape().get(0);
        NDArray x;
        if (k == 1) {
            x = NDArrays.concat(new NDList(image, masks, others), 1);
        } else {
            try (NDArray frames = image.repeat(0, k)) {
                x = NDArrays.concat(new NDList(frames, masks, others), 1);
            }
        }
        x = maxPool(relu(applyClosing(valueConv1, x)));
        for (Conv[] block : valueBlocks) {
            NDArray next = basicBlock(block, x);
            x.close();
            x = next;
        }
        // k == 1 uses f16 itself: DJL's duplicate() is outside autograd, and training needs f16's gradient
        NDArray keyFeatures = k == 1 ? f16 : f16.repeat(0, k);
        NDArray fused = NDArrays.concat(new NDList(x, keyFeatures), 1);
        if (keyFeatures != f16) {
            keyFeatures.close();
        }
        x.close();
        x = fused;
        NDArray block1 = fuserBlock1.apply(x);
        x.close();
        NDArray r = cbam(block1);
        r.addi(block1); // x + r, as the official FeatureFusionBlock
        block1.close();
        NDArray out = fuserBlock2.apply(r);
        r.close();
        return out;
    }

    /** CBAM: channel gate (shared MLP over the average and the max pool), then spatial gate ([max, mean]); keeps x. */
    private NDArray cbam(NDArray x) {
        Shape s = x.getShape();
        NDArray gate;
        try (NDArray flat = x.reshape(s.get(0), s.get(1), s.get(2) * s.get(3));
                NDArray avg = flat.mean(new int[] {2});
                NDArray max = flat.max(new int[] {2});
                NDArray a = mlp(avg);
                NDArray b = mlp(max);
                NDArray sum = a.add(b);
                NDArray sigmoid = Activation.sigmoid(sum)) {
            gate = sigmoid.reshape(s.get(0), s.get(1), 1, 1);
        }
        NDArray channelOut = x.mul(gate);
        gate.close();
        NDArray spatialGate;
        try (NDArray maxC = channelOut.max(new int[] {1}, true);
                NDArray meanC = channelOut.mean(new int[] {1}, true);
                NDArray pooled = NDArrays.concat(new NDList(maxC, meanC), 1);
                NDArray logits = spatial.apply(pooled)) {
            spatialGate = Activation.sigmoid(logits);
        }
        channelOut.muli(spatialGate);
        spatialGate.close();
        return channelOut;
    }

    private NDArray mlp(NDArray x) {
        try (NDArray w1 = mlp1Weight.transpose();
                NDArray w3 = mlp3Weight.transpose();
                NDArray h1 = x.matMul(w1);
                NDArray h2 = h1.add(mlp1Bias);
                NDArray hidden = Activation.relu(h2);
                NDArray o1 = hidden.matMul(w3)) {
            return o1.add(mlp3Bias);
        }
    }

    /**
     * @param readout {@code BK x 512 x h x w}: K objects of one frame (B = 1), or one object of
     *        each of B frames (K = 1, training)
     * @param f16Thin {@code B x 512 x h x w}
     * @param f8 {@code B x 512 x 2h x 2w}
     * @param f4 {@code B x 256 x 4h x 4w}
     * @return logits {@code BK x 1 x H x W}
     */
    NDArray decoder(NDArray readout, NDArray f16Thin, NDArray f8, NDArray f4) {
        NDArray x;
        long k = readout.getShape().get(0) / f16Thin.getShape().get(0);
        NDArray thin = k == 1 ? f16Thin : f16Thin.repeat(0, k);
        try (NDArray both = NDArrays.concat(new NDList(readout, thin), 1)) {
            x = compress.apply(both);
        }
        if (thin != f16Thin) {
            thin.close();
        }
        x = up168.apply(f8, x);
        x = up84.apply(f4, x);
        x = applyClosing(pred, relu(x));
        Shape s = x.getShape();
        NDArray up = upsample(x, s.get(2) * 4, s.get(3) * 4);
        x.close();
        return up;
    }

    /**
     * Bilinear resize (align_corners false, as STCN's {@code F.interpolate}); keeps x. The one
     * internal DJL call: see the class comment.
     */
    private static NDArray upsample(NDArray x, long height, long width) {
        return x.getNDArrayInternal().interpolation(new long[] {height, width}, 1, false);
    }

    @Override
    public void close() {
        if (bf16 != null) {
            bf16.close();
        }
        manager.close();
    }
}
