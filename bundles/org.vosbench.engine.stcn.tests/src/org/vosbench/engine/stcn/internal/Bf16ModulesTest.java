package org.vosbench.engine.stcn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;

import org.junit.jupiter.api.Test;
import org.vosbench.engine.CpuFeatures;
import org.vosbench.engine.EngineDevice;
import org.vosbench.engine.djl.DjlRuntime;

/**
 * The bf16 TorchScript modules: a convolution's channels-last weights are the checkpoint's
 * weights (checked where bfloat16 is exact), and the fused ResBlock gives the numbers of the block
 * built from single-convolution modules with float32 ReLUs and sums between them (the fused
 * UpsampleBlock up to an ulp of its bilinear resize).
 */
class Bf16ModulesTest {

    private final Random random = new Random(7);

    @Test
    void convolutionEqualsFloat32WhereBfloat16IsExact() {
        assumeTrue(CpuFeatures.current().bf16(), "this CPU has no bfloat16 arithmetic");
        // small integers are exact in bfloat16 and their products' sums exact in float32, so the
        // bf16 convolution must equal the float32 one exactly; a misplaced weight (a wrong
        // channels-last reordering of an asymmetric 3x3 kernel) would not
        Shape shape = new Shape(8, 5, 3, 3);
        float[] weight = integers(shape.size(), 3);
        float[] bias = integers(8, 4);
        try (NDManager manager = new DjlRuntime().newManager(EngineDevice.CPU);
                Bf16Convolutions bf16 = new Bf16Convolutions()) {
            NDArray x = manager.create(integers(2 * 5 * 9 * 11, 5), new Shape(2, 5, 9, 11));
            for (int stride = 1; stride <= 2; stride++) {
                Bf16Convolutions.Module module = bf16.module(new Bf16Convolutions.Weights(weight, shape, bias, stride, 1));
                NDArray expected = Conv2d.conv2d(x, manager.create(weight, shape), manager.create(bias),
                        new Shape(stride, stride), new Shape(1, 1), new Shape(1, 1), 1).singletonOrThrow();
                NDArray actual = module.apply(x);
                assertEquals(expected.getShape(), actual.getShape());
                assertEquals(0f, expected.sub(actual).abs().max().getFloat(), "stride " + stride);
                assertTrue(expected.abs().max().getFloat() > 10, "a trivial convolution proves nothing");
            }
        }
    }

    @Test
    void fusedResBlockEqualsTheBlockOfSingleConvolutions() {
        assumeTrue(CpuFeatures.current().bf16(), "this CPU has no bfloat16 arithmetic");
        try (NDManager manager = new DjlRuntime().newManager(EngineDevice.CPU);
                Bf16Convolutions bf16 = new Bf16Convolutions()) {
            for (boolean downsample : new boolean[] {false, true}) {
                int in = downsample ? 24 : 16;
                int out = 16;
                Bf16Convolutions.Weights conv1 = weights(out, in);
                Bf16Convolutions.Weights conv2 = weights(out, out);
                Bf16Convolutions.Weights skip = downsample ? weights(out, in) : null;
                NDArray x = manager.create(gaussian(2 * in * 12 * 20), new Shape(2, in, 12, 20));

                NDArray fused = bf16.resBlock(conv1, conv2, skip).apply(x);

                // the same block from one module per convolution, ReLU and sum in float32
                NDArray r = bf16.module(conv1).apply(Activation.relu(x));
                r = bf16.module(conv2).apply(Activation.relu(r));
                NDArray expected = r.add(skip == null ? x : bf16.module(skip).apply(x));
                assertEquals(expected.getShape(), fused.getShape());
                assertEquals(0f, expected.sub(fused).abs().max().getFloat(), "downsample " + downsample);

                // and it is bfloat16 arithmetic: the float32 block differs by far more than float32 rounding
                NDArray f = conv32(manager, conv1, Activation.relu(x));
                f = conv32(manager, conv2, Activation.relu(f));
                NDArray float32 = f.add(skip == null ? x : conv32(manager, skip, x));
                float difference = float32.sub(fused).abs().max().getFloat();
                assertTrue(difference > 1e-3f * float32.abs().max().getFloat(), "bf16 block equals float32: " + difference);
            }
        }
    }

    @Test
    void fusedUpsampleBlockEqualsTheBlockOfSingleConvolutions() {
        assumeTrue(CpuFeatures.current().bf16(), "this CPU has no bfloat16 arithmetic");
        try (NDManager manager = new DjlRuntime().newManager(EngineDevice.CPU);
                Bf16Convolutions bf16 = new Bf16Convolutions()) {
            for (boolean downsample : new boolean[] {false, true}) {
                int skipChannels = 16;
                int out = downsample ? 8 : 16;
                Bf16Convolutions.Weights skip = weights(skipChannels, skipChannels);
                Bf16Convolutions.Weights conv1 = weights(out, skipChannels);
                Bf16Convolutions.Weights conv2 = weights(out, out);
                Bf16Convolutions.Weights ds = downsample ? weights(out, skipChannels) : null;
                NDArray frame = manager.create(gaussian(skipChannels * 12 * 20), new Shape(1, skipChannels, 12, 20));
                NDArray objects = manager.create(gaussian(3 * skipChannels * 6 * 10), new Shape(3, skipChannels, 6, 10));

                NDArray fused = bf16.upsampleBlock(skip, conv1, conv2, ds).apply(frame, objects);

                // what StcnNetwork computes without the fused module: the skip convolution's module,
                // DJL's bilinear resize and sum in float32, then the ResBlock of single modules
                NDArray up = objects.getNDArrayInternal().interpolation(new long[] {12, 20}, 1, false);
                NDArray x = bf16.module(skip).apply(frame).add(up);
                NDArray r = bf16.module(conv1).apply(Activation.relu(x));
                r = bf16.module(conv2).apply(Activation.relu(r));
                NDArray expected = r.add(ds == null ? x : bf16.module(ds).apply(x));
                assertEquals(new Shape(3, out, 12, 20), fused.getShape());
                // libtorch's upsample_bilinear2d and DJL's interpolation round the resize differently
                // by up to an ulp (measured: 4.8e-7 on values of a few units); a wrong skip
                // convolution, broadcast or residual would differ by whole units
                float difference = expected.sub(fused).abs().max().getFloat();
                assertTrue(difference <= 1e-5f * expected.abs().max().getFloat(), "downsample " + downsample + ": "
                        + difference);
            }
        }
    }

    private static NDArray conv32(NDManager manager, Bf16Convolutions.Weights w, NDArray x) {
        return Conv2d.conv2d(x, manager.create(w.weight(), w.shape()), manager.create(w.bias()), new Shape(1, 1),
                new Shape(1, 1), new Shape(1, 1), 1).singletonOrThrow();
    }

    private Bf16Convolutions.Weights weights(int out, int in) {
        Shape shape = new Shape(out, in, 3, 3);
        float[] w = gaussian(shape.size());
        for (int i = 0; i < w.length; i++) {
            w[i] *= 0.1f;
        }
        return new Bf16Convolutions.Weights(w, shape, gaussian(out), 1, 1);
    }

    private float[] gaussian(long n) {
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private float[] integers(long n, int bound) {
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextInt(2 * bound + 1) - bound;
        }
        return v;
    }
}
