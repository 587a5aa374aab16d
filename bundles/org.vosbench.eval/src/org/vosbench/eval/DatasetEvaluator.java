package org.vosbench.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import org.vosbench.core.CancelledException;
import org.vosbench.core.InvalidInputException;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.core.ProgressMonitor;
import org.vosbench.dataset.Dataset;
import org.vosbench.dataset.SequenceRef;
import org.vosbench.eval.internal.FrameScorer;

/**
 * The one DAVIS semi-supervised evaluator (davis2017-evaluation's
 * {@code evaluation_method.py --task semi-supervised}) over a {@link Dataset} opened by any
 * format, and the result layout of that format. {@code vosbench evaluate}, the workbench's
 * evaluation view and the compare editor's per-frame scores all call it.
 *
 * <p>As in the toolkit: a sequence's objects are the labels up to the largest one of its first
 * ground-truth frame; the first and last frames are not scored (nor read from the results);
 * results with more objects are rejected and fewer are padded with empty masks; ground-truth
 * void (255) counts as background.
 *
 * <p>{@link Strictness#STRICT} is the toolkit's behaviour: any sequence that cannot be scored
 * (ground truth not on every frame, fewer than three frames, a result frame missing) is an error
 * naming the file. {@link Strictness#LENIENT} scores the sequences that are complete and lists
 * the others with the reason, so a partly propagated project can be scored. Damaged or
 * inconsistent files are errors in both.
 *
 * <p>Frames are decoded and scored in parallel. Errors are reported for the first offending file
 * in sequence and frame order, whatever the scheduling.
 */
public final class DatasetEvaluator {

    /** What happens to a sequence that cannot be scored. */
    public enum Strictness {
        /** An error naming the file, as the official toolkit. */
        STRICT,
        /** Skipped and listed in {@link Outcome#skipped()}. */
        LENIENT
    }

    /** Which objects a sequence has, and from which frame each is scored. */
    public enum ObjectRule {
        /**
         * davis2017-evaluation: the labels 1..K, K the largest label of the first ground-truth
         * frame, each scored on every scored frame; results may hold no label above K.
         */
        FIRST_FRAME,
        /**
         * vos-benchmark: every label of any ground-truth frame (ids need not be contiguous), each
         * scored from the first frame it appears on; results may hold no label the ground truth
         * lacks. On DAVIS folders, whose objects are all on the first frame, this is FIRST_FRAME.
         */
        ANY_FRAME,
        /**
         * YouTube-VOS: as {@link #ANY_FRAME}, but each object is scored from the frame after the one
         * it first appears on (its mask there is given as input) to the last frame; use with the
         * first and last frames not skipped.
         */
        AFTER_FIRST_APPEARANCE
    }

    /**
     * @param result the scores of the sequences that were scored, in the dataset's order
     * @param skipped sequence name to why it was not scored (always empty when strict)
     */
    public record Outcome(EvaluationResult result, Map<String, String> skipped) {
        public Outcome {
            skipped = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
        }
    }

    private static final ThreadLocal<FrameScorer> SCORERS = ThreadLocal.withInitial(FrameScorer::new);

    /** One sequence to score: its frames with ground truth and where their results are. */
    private record SequenceInput(String name, List<Path> gtFrames, List<Path> resultFrames, List<String> frameNames,
            int objects, int width, int height, int from, int to, SortedMap<Integer, Integer> firstAppearance) {

        SequenceInput(String name, List<Path> gtFrames, List<Path> resultFrames, List<String> frameNames, int objects,
                int width, int height) {
            this(name, gtFrames, resultFrames, frameNames, objects, width, height, 1, gtFrames.size() - 1, null);
        }
    }

    private record FrameTask(int sequence, int frame) {
    }

    private record FrameOutcome(FrameScores scores, int maxResultLabel, SortedSet<Integer> resultIds,
            IOException error) {
    }

    private DatasetEvaluator() {
    }

    /**
     * Evaluates the results of every sequence of the dataset.
     *
     * @param dataset the opened split (its ground truth is every mask the format lists)
     * @param resultsDir the result folder, in the dataset format's result layout
     * @param set the split name recorded in the result (and in the CSV file names), e.g. {@code val}
     * @param year the split year recorded in the result, e.g. {@code 2017}
     * @param strictness what happens to a sequence that cannot be scored
     * @param monitor progress (one unit per scored frame) and cancellation
     * @return the scores and the sequences skipped
     * @throws InvalidInputException naming the file when an input is missing (strict), damaged or inconsistent
     * @throws IOException when reading fails otherwise
     * @throws CancelledException when the monitor was cancelled
     */
    public static Outcome evaluate(Dataset dataset, Path resultsDir, String set, String year, Strictness strictness,
            ProgressMonitor monitor) throws IOException {
        return evaluate(dataset, resultsDir, set, year, strictness, ObjectRule.FIRST_FRAME, true, monitor);
    }

