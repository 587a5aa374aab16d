package org.vosbench.cli.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import org.vosbench.dataset.Dataset;
import org.vosbench.dataset.DatasetFormatRegistry;
import org.vosbench.dataset.DatasetOptions;
import org.vosbench.dataset.layout.FolderLayout;
import org.vosbench.dataset.layout.FolderReader;
import org.vosbench.eval.DatasetEvaluator;
import org.vosbench.eval.EvaluationFiles;
import org.vosbench.eval.EvaluationRecorder;
import org.vosbench.eval.EvaluationResult;
import org.vosbench.model.Evaluation;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code vosbench evaluate}: DAVIS semi-supervised evaluation, as davis2017-evaluation. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Scores a result folder against DAVIS ground truth (J, F, J&F).",
                "Exactly as the official davis2017-evaluation toolkit: first and last frames excluded,",
                "the same CSV files (global_results-<set>.csv, per-sequence_results-<set>.csv).",
                "--gt scores any <gt>/<sequence>/<frame>.png folder as vos-benchmark does: object ids need not",
                "be contiguous, each object is scored from the frame it first appears on, the ground truth",
                "may be sparse (only its frames are scored); the same J and F as --davis.",
                "--youtubevos scores a split with ground truth (train, or a held-out part): J and F over objects",
                "of seen (training-video) and unseen categories and G, each object from the frame after it",
                "first appears; youtubevos_results-<split>.csv beside the DAVIS-style CSVs."})
final class EvaluateCommand implements Callable<Integer> {

    @ParentCommand
    Vosbench root;

    @Option(names = "--davis", paramLabel = "<root>",
            description = "DAVIS folder with JPEGImages/ and Annotations/<resolution>/, and ImageSets/<year>/.")
    Path davis;

    @Option(names = "--gt", paramLabel = "<dir>",
            description = "Ground-truth masks of any layout <dir>/<sequence>/<frame>.png (instead of --davis).")
    Path gt;

    @Option(names = "--youtubevos", paramLabel = "<root>",
            description = "YouTube-VOS folder with <split>/meta.json (and train/meta.json for seen categories).")
    Path youtubevos;

    @Option(names = "--split", paramLabel = "train|valid", description = "With --youtubevos: the split (default valid).")
    String split;

    @Option(names = "--all-frames", description = "With --gt: score the first and last frames too.")
    boolean allFrames;

    @Option(names = "--results", required = true, paramLabel = "<dir>",
            description = "Result folder: <dir>/<sequence>/<frame>.png.")
    Path results;

    @Option(names = "--set", defaultValue = "val", description = "Split to evaluate (default: ${DEFAULT-VALUE}).")
    String set;

    @Option(names = "--year", defaultValue = "2017", description = "ImageSets year (default: ${DEFAULT-VALUE}).")
    String year;

    @Option(names = "--resolution", defaultValue = EvaluationFiles.DEFAULT_RESOLUTION,
            description = "Annotations resolution folder (default: ${DEFAULT-VALUE}).")
    String resolution;

    @Option(names = "--output", paramLabel = "<dir>", description = "Where the CSV files go (default: the results folder).")
    Path output;

    @Option(names = "--project", paramLabel = "<file.vosbench>", description = "Record this evaluation in a workbench project.")
    Path project;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        ProjectRecorder.check(project);
        long start = System.nanoTime();
        if ((davis == null ? 0 : 1) + (gt == null ? 0 : 1) + (youtubevos == null ? 0 : 1) != 1) {
            throw new Vosbench.UsageException("give one of --davis <root>, --gt <dir> and --youtubevos <root>");
        }
        if (split != null && youtubevos == null) {
            throw new Vosbench.UsageException("--split applies to --youtubevos (DAVIS: --set)");
        }
        if (allFrames && gt == null) {
            throw new Vosbench.UsageException("--all-frames applies to --gt (DAVIS never scores the first and last frames)");
        }
        Path target = output != null ? output : results;
        if (java.nio.file.Files.exists(target) && !java.nio.file.Files.isDirectory(target)) {
            throw new org.vosbench.core.InvalidInputException(target, "is a file; "
                    + (output != null ? "--output" : "--results") + " needs a folder for the CSV files");
        }
        EvaluationResult result;
        if (youtubevos != null) {
            return youtubeVos(start);
        }
        if (gt != null) {
            // Every mask of <gt>/<sequence>/ is a frame with ground truth; results at <results>/<sequence>/<frame>.png.
            Dataset dataset = FolderReader.read(FolderLayout.builder("masks", gt, gt).masks(gt)
                    .description("Mask folders").build());
            result = DatasetEvaluator.evaluate(dataset, results, set, year, DatasetEvaluator.Strictness.STRICT,
                    DatasetEvaluator.ObjectRule.ANY_FRAME, !allFrames, new CliProgress("frames", quiet)).result();
        } else {
            DatasetOptions options = DatasetOptions.defaults().withSplit(set).withYear(year).withResolution(resolution);
            Dataset dataset = root.services.get(DatasetFormatRegistry.class).byId("davis")
                    .orElseThrow(() -> new IllegalStateException("the DAVIS dataset format is not installed"))
                    .open(davis, options);
            result = DatasetEvaluator.evaluate(dataset, results, set, year, DatasetEvaluator.Strictness.STRICT,
                    new CliProgress("frames", quiet)).result();
        }
        Path out = target;
        // the two CSV files are one result: two evaluations into one folder must not leave one file of each
        try (var lock = org.vosbench.core.OutputLock.acquire(out.resolve(EvaluationFiles.globalCsvName(set)),
                org.vosbench.core.RunOutput.newRunId(), "vosbench evaluate")) {
            EvaluationFiles.writeCsv(result, out, set);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        warnAboutMissingIds(result);
        System.out.print(EvaluationFiles.formatTables(result));
        System.out.println();
        System.out.printf("Evaluated %d sequences, %d frames in %s; CSV files in %s%n", result.sequences().size(),
                result.evaluatedFrames(), CliProgress.seconds(took), out.toAbsolutePath());
        ProjectRecorder.record(project, store -> toModel(result, store, out, took));
        return 0;
    }

