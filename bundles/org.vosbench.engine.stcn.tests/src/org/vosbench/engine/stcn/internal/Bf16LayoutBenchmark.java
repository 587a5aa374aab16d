package org.vosbench.engine.stcn.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Locale;
import java.util.function.Supplier;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

import org.junit.jupiter.api.Test;
import org.vosbench.engine.CpuFeatures;
import org.vosbench.engine.EngineDevice;
import org.vosbench.engine.djl.DjlRuntime;

/**
 * Rate of STCN's decoder convolutions (a 480p frame, two objects) in float32 (DJL's conv2d, as the
 * fp32 session runs them) and in the bf16 modules with channels-first and channels-last arrays
 * (what {@link StcnNetwork#channelsLast} is for). Prints GFLOP/s; run by bench/bf16-layout.sh (not
 * part of the test suite: no Test in the name).
 */
class Bf16LayoutBenchmark {

    private static final int REPS = 4;

    @Test
    void convolutionRateByLayout() {
        assumeTrue(CpuFeatures.current().bf16(), "this CPU has no bfloat16 arithmetic");
        // in, out, h, w, batch: up_8_4's ResBlock, up_16_8's ResBlock and skip, compress
        int[][] convs = {{256, 256, 120, 216, 2}, {512, 256, 60, 108, 2}, {512, 512, 60, 108, 1}, {1024, 512, 30, 54, 2}};
        try (NDManager manager = new DjlRuntime().newManager(EngineDevice.CPU);
                Bf16Convolutions bf16 = new Bf16Convolutions()) {
            for (int[] c : convs) {
                Shape shape = new Shape(c[1], c[0], 3, 3);
                float[] weight = new float[(int) shape.size()];
                java.util.Arrays.fill(weight, 0.01f);
                float[] bias = new float[c[1]];
                Bf16Convolutions.Weights w = new Bf16Convolutions.Weights(weight, shape, bias, 1, 1);
                NDArray x = manager.randomNormal(new Shape(c[4], c[0], c[2], c[3]));
                NDArray xLast = StcnNetwork.channelsLast(x);
                NDArray w32 = manager.create(weight, shape);
                NDArray b32 = manager.create(bias);
                Bf16Convolutions.Module first = bf16.module(w, false);
                Bf16Convolutions.Module last = bf16.module(w, true);
                double gflop = 2.0 * c[4] * c[1] * c[0] * 9 * c[2] * c[3] / 1e9;
                double fp32 = gflop / time(() -> Conv2d.conv2d(x, w32, b32, new Shape(1, 1), new Shape(1, 1),
                        new Shape(1, 1), 1).singletonOrThrow());
                double channelsFirst = gflop / time(() -> first.apply(x));
                double channelsLast = gflop / time(() -> last.apply(xLast));
                System.out.printf(Locale.ROOT, "bf16-layout %dx%d->%d at %dx%d: fp32 %.0f GFLOP/s, bf16 channels first "
                        + "%.0f, bf16 channels last %.0f (x%.2f)%n", c[4], c[0], c[1], c[2], c[3], fp32, channelsFirst,
                        channelsLast, channelsLast / channelsFirst);
            }
        }
    }

    private static double time(Supplier<NDArray> call) {
        call.get().close(); // oneDNN builds its kernel on the first call
        long start = System.nanoTime();
        for (int i = 0; i < REPS; i++) {
            call.get().close();
        }
        return (System.nanoTime() - start) / 1e9 / REPS;
    }
}