    /**
     * Evaluates with a choice of object rule and of the frames scored: {@code vosbench evaluate
     * --gt} scores any {@code <sequence>/<frame>.png} folder with {@link ObjectRule#ANY_FRAME}, as
     * vos-benchmark. The J and F of a frame and the statistics are the toolkit's either way.
     *
     * @param objects which objects each sequence has and from which frame they are scored
     * @param skipFirstAndLast the toolkit's rule (semi-supervised: the first frame is given); false
     *     scores every ground-truth frame
     * @see #evaluate(Dataset, Path, String, String, Strictness, ProgressMonitor)
     */
    public static Outcome evaluate(Dataset dataset, Path resultsDir, String set, String year, Strictness strictness,
            ObjectRule objects, boolean skipFirstAndLast, ProgressMonitor monitor) throws IOException {
        ProgressMonitor progress = monitor == null ? ProgressMonitor.NULL : monitor;
        if (strictness == Strictness.STRICT && !Files.isDirectory(resultsDir)) {
            throw new InvalidInputException(resultsDir, "result folder not found");
        }
        Map<String, String> skipped = new LinkedHashMap<>();
        List<SequenceInput> sequences = new ArrayList<>();
        for (SequenceRef sequence : dataset.sequences()) {
            progress.checkCanceled();
            try {
                sequences.add(prepare(dataset, resultsDir, sequence, objects, skipFirstAndLast));
            } catch (Unscorable e) {
                if (strictness == Strictness.STRICT) {
                    throw e.error;
                }
                skipped.put(sequence.name(), e.error.getMessage());
            }
        }
        List<FrameTask> tasks = new ArrayList<>();
        for (int s = 0; s < sequences.size(); s++) {
            for (int f = sequences.get(s).from(); f < sequences.get(s).to(); f++) {
                tasks.add(new FrameTask(s, f));
            }
        }
        progress.begin("Evaluating " + sequences.size() + " sequences", tasks.size());
        try {
            FrameOutcome[] outcomes = new FrameOutcome[tasks.size()];
            // after a failure only earlier frames are still scored, so the error reported is the first in order
            AtomicInteger firstFailure = new AtomicInteger(Integer.MAX_VALUE);
            IntStream.range(0, tasks.size()).parallel().forEach(i -> {
                if (i > firstFailure.get() || progress.isCanceled()) {
                    return;
                }
                FrameTask task = tasks.get(i);
                outcomes[i] = scoreFrame(sequences.get(task.sequence()), task.frame(), objects != ObjectRule.FIRST_FRAME);
                if (outcomes[i].error() != null) {
                    firstFailure.accumulateAndGet(i, Math::min);
                }
                progress.worked(1);
            });
            progress.checkCanceled();
            for (FrameOutcome outcome : outcomes) {
                if (outcome != null && outcome.error() != null) {
                    throw outcome.error();
                }
            }
            List<SequenceResult> results = new ArrayList<>();
            int next = 0;
            for (SequenceInput sequence : sequences) {
                int count = sequence.to() - sequence.from();
                List<FrameOutcome> frames = Arrays.asList(outcomes).subList(next, next + count);
                List<String> names = sequence.frameNames().subList(sequence.from(), sequence.to());
                if (objects == ObjectRule.FIRST_FRAME) {
                    checkObjectCount(sequence, frames);
                    results.add(DavisMetrics.sequenceResult(sequence.name(), names,
                            frames.stream().map(FrameOutcome::scores).toList(), sequence.objects()));
                } else {
                    checkObjectIds(sequence, frames);
                    results.add(fromFirstAppearance(sequence, names, frames,
                            objects == ObjectRule.AFTER_FIRST_APPEARANCE ? 1 : 0));
                }
                next += count;
            }
            return new Outcome(new EvaluationResult(set, year, results), skipped);
        } finally {
            progress.done();
        }
    }

