package org.vosbench.ui.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntFunction;

import org.vosbench.dataset.Dataset;
import org.vosbench.dataset.SequenceRef;

/**
 * One side of a comparison: a run's result masks or the ground truth of a sequence.
 *
 * @param label shown above the side, e.g. the run name or "Ground truth"
 * @param groundTruth whether this side is the ground truth (it gets no J&amp;F curve of its own)
 * @param maskFile frame index → mask file, or null where the side has no mask for the frame
 */
public record CompareSide(String label, boolean groundTruth, IntFunction<Path> maskFile) {

    /** A run in the dataset's result layout under {@code resultsDir}. */
    public static CompareSide run(String label, Dataset dataset, Path resultsDir, SequenceRef sequence) {
        return new CompareSide(label, false, i -> {
            Path p = dataset.resultPath(resultsDir, sequence, sequence.frame(i).name());
            return Files.isRegularFile(p) ? p : null;
        });
    }

    /** Masks in the DAVIS result layout of one sequence: {@code <folder>/<frame>.png}. */
    public static CompareSide folder(String label, Path sequenceFolder, SequenceRef sequence) {
        return new CompareSide(label, false, i -> {
            Path p = sequenceFolder.resolve(sequence.frame(i).name() + ".png");
            return Files.isRegularFile(p) ? p : null;
        });
    }

    /** The sequence's ground truth. */
    public static CompareSide groundTruth(SequenceRef sequence) {
        return new CompareSide("Ground truth", true, i -> sequence.groundTruth().get(i));
    }
}
