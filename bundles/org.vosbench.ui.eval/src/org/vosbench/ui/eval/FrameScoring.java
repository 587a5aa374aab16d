package org.vosbench.ui.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

import org.vosbench.core.CancelledException;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.core.ProgressMonitor;
import org.vosbench.dataset.SequenceRef;
import org.vosbench.eval.DavisMetrics;
import org.vosbench.eval.FrameScores;

/**
 * Per-frame J&amp;F of one side against the ground truth, for the compare editor's strip chart: the
 * mean over the ground truth's objects of (J + F) / 2 with {@link DavisMetrics}, the toolkit's measures.
 * Frames without ground truth or without a result are NaN; the first and last frames too, since the
 * toolkit does not score them.
 */
public final class FrameScoring {

    private FrameScoring() {
    }

    public static double[] perFrameJAndF(SequenceRef sequence, CompareSide side, ProgressMonitor monitor)
            throws IOException {
        int n = sequence.length();
        double[] scores = new double[n];
        Arrays.fill(scores, Double.NaN);
        if (sequence.groundTruth().isEmpty()) {
            return scores;
        }
        int objects = MaskIO.read(sequence.groundTruth().get(sequence.groundTruth().firstKey())).maxObjectLabel();
        monitor.begin("Scoring " + side.label(), n);
        try {
            for (int i = 1; i < n - 1; i++) {
                if (monitor.isCanceled()) {
                    throw new CancelledException("Scoring cancelled");
                }
                Path gtFile = sequence.groundTruth().get(i);
                Path resultFile = side.maskFile().apply(i);
                if (gtFile != null && resultFile != null && objects > 0) {
                    LabelMask gt = MaskIO.read(gtFile);
                    LabelMask result = MaskIO.read(resultFile);
                    FrameScores s = DavisMetrics.score(gt, result, objects);
                    double sum = 0;
                    for (int k = 1; k <= objects; k++) {
                        sum += s.jAndF(k);
                    }
                    scores[i] = sum / objects;
                }
                monitor.worked(1);
            }
        } finally {
            monitor.done();
        }
        return scores;
    }

    /** Frame indices with a score, worst first (ties by frame). */
    public static int[] worstFirst(double[] scores) {
        return IntStream.range(0, scores.length).filter(i -> !Double.isNaN(scores[i])).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> scores[i]).thenComparing(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }
}
