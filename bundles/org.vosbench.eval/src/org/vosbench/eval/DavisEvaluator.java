package org.vosbench.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.vosbench.core.AtomicFiles;
import org.vosbench.core.CancelledException;
import org.vosbench.core.InvalidInputException;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.core.ProgressMonitor;
import org.vosbench.eval.internal.FrameScorer;
import org.vosbench.eval.internal.PandasFormat;

/**
 * DAVIS semi-supervised evaluation of a result folder, identical to davis2017-evaluation's
 * {@code evaluation_method.py --task semi-supervised}.
 *
 * <p>Ground truth: {@code <davis>/Annotations/<resolution>/<seq>/*.png} for the sequences of
 * {@code <davis>/ImageSets/<year>/<set>.txt}. Results: {@code <results>/<seq>/<frame>.png}. As in
 * the toolkit, a sequence's objects are the labels up to the largest one of its first
 * ground-truth frame; the first and last frames are not scored (nor read from the results);
 * results with more objects are rejected and fewer are padded with empty masks; ground-truth
 * void (255) counts as background.
 *
 * <p>Frames are decoded and scored in parallel. Errors are reported for the first offending file
 * in sequence and frame order, whatever the scheduling.
 */
public final class DavisEvaluator {

    /** The resolution the toolkit evaluates. */
    public static final String DEFAULT_RESOLUTION = "480p";

    private static final String CSV_HEADER_GLOBAL = "J&F-Mean,J-Mean,J-Recall,J-Decay,F-Mean,F-Recall,F-Decay";
    private static final List<String> GLOBAL_COLUMNS = List.of("J&F-Mean", "J-Mean", "J-Recall", "J-Decay",
            "F-Mean", "F-Recall", "F-Decay");

    private static final ThreadLocal<FrameScorer> SCORERS = ThreadLocal.withInitial(FrameScorer::new);

    /** One ground-truth sequence as listed for evaluation. */
    private record SequenceInput(String name, Path gtFolder, Path resultFolder, List<Path> gtFrames,
            List<String> frameNames, int objects, int width, int height) {
    }

    /** One frame to score. */
    private record FrameTask(int sequence, int frame) {
    }

    /** What scoring one frame gave, or why it failed. */
    private record FrameOutcome(FrameScores scores, int maxResultLabel, IOException error) {
    }

    /**
     * Evaluates at 480p.
     *
     * @param davisRoot the DAVIS folder (with {@code Annotations} and {@code ImageSets})
     * @param resultsDir the result folder, one sub-folder per sequence
     * @param set the split, e.g. {@code val}
     * @param year the split-file year, e.g. {@code 2017}
     * @param monitor progress and cancellation
     * @return the scores
     * @throws InvalidInputException naming the file when an input is missing, damaged or inconsistent
     * @throws IOException when reading fails otherwise
     * @throws CancelledException when the monitor was cancelled
     */
    public EvaluationResult evaluate(Path davisRoot, Path resultsDir, String set, String year,
            ProgressMonitor monitor) throws IOException {
        return evaluate(davisRoot, DEFAULT_RESOLUTION, resultsDir, set, year, monitor);
    }

    /**
     * Evaluates at the given resolution.
     *
     * @param davisRoot the DAVIS folder (with {@code Annotations} and {@code ImageSets})
     * @param resolution {@code 480p} or {@code Full-Resolution}
     * @param resultsDir the result folder, one sub-folder per sequence
     * @param set the split, e.g. {@code val}
     * @param year the split-file year, e.g. {@code 2017}
     * @param monitor progress and cancellation
     * @return the scores
     * @throws InvalidInputException naming the file when an input is missing, damaged or inconsistent
     * @throws IOException when reading fails otherwise
     * @throws CancelledException when the monitor was cancelled
     */
    public EvaluationResult evaluate(Path davisRoot, String resolution, Path resultsDir, String set, String year,
            ProgressMonitor monitor) throws IOException {
        return evaluate(davisRoot, resolution, resultsDir, readSplit(davisRoot, set, year), set, year, monitor);
    }

