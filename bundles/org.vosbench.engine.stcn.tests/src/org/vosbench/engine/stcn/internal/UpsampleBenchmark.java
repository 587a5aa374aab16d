package org.vosbench.engine.stcn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.util.NDImageUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;
import org.vosbench.engine.EngineDevice;
import org.vosbench.engine.djl.DjlRuntime;

/**
 * What STCN's decoder upsampling costs through DJL's internal {@code interpolation} (what
 * {@link StcnNetwork} calls) and through the public {@link NDImageUtils#resize} (channel-last, so a
 * transposed copy in and out), on the decoder's maps for a 480p frame and two objects. Prints the
 * figures; run by bench/upsample.sh (not part of the test suite: no Test in the name).
 */
class UpsampleBenchmark {

    private static final int REPS = 20;

    @Test
    void internalInterpolationAgainstPublicResize() {
        try (NDManager manager = new DjlRuntime().newManager(EngineDevice.CPU)) {
            // up_16_8 and up_8_4 of a 480 x 864 (padded) frame: 1/16 -> 1/8 and 1/8 -> 1/4
            long[][] maps = {{2, 256, 30, 54}, {2, 256, 60, 108}};
            for (long[] s : maps) {
                NDArray x = manager.randomUniform(0, 1, new Shape(s));
                long h = s[2] * 2;
                long w = s[3] * 2;
                NDArray a = internal(x, h, w);
                NDArray b = publicResize(x, h, w);
                assertEquals(a.getShape(), b.getShape());
                float diff = a.sub(b).abs().max().getFloat();
                double internalMs = time(() -> internal(x, h, w).close());
                double publicMs = time(() -> publicResize(x, h, w).close());
                System.out.printf(Locale.ROOT,
                        "upsample %s -> %dx%d: internal interpolation %.2f ms, public resize with transposes %.2f ms"
                                + " (x%.2f), max difference %.2g%n",
                        x.getShape(), h, w, internalMs, publicMs, publicMs / internalMs, diff);
                a.close();
                b.close();
                x.close();
            }
        }
    }

    private static NDArray internal(NDArray x, long h, long w) {
        return x.getNDArrayInternal().interpolation(new long[] {h, w}, 1, false);
    }

    private static NDArray publicResize(NDArray x, long h, long w) {
        try (NDArray nhwc = x.transpose(0, 2, 3, 1);
                NDArray resized = NDImageUtils.resize(nhwc, (int) w, (int) h, Image.Interpolation.BILINEAR)) {
            return resized.transpose(0, 3, 1, 2).duplicate();
        }
    }

    private static double time(Runnable r) {
        for (int i = 0; i < 3; i++) {
            r.run();
        }
        long start = System.nanoTime();
        for (int i = 0; i < REPS; i++) {
            r.run();
        }
        return (System.nanoTime() - start) / 1e6 / REPS;
    }
}
