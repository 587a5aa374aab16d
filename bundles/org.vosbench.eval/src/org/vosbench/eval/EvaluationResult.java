package org.vosbench.eval;

import java.util.List;

import org.vosbench.eval.internal.NumpyMath;

/**
 * The evaluation of a result folder.
 *
 * @param set the split evaluated, e.g. {@code val}
 * @param year the DAVIS year of the split file, e.g. {@code 2017}
 * @param sequences per sequence, in split-file order
 */
public record EvaluationResult(String set, String year, List<SequenceResult> sequences) {

    public EvaluationResult {
        sequences = List.copyOf(sequences);
    }

    /** @return every object of every sequence, in the toolkit's row order */
    public List<ObjectResult> objects() {
        return sequences.stream().flatMap(s -> s.objects().stream()).toList();
    }

    /** @return the number of frames scored (per sequence, all but the first and last) */
    public int evaluatedFrames() {
        return sequences.stream().mapToInt(s -> s.frames().size()).sum();
    }

    /** @return means over objects, as the toolkit's {@code np.mean} (NaN propagates) */
    public GlobalResult global() {
        List<ObjectResult> objects = objects();
        double jMean = mean(objects.stream().mapToDouble(o -> o.j().mean()).toArray());
        double fMean = mean(objects.stream().mapToDouble(o -> o.f().mean()).toArray());
        return new GlobalResult((jMean + fMean) / 2., jMean,
                mean(objects.stream().mapToDouble(o -> o.j().recall()).toArray()),
                mean(objects.stream().mapToDouble(o -> o.j().decay()).toArray()), fMean,
                mean(objects.stream().mapToDouble(o -> o.f().recall()).toArray()),
                mean(objects.stream().mapToDouble(o -> o.f().decay()).toArray()));
    }

    private static double mean(double[] values) {
        return NumpyMath.mean(values);
    }
}