    /**
     * Evaluates the given sequences of a split at the given resolution (the batch run scores each
     * sequence where it was propagated and reduces the results on the driver).
     *
     * @param davisRoot the DAVIS folder (with {@code Annotations})
     * @param resolution {@code 480p} or {@code Full-Resolution}
     * @param resultsDir the result folder, one sub-folder per sequence
     * @param names the sequences to score, in the order the result lists them
     * @param set the split the sequences belong to, e.g. {@code val}
     * @param year the split-file year, e.g. {@code 2017}
     * @param monitor progress and cancellation
     * @return the scores
     * @throws InvalidInputException naming the file when an input is missing, damaged or inconsistent
     * @throws IOException when reading fails otherwise
     * @throws CancelledException when the monitor was cancelled
     */
    public EvaluationResult evaluate(Path davisRoot, String resolution, Path resultsDir, List<String> names,
            String set, String year, ProgressMonitor monitor) throws IOException {
        ProgressMonitor progress = monitor == null ? ProgressMonitor.NULL : monitor;
        if (!Files.isDirectory(davisRoot)) {
            throw new InvalidInputException(davisRoot, "DAVIS folder not found");
        }
        if (!Files.isDirectory(resultsDir)) {
            throw new InvalidInputException(resultsDir, "result folder not found");
        }
        List<SequenceInput> sequences = prepare(davisRoot, resolution, resultsDir, names, progress);
        List<FrameTask> tasks = new ArrayList<>();
        for (int s = 0; s < sequences.size(); s++) {
            for (int f = 1; f < sequences.get(s).gtFrames().size() - 1; f++) {
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
                outcomes[i] = scoreFrame(sequences.get(task.sequence()), task.frame());
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
                int count = sequence.gtFrames().size() - 2;
                List<FrameOutcome> frames = Arrays.asList(outcomes).subList(next, next + count);
                checkObjectCount(sequence, frames);
                results.add(DavisMetrics.sequenceResult(sequence.name(),
                        sequence.frameNames().subList(1, sequence.frameNames().size() - 1),
                        frames.stream().map(FrameOutcome::scores).toList(), sequence.objects()));
                next += count;
            }
            return new EvaluationResult(set, year, results);
        } finally {
            progress.done();
        }
    }

    private static List<String> readSplit(Path davisRoot, String set, String year) throws IOException {
        if (!Files.isDirectory(davisRoot)) {
            throw new InvalidInputException(davisRoot, "DAVIS folder not found");
        }
        Path split = davisRoot.resolve("ImageSets").resolve(year).resolve(set + ".txt");
        List<String> lines;
        try {
            lines = Files.readAllLines(split);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(split, "split file not found (set '" + set + "', year " + year + ")", e);
        }
        List<String> names = lines.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (names.isEmpty()) {
            throw new InvalidInputException(split, "split file lists no sequences");
        }
        return names;
    }

    private static List<SequenceInput> prepare(Path davisRoot, String resolution, Path resultsDir,
            List<String> names, ProgressMonitor progress) throws IOException {
        Path annotations = davisRoot.resolve("Annotations").resolve(resolution);
        Path images = davisRoot.resolve("JPEGImages").resolve(resolution);
        Object[] prepared = new Object[names.size()];
        IntStream.range(0, names.size()).parallel().forEach(i -> {
            try {
                prepared[i] = prepareSequence(names.get(i), annotations.resolve(names.get(i)),
                        images.resolve(names.get(i)), resultsDir.resolve(names.get(i)));
            } catch (IOException e) {
                prepared[i] = e;
            }
        });
        progress.checkCanceled();
        List<SequenceInput> sequences = new ArrayList<>();
        for (Object p : prepared) {
            if (p instanceof IOException e) {
                throw e;
            }
            sequences.add((SequenceInput) p);
        }
        return sequences;
    }

    private static SequenceInput prepareSequence(String name, Path gtFolder, Path imageFolder, Path resultFolder)
            throws IOException {
        if (!Files.isDirectory(gtFolder)) {
            throw new InvalidInputException(gtFolder,
                    "sequence '" + name + "' is listed in the split file but has no annotation folder");
        }
        List<Path> gtFrames = list(gtFolder, ".png");
        if (Files.isDirectory(imageFolder)) {
            int images = list(imageFolder, ".jpg").size();
            if (images > gtFrames.size()) {
                throw new InvalidInputException(gtFolder, "ground truth covers only " + gtFrames.size() + " of "
                        + images + " frames; evaluation needs a mask for every frame (test-dev has only first frames)");
            }
        }
        if (gtFrames.size() < 3) {
            throw new InvalidInputException(gtFolder, "sequence '" + name + "' has " + gtFrames.size()
                    + " annotated frames; at least 3 are needed (the first and last are not scored)");
        }
        if (!Files.isDirectory(resultFolder)) {
            throw new InvalidInputException(resultFolder, "no results for sequence '" + name + "'");
        }
        List<String> frameNames = gtFrames.stream().map(p -> {
            String file = p.getFileName().toString();
            return file.substring(0, file.length() - ".png".length());
        }).toList();
        LabelMask first = MaskIO.read(gtFrames.get(0));
        return new SequenceInput(name, gtFolder, resultFolder, gtFrames, frameNames, first.maxObjectLabel(),
                first.width(), first.height());
    }

