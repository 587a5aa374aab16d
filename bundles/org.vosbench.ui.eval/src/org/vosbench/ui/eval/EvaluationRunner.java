package org.vosbench.ui.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.vosbench.core.CancelledException;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.core.ProgressMonitor;
import org.vosbench.dataset.Dataset;
import org.vosbench.dataset.SequenceRef;
import org.vosbench.eval.DavisMetrics;
import org.vosbench.eval.EvaluationResult;
import org.vosbench.eval.SequenceResult;

/**
 * Scores a results folder (any format's result layout) against a dataset's ground truth with the
 * DAVIS semi-supervised measures of {@code org.vosbench.eval}, sequence by sequence. Sequences whose
 * results are incomplete (a frame to score has no result mask) are skipped and listed, so that a
 * partly propagated project can still be scored; the command-line evaluator instead treats a missing
 * frame as an error, as the official toolkit does.
 */
public final class EvaluationRunner {

    /**
     * @param result the scores of the complete sequences
     * @param skipped sequence → why it was not scored
     */
    public record Outcome(EvaluationResult result, Map<String, String> skipped) {
    }

    private EvaluationRunner() {
    }

    public static Outcome evaluate(Dataset dataset, Path resultsDir, String set, String year, ProgressMonitor monitor)
            throws IOException {
        List<SequenceRef> sequences = dataset.sequences();
        monitor.begin("Evaluating " + resultsDir.getFileName(), sequences.size());
        List<SequenceResult> scored = new ArrayList<>();
        Map<String, String> skipped = new java.util.LinkedHashMap<>();
        try {
            for (SequenceRef seq : sequences) {
                if (monitor.isCanceled()) {
                    throw new CancelledException("Evaluation cancelled");
                }
                monitor.subTask(seq.name());
                String why = evaluateOne(dataset, resultsDir, seq, scored);
                if (why != null) {
                    skipped.put(seq.name(), why);
                }
                monitor.worked(1);
            }
        } finally {
            monitor.done();
        }
        return new Outcome(new EvaluationResult(set, year, scored), skipped);
    }

    private static String evaluateOne(Dataset dataset, Path resultsDir, SequenceRef seq, List<SequenceResult> out)
            throws IOException {
        int n = seq.length();
        if (seq.groundTruth().size() != n) {
            return "ground truth on " + seq.groundTruth().size() + " of " + n + " frames";
        }
        if (n < 3) {
            return "fewer than 3 frames";
        }
        List<LabelMask> gt = new ArrayList<>(n);
        List<LabelMask> results = new ArrayList<>(n);
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add(seq.frame(i).name());
            gt.add(MaskIO.read(seq.groundTruth().get(i)));
            // first and last frames are not scored (davis2017-evaluation), so need no result
            if (i == 0 || i == n - 1) {
                results.add(null);
                continue;
            }
            Path result = dataset.resultPath(resultsDir, seq, seq.frame(i).name());
            if (!Files.isRegularFile(result)) {
                return "no result for frame " + seq.frame(i).name() + " (" + result + ")";
            }
            results.add(MaskIO.read(result));
        }
        out.add(DavisMetrics.evaluateSequence(seq.name(), names, gt, results));
        return null;
    }
}
