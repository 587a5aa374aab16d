package org.vosbench.eval.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.core.ProgressMonitor;
import org.vosbench.eval.DavisEvaluator;
import org.vosbench.eval.DavisMetrics;
import org.vosbench.eval.EvaluationResult;

/**
 * Times the DAVIS evaluation and prints the figures against the official toolkit, which takes
 * about 38 s for the 1,476 frames of DAVIS 2017 val on this project's 2-core machines
 * ({@value #TOOLKIT_MS_PER_FRAME} ms a frame). Speed is printed, never asserted.
 */
public final class EvalBenchmark {

    /** The official toolkit's time per frame, including its PNG decoding. */
    public static final double TOOLKIT_MS_PER_FRAME = 25.7;

    private EvalBenchmark() {
    }

    /** A frame's masks, decoded beforehand. */
    private record FramePair(LabelMask groundTruth, LabelMask result, int objects) {
    }

    /**
     * Evaluates {@code resultsDir} against {@code davisRoot} (split {@code val}, 2017) once to warm
     * up, then {@code repeats} times, and prints the whole-evaluation time (PNG decoding
     * included) and the time of the measures alone (masks decoded beforehand).
     *
     * @param davisRoot the DAVIS folder
     * @param resultsDir the result folder
     * @param repeats timed runs, at least 1
     * @param out where the figures go
     * @throws IOException when the evaluation fails
     */
    public static void run(Path davisRoot, Path resultsDir, int repeats, PrintStream out) throws IOException {
        int runs = Math.max(1, repeats);
        DavisEvaluator evaluator = new DavisEvaluator();
        long coldStart = System.nanoTime();
        EvaluationResult warmUp = evaluator.evaluate(davisRoot, resultsDir, "val", "2017", ProgressMonitor.NULL);
        long cold = System.nanoTime() - coldStart;
        int frames = warmUp.evaluatedFrames();
        long best = Long.MAX_VALUE;
        long total = 0;
        long cpuStart = cpuNanos();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            evaluator.evaluate(davisRoot, resultsDir, "val", "2017", ProgressMonitor.NULL);
            long elapsed = System.nanoTime() - start;
            best = Math.min(best, elapsed);
            total += elapsed;
        }
        long cpu = cpuNanos() - cpuStart;
        int threads = Runtime.getRuntime().availableProcessors();
        out.printf(Locale.ROOT, "DAVIS evaluation: %d sequences, %d frames, %d objects, %d runs, %d cores%n",
                warmUp.sequences().size(), frames, warmUp.objects().size(), runs, threads);
        out.printf(Locale.ROOT, "  first run in this JVM (not yet compiled): %.1f ms, %.3f ms/frame%n", cold / 1e6,
                cold / 1e6 / frames);
        report(out, "whole evaluation (PNG decoding included)", total / (double) runs, best, frames);
        if (cpu > 0) {
            out.printf(Locale.ROOT, "  CPU time of the whole evaluation: %.3f ms/frame over all cores%n",
                    cpu / 1e6 / runs / frames);
        }

        List<FramePair> pairs = loadPairs(davisRoot, resultsDir, warmUp);
        long bestMeasures = Long.MAX_VALUE;
        long totalMeasures = 0;
        for (int i = 0; i <= runs; i++) {
            long start = System.nanoTime();
            IntStream.range(0, pairs.size()).parallel().forEach(p -> {
                FramePair pair = pairs.get(p);
                DavisMetrics.score(pair.groundTruth(), pair.result(), pair.objects());
            });
            long elapsed = System.nanoTime() - start;
            if (i > 0) {
                bestMeasures = Math.min(bestMeasures, elapsed);
                totalMeasures += elapsed;
            }
        }
        report(out, "J and F only (masks in memory)", totalMeasures / (double) runs, bestMeasures, frames);
    }

    /** CPU time of the whole process (every thread), 0 where the platform does not tell. */
    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    private static void report(PrintStream out, String what, double meanNanos, long bestNanos, int frames) {
        double msPerFrame = meanNanos / 1e6 / frames;
        double bestMsPerFrame = bestNanos / 1e6 / frames;
        out.printf(Locale.ROOT,
                "  %s: %.1f ms total, %.3f ms/frame (best %.3f), %.0f frames/s, %.1fx the toolkit's %.1f ms/frame%n",
                what, meanNanos / 1e6, msPerFrame, bestMsPerFrame, 1000 / msPerFrame, TOOLKIT_MS_PER_FRAME / msPerFrame,
                TOOLKIT_MS_PER_FRAME);
    }

    private static List<FramePair> loadPairs(Path davisRoot, Path resultsDir, EvaluationResult result)
            throws IOException {
        List<FramePair> pairs = new ArrayList<>();
        for (var sequence : result.sequences()) {
            Path gtFolder = davisRoot.resolve("Annotations").resolve(DavisEvaluator.DEFAULT_RESOLUTION)
                    .resolve(sequence.name());
            for (String frame : sequence.frames()) {
                pairs.add(new FramePair(MaskIO.read(gtFolder.resolve(frame + ".png")),
                        MaskIO.read(resultsDir.resolve(sequence.name()).resolve(frame + ".png")),
                        sequence.objects().size()));
            }
        }
        return pairs;
    }
}