    /**
     * The toolkit counts a sequence's objects as 1..the largest id of its first ground-truth frame, so ids
     * missing below it (1 and 7 given: 2-6) are scored as empty objects, J = F = 1 for every result. The
     * numbers stay the toolkit's; the user is told.
     */
    private void warnAboutMissingIds(EvaluationResult result) {
        if (davis == null) {
            return;
        }
        try {
            var data = root.services.get(org.vosbench.dataset.DatasetFormatRegistry.class).byId("davis").orElseThrow()
                    .open(davis, org.vosbench.dataset.DatasetOptions.defaults().withYear(year).withSplit(set)
                            .withResolution(resolution));
            for (var seq : result.sequences()) {
                var ref = data.sequence(seq.name()).orElse(null);
                if (ref == null || ref.groundTruth().isEmpty()) {
                    continue;
                }
                java.util.SortedSet<Integer> ids = org.vosbench.core.MaskIO.read(ref.groundTruth().get(ref.groundTruth().firstKey()))
                        .objectIds();
                if (!ids.isEmpty() && ids.last() > ids.size()) {
                    java.util.List<Integer> missing = new java.util.ArrayList<>();
                    for (int id = 1; id < ids.last(); id++) {
                        if (!ids.contains(id)) {
                            missing.add(id);
                        }
                    }
                    System.err.printf("vosbench: warning: sequence '%s' has object ids %s in its first ground-truth frame;"
                            + " as in the official toolkit, the missing ids %s are scored as objects (empty in ground truth"
                            + " and results: J = F = 1), which raises the means%n", seq.name(), ids, missing);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // the evaluation itself read these files: a warning that cannot be computed is left out
        }
    }

    private int youtubeVos(long start) throws Exception {
        String name = split != null ? split : "valid";
        DatasetFormatRegistry registry = root.services.get(DatasetFormatRegistry.class);
        var format = registry.byId("youtubevos")
                .orElseThrow(() -> new IllegalStateException("the YouTube-VOS dataset format is not installed"));
        Dataset dataset = format.open(youtubevos, DatasetOptions.defaults().withSplit(name));
        // seen = the categories of the training videos (the challenge's definition)
        Dataset train = name.equals("train") ? dataset : format.open(youtubevos, DatasetOptions.defaults().withSplit("train"));
        java.util.Set<String> seen = new java.util.HashSet<>();
        train.sequences().forEach(s -> seen.addAll(s.objectCategories().values()));
        EvaluationResult result = DatasetEvaluator.evaluate(dataset, results, name, "youtubevos",
                DatasetEvaluator.Strictness.STRICT, DatasetEvaluator.ObjectRule.AFTER_FIRST_APPEARANCE, false,
                new CliProgress("frames", quiet)).result();
        org.vosbench.eval.YouTubeVosScores scores = org.vosbench.eval.YouTubeVosScores.of(result,
                seq -> dataset.sequence(seq).orElseThrow().objectCategories(), seen);
        Path out = output != null ? output : results;
        EvaluationFiles.writeCsv(result, out, name);
        org.vosbench.core.AtomicFiles.writeString(out.resolve("youtubevos_results-" + name + ".csv"), scores.csv());
        System.out.print(scores.csv());
        System.out.printf("Evaluated %d videos, %d objects in %s; CSV files in %s%n", result.sequences().size(),
                scores.seenObjects() + scores.unseenObjects(),
                CliProgress.seconds(Duration.ofNanos(System.nanoTime() - start)), out.toAbsolutePath());
        return 0;
    }

    private Evaluation toModel(EvaluationResult result, org.vosbench.model.store.ProjectStore store, Path out,
            Duration took) {
        return EvaluationRecorder.record(store, new EvaluationRecorder.Details(results.getFileName() + " (" + set + " "
                + year + ")", null, null, results, davis != null ? davis : gt, out, took.toNanos() / 1e9), result);
    }
}
