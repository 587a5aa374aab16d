package org.vosbench.train.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.vosbench.dataset.DatasetFormatRegistry;
import org.vosbench.testing.OsgiServices;
import org.vosbench.testing.SharedData;
import org.vosbench.train.Stage;

/**
 * Statistics of the VOS sampler over many draws on davis-real at 384x384, in the names
 * {@code bench/train-data-official.py} prints for the official {@code VOSDataset}, and the time per
 * sample. A benchmark, not a test: the suite leaves it out ({@code bench/train-data.sh} runs it).
 * Environment: {@code VOSBENCH_BENCH_DRAWS}, {@code VOSBENCH_BENCH_MAX_SKIP}, {@code VOSBENCH_BENCH_SIZE},
 * {@code VOSBENCH_BENCH_BL=1} (BL30K's sampling).
 */
class SamplerStatisticsBenchmark {

    @Test
    void printStatistics() throws IOException {
        int draws = setting("VOSBENCH_BENCH_DRAWS", 200);
        int maxSkip = setting("VOSBENCH_BENCH_MAX_SKIP", 10);
        boolean bl = setting("VOSBENCH_BENCH_BL", 0) != 0;
        int size = setting("VOSBENCH_BENCH_SIZE", TrainingData.DEFAULT_SIZE);
        DatasetFormatRegistry registry = OsgiServices.get(getClass(), DatasetFormatRegistry.class);
        DatasetSpec spec = DatasetSpec.of(SharedData.davisReal()).withRepeat(1)
                .withVariant(bl ? VosSource.Variant.BL30K : VosSource.Variant.VOS);
        VosSource source = (VosSource) TrainingData.open(registry, List.of(spec), size, Stage.MAIN_AFTER_STATIC);
        SplittableRandom rng = new SplittableRandom(1);
        List<Integer> jumps = new ArrayList<>();
        int reversed = 0;
        int empty = 0;
        int second = 0;
        double area0 = 0;
        double area12 = 0;
        double[] sums = new double[3];
        double[] squares = new double[3];
        long pixels = 0;
        int plane = size * size;
        source.draw(0, new SplittableRandom(0), maxSkip); // warm-up, not counted
        long start = System.nanoTime();
        for (int n = 0; n < draws; n++) {
            VosSource.Draw d = source.draw(n % source.size(), rng, maxSkip);
            TrainingSample s = d.sample();
            int[] f = d.frames();
            jumps.add(Math.abs(f[1] - f[0]));
            jumps.add(Math.abs(f[2] - f[1]));
            reversed += f[0] > f[2] ? 1 : 0;
            empty += d.target() == 0 ? 1 : 0;
            second += s.hasSecond() ? 1 : 0;
            double a0 = 0;
            double a12 = 0;
            for (int i = 0; i < 3 * plane; i++) {
                if (i < plane) {
                    a0 += s.target()[i];
                } else {
                    a12 += s.target()[i];
                }
            }
            area0 += a0 / plane;
            area12 += a12 / (2.0 * plane);
            for (int k = 0; k < 3; k++) {
                for (int c = 0; c < 3; c++) {
                    int base = (3 * k + c) * plane;
                    for (int i = 0; i < plane; i++) {
                        double v = s.rgb()[base + i];
                        sums[c] += v;
                        squares[c] += v * v;
                    }
                }
            }
            pixels += 3L * plane;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] mean = new double[3];
        double[] std = new double[3];
        for (int c = 0; c < 3; c++) {
            mean[c] = sums[c] / pixels;
            std[c] = Math.sqrt(squares[c] / pixels - mean[c] * mean[c]);
        }
        print("draws: %d", draws);
        print("mean jump: %.3f", jumps.stream().mapToInt(Integer::intValue).average().orElse(0));
        print("largest jump: %d", jumps.stream().mapToInt(Integer::intValue).max().orElse(0));
        print("fraction reversed: %.3f", reversed / (double) draws);
        print("fraction without target: %.3f", empty / (double) draws);
        print("mean target area, first frame: %.4f", area0 / draws);
        print("mean target area, other frames: %.4f", area12 / draws);
        print("fraction with second object: %.3f", second / (double) draws);
        print("rgb mean per channel: %.4f %.4f %.4f", mean[0], mean[1], mean[2]);
        print("rgb std per channel: %.4f %.4f %.4f", std[0], std[1], std[2]);
        print("seconds per sample: %.4f", seconds / draws);
    }

    private static int setting(String variable, int fallback) {
        String v = System.getenv(variable);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v.strip());
    }

    private static void print(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