    private static List<Path> list(Path folder, String extension) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            // the toolkit takes np.sort(glob(...)): plain string order
            return files.filter(p -> p.getFileName().toString().endsWith(extension))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new InvalidInputException(folder, "cannot list folder (" + e.getMessage() + ")", e);
        }
    }

    private static FrameOutcome scoreFrame(SequenceInput sequence, int frame) {
        Path gtFile = sequence.gtFrames().get(frame);
        Path resultFile = sequence.resultFolder().resolve(sequence.frameNames().get(frame) + ".png");
        try {
            if (!Files.isRegularFile(resultFile)) {
                throw new InvalidInputException(resultFile, "result frame missing: sequence '" + sequence.name()
                        + "' needs a mask for every ground-truth frame but the first and last");
            }
            LabelMask gt = MaskIO.read(gtFile);
            if (gt.width() != sequence.width() || gt.height() != sequence.height()) {
                throw new InvalidInputException(gtFile, "ground-truth frame is " + gt.size()
                        + " but the sequence's first frame is " + sequence.width() + "x" + sequence.height());
            }
            LabelMask result = MaskIO.read(resultFile);
            if (result.width() != gt.width() || result.height() != gt.height()) {
                throw new InvalidInputException(resultFile,
                        "result mask is " + result.size() + " but the ground truth is " + gt.size());
            }
            FrameScorer.Scores scores = SCORERS.get().score(gt.labels(), result.labels(), gt.width(), gt.height(),
                    sequence.objects());
            return new FrameOutcome(new FrameScores(scores.jaccard(), scores.boundaryF()), scores.maxResultLabel(),
                    null);
        } catch (IOException e) {
            return new FrameOutcome(null, 0, e);
        }
    }

    private static void checkObjectCount(SequenceInput sequence, List<FrameOutcome> frames)
            throws InvalidInputException {
        for (int i = 0; i < frames.size(); i++) {
            int label = frames.get(i).maxResultLabel();
            if (label > sequence.objects()) {
                Path file = sequence.resultFolder().resolve(sequence.frameNames().get(i + 1) + ".png");
                throw new InvalidInputException(file, "result has object label " + label + " but sequence '"
                        + sequence.name() + "' has only " + sequence.objects()
                        + " objects in its first ground-truth frame" + (label == LabelMask.VOID
                                ? " (255 marks void in ground truth; results may not use it)"
                                : ""));
            }
        }
    }

    /**
     * Writes the toolkit's {@code global_results-<set>.csv} and {@code per-sequence_results-<set>.csv},
     * each atomically.
     *
     * @param result the evaluation
     * @param outputDir where to write them
     * @param set the split name used in the file names
     * @throws IOException when writing fails
     */
    public static void writeCsv(EvaluationResult result, Path outputDir, String set) throws IOException {
        String global = globalCsv(result);
        String perSequence = perSequenceCsv(result);
        AtomicFiles.writeString(outputDir.resolve(globalCsvName(set)), global);
        AtomicFiles.writeString(outputDir.resolve(perSequenceCsvName(set)), perSequence);
    }

    /**
     * @param set the split
     * @return the toolkit's global results file name
     */
    public static String globalCsvName(String set) {
        return "global_results-" + set + ".csv";
    }

    /**
     * @param set the split
     * @return the toolkit's per-sequence results file name
     */
    public static String perSequenceCsvName(String set) {
        return "per-sequence_results-" + set + ".csv";
    }

    /**
     * @param result the evaluation
     * @return the content of {@code global_results-<set>.csv} (pandas {@code to_csv}, {@code %.3f})
     */
    public static String globalCsv(EvaluationResult result) {
        StringBuilder csv = new StringBuilder(CSV_HEADER_GLOBAL).append('\n');
        double[] values = result.global().toArray();
        for (int i = 0; i < values.length; i++) {
            csv.append(i > 0 ? "," : "").append(csvNumber(values[i]));
        }
        return csv.append('\n').toString();
    }

    /**
     * @param result the evaluation
     * @return the content of {@code per-sequence_results-<set>.csv}: one {@code <seq>_<k>} row per object
     */
    public static String perSequenceCsv(EvaluationResult result) {
        StringBuilder csv = new StringBuilder("Sequence,J-Mean,F-Mean\n");
        for (ObjectResult object : result.objects()) {
            csv.append(object.name()).append(',').append(csvNumber(object.j().mean())).append(',')
                    .append(csvNumber(object.f().mean())).append('\n');
        }
        return csv.toString();
    }

    private static String csvNumber(double value) {
        // pandas writes NaN as an empty field
        return Double.isNaN(value) ? "" : PandasFormat.fixed(value, 3);
    }

    /**
     * The tables {@code evaluation_method.py} prints, in its layout.
     *
     * @param result the evaluation
     * @return the global and per-sequence tables with their titles, ending with a newline
     */
    public static String formatTables(EvaluationResult result) {
        double[] global = result.global().toArray();
        List<List<String>> globalColumns = new ArrayList<>();
        for (double value : global) {
            globalColumns.add(PandasFormat.floatColumn(new double[] {value}));
        }
        List<ObjectResult> objects = result.objects();
        List<List<String>> sequenceColumns = List.of(objects.stream().map(ObjectResult::name).toList(),
                PandasFormat.floatColumn(objects.stream().mapToDouble(o -> o.j().mean()).toArray()),
                PandasFormat.floatColumn(objects.stream().mapToDouble(o -> o.f().mean()).toArray()));
        return "--------------------------- Global results for " + result.set() + " ---------------------------\n"
                + PandasFormat.table(GLOBAL_COLUMNS, List.of(true, true, true, true, true, true, true), globalColumns)
                + "\n\n---------- Per sequence results for " + result.set() + " ----------\n"
                + PandasFormat.table(List.of("Sequence", "J-Mean", "F-Mean"), List.of(false, true, true),
                        sequenceColumns)
                + "\n";
    }
}