    /**
     * Per-frame J&amp;F of one set of result masks against a sequence's ground truth, for the
     * compare editor's strip chart: per frame the mean over the objects of (J + F) / 2, with the
     * same objects and measures as {@link #evaluate}. Frames without ground truth or without a
     * result are NaN, and so are the first and last frames, which the toolkit does not score.
     *
     * @param sequence the sequence
     * @param resultFile frame index to the result mask, or null where there is none
     * @param monitor progress (one unit per frame) and cancellation
     * @return one score per frame
     * @throws InvalidInputException naming the file when a mask is damaged or of another size
     * @throws IOException when reading fails otherwise
     * @throws CancelledException when the monitor was cancelled
     */
    public static double[] perFrameJAndF(SequenceRef sequence, IntFunction<Path> resultFile, ProgressMonitor monitor)
            throws IOException {
        int n = sequence.length();
        double[] scores = new double[n];
        Arrays.fill(scores, Double.NaN);
        if (sequence.groundTruth().isEmpty()) {
            return scores;
        }
        Path first = sequence.groundTruth().get(sequence.groundTruth().firstKey());
        LabelMask firstMask = MaskIO.read(first);
        int objects = firstMask.maxObjectLabel();
        if (objects == 0) {
            return scores;
        }
        monitor.begin("Scoring " + sequence.name(), n);
        try {
            for (int i = 1; i < n - 1; i++) {
                monitor.checkCanceled();
                Path gt = sequence.groundTruth().get(i);
                Path result = resultFile.apply(i);
                if (gt != null && result != null) {
                    SequenceInput one = new SequenceInput(sequence.name(), List.of(gt), List.of(result),
                            List.of(sequence.frame(i).name()), objects, firstMask.width(), firstMask.height());
                    FrameOutcome outcome = scoreFrame(one, 0, false);
                    if (outcome.error() != null) {
                        throw outcome.error();
                    }
                    double sum = 0;
                    for (int k = 1; k <= objects; k++) {
                        sum += outcome.scores().jAndF(k);
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

    /**
     * @param scores per-frame scores as {@link #perFrameJAndF} gives them
     * @return the indices of the frames with a score, worst first (ties by frame)
     */
    public static int[] worstFirst(double[] scores) {
        return IntStream.range(0, scores.length).filter(i -> !Double.isNaN(scores[i])).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> scores[i]).thenComparing(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }

    /** A sequence that cannot be scored: an error when strict, a skip when lenient. */
    private static final class Unscorable extends Exception {
        private static final long serialVersionUID = 1L;
        final transient InvalidInputException error;

        Unscorable(InvalidInputException error) {
            super(error.getMessage(), null, false, false);
            this.error = error;
        }
    }

    private static SequenceInput prepare(Dataset dataset, Path resultsDir, SequenceRef sequence, ObjectRule rule,
            boolean skipFirstAndLast) throws IOException, Unscorable {
        String name = sequence.name();
        int n = sequence.length();
        if (sequence.groundTruth().isEmpty()) {
            throw new Unscorable(new InvalidInputException(sequence.frame(0).image().getParent(),
                    "sequence '" + name + "' has no ground truth"));
        }
        Path gtFolder = sequence.groundTruth().get(sequence.groundTruth().firstKey()).getParent();
        if (sequence.groundTruth().size() < n) {
            throw new Unscorable(new InvalidInputException(gtFolder, "ground truth covers only "
                    + sequence.groundTruth().size() + " of " + n
                    + " frames; evaluation needs a mask for every frame (test-dev has only first frames)"));
        }
        int from = skipFirstAndLast ? 1 : 0;
        int to = skipFirstAndLast ? n - 1 : n;
        if (skipFirstAndLast && n < 3) {
            throw new Unscorable(new InvalidInputException(gtFolder, "sequence '" + name + "' has " + n
                    + " annotated frames; at least 3 are needed (the first and last are not scored)"));
        }
        List<Path> gtFrames = new ArrayList<>(n);
        List<Path> resultFrames = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            gtFrames.add(sequence.groundTruth().get(i));
            resultFrames.add(dataset.resultPath(resultsDir, sequence, sequence.frame(i).name()));
        }
        Path resultFolder = resultFrames.get(from).getParent();
        if (!Files.isDirectory(resultFolder)) {
            throw new Unscorable(new InvalidInputException(resultFolder, "no results for sequence '" + name + "'"));
        }
        for (int i = from; i < to; i++) {
            if (!Files.isRegularFile(resultFrames.get(i))) {
                throw new Unscorable(new InvalidInputException(resultFrames.get(i), "result frame missing: sequence '"
                        + name + "' needs a mask for every ground-truth frame"
                        + (skipFirstAndLast ? " but the first and last" : "")));
            }
        }
        LabelMask first = MaskIO.read(gtFrames.get(0));
        if (rule == ObjectRule.FIRST_FRAME) {
            return new SequenceInput(name, gtFrames, resultFrames, sequence.frameNames(), first.maxObjectLabel(),
                    first.width(), first.height(), from, to, null);
        }
        // The objects of every ground-truth frame, decoded in parallel; the first frame each appears on.
        List<SortedSet<Integer>> ids;
        try {
            ids = IntStream.range(0, n).parallel().mapToObj(i -> {
                try {
                    return (SortedSet<Integer>) MaskIO.read(gtFrames.get(i)).objectIds();
                } catch (InvalidInputException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        SortedMap<Integer, Integer> firstAppearance = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            for (int id : ids.get(i)) {
                firstAppearance.putIfAbsent(id, i);
            }
        }
        int maxLabel = firstAppearance.isEmpty() ? 0 : firstAppearance.lastKey();
        return new SequenceInput(name, gtFrames, resultFrames, sequence.frameNames(), maxLabel, first.width(),
                first.height(), from, to, firstAppearance);
    }

    private static FrameOutcome scoreFrame(SequenceInput sequence, int frame, boolean resultIds) {
        Path gtFile = sequence.gtFrames().get(frame);
        Path resultFile = sequence.resultFrames().get(frame);
        try {
            LabelMask gt = MaskIO.read(gtFile);
            if (gt.width() != sequence.width() || gt.height() != sequence.height()) {
                throw new InvalidInputException(gtFile, "ground-truth frame is " + gt.size()
                        + " but the sequence's first frame is " + sequence.width() + "x" + sequence.height());
            }
            if (!Files.isRegularFile(resultFile)) {
                throw new InvalidInputException(resultFile, "result frame missing: sequence '" + sequence.name()
                        + "' needs a mask for every ground-truth frame but the first and last");
            }
            LabelMask result = MaskIO.read(resultFile);
            if (result.width() != gt.width() || result.height() != gt.height()) {
                throw new InvalidInputException(resultFile,
                        "result mask is " + result.size() + " but the ground truth is " + gt.size());
            }
            FrameScorer.Scores scores = SCORERS.get().score(gt.labels(), result.labels(), gt.width(), gt.height(),
                    sequence.objects());
            return new FrameOutcome(new FrameScores(scores.jaccard(), scores.boundaryF()), scores.maxResultLabel(),
                    resultIds ? result.objectIds() : null, null);
        } catch (IOException e) {
            return new FrameOutcome(null, 0, null, e);
        }
    }

    /** {@link ObjectRule#ANY_FRAME}: a result label the ground truth never has is an error. */
    private static void checkObjectIds(SequenceInput sequence, List<FrameOutcome> frames) throws InvalidInputException {
        for (int i = 0; i < frames.size(); i++) {
            for (int label : frames.get(i).resultIds()) {
                if (!sequence.firstAppearance().containsKey(label)) {
                    throw new InvalidInputException(sequence.resultFrames().get(sequence.from() + i), "result has object "
                            + label + ", which no ground-truth frame of sequence '" + sequence.name() + "' has (it has "
                            + sequence.firstAppearance().keySet() + ")");
                }
            }
        }
    }

    /** Each object's J and F over the scored frames from the first frame it appears on. */
    private static SequenceResult fromFirstAppearance(SequenceInput sequence, List<String> names,
            List<FrameOutcome> frames, int after) {
        List<ObjectResult> objects = new ArrayList<>();
        for (Map.Entry<Integer, Integer> e : sequence.firstAppearance().entrySet()) {
            int id = e.getKey();
            int start = Math.max(0, e.getValue() + after - sequence.from());
            if (start >= frames.size()) {
                continue; // no frame of the object is scored (it appears on the last, unscored, frame)
            }
            double[] j = new double[frames.size() - start];
            double[] f = new double[j.length];
            for (int t = start; t < frames.size(); t++) {
                j[t - start] = frames.get(t).scores().jaccard()[id - 1];
                f[t - start] = frames.get(t).scores().boundaryF()[id - 1];
            }
            objects.add(new ObjectResult(sequence.name(), id, j, f, Statistics.of(j), Statistics.of(f)));
        }
        return new SequenceResult(sequence.name(), names, objects);
    }

    private static void checkObjectCount(SequenceInput sequence, List<FrameOutcome> frames)
            throws InvalidInputException {
        for (int i = 0; i < frames.size(); i++) {
            int label = frames.get(i).maxResultLabel();
            if (label > sequence.objects()) {
                Path file = sequence.resultFrames().get(i + sequence.from());
                throw new InvalidInputException(file, "result has object label " + label + " but sequence '"
                        + sequence.name() + "' has only " + sequence.objects()
                        + " objects in its first ground-truth frame" + (label == LabelMask.VOID
                                ? " (255 marks void in ground truth; results may not use it)"
                                : ""));
            }
        }
    }
}
