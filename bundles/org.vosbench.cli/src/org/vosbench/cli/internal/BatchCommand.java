package org.vosbench.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.vosbench.core.InvalidInputException;
import org.vosbench.dataset.Dataset;
import org.vosbench.dataset.DatasetFormatRegistry;
import org.vosbench.dataset.SequenceRef;
import org.vosbench.engine.PropagationService;
import org.vosbench.engine.SessionSettings;
import org.vosbench.eval.EvaluationFiles;
import org.vosbench.eval.EvaluationResult;
import org.vosbench.eval.ObjectResult;
import org.vosbench.eval.SequenceResult;
import org.vosbench.eval.Statistics;
import org.vosbench.model.RunStatus;
import org.vosbench.model.store.ProjectStore;
import org.vosbench.model.store.RunRecorder;
import org.vosbench.plugins.Plugin;
import org.vosbench.plugins.PluginManager;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code vosbench batch}: propagation (and evaluation) of a whole dataset on Apache Spark. This
 * command is the driver's half: it checks the options with the same rules as {@code propagate},
 * lists the sequences through the dataset formats, refuses to mix settings in one result folder,
 * hands one task per sequence to the Spark side (the service registered under
 * {@code vosbench.cluster=spark} by the launcher that embeds this framework) and reduces what
 * the executors report. {@link BatchWorker} is the executors' half.
 */
@Command(name = "batch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Propagates (and with --evaluate scores) every sequence of a dataset on Apache Spark.",
                "One task per sequence; each executor starts the engine once. Each sequence folder is written",
                "beside, renamed when whole and marked with the run's settings: a rerun skips finished",
                "sequences and refuses to mix other settings (unless --overwrite).",
                "Start it with ./vosbench batch ... or spark-submit (see the README)."})
final class BatchCommand implements Callable<Integer> {

    /** The property of the cluster service the launcher registers. */
    static final String CLUSTER_FILTER = "(vosbench.cluster=spark)";
    /** Separates the arguments of a task (no option value holds it). */
    static final String ARG_SEPARATOR = "\u001f";

    @ParentCommand
    Vosbench root;

    @Spec
    CommandSpec spec;

    @Option(names = "--master", paramLabel = "<url>",
            description = "Spark master: local[N], spark://host:port, yarn, k8s://... (default: spark-submit's).")
    String master;

    @Option(names = "--dataset", required = true, paramLabel = "<root>", description = "Dataset folder (format detected, or --format).")
    Path dataset;

    @Mixin
    DatasetOptionsMixin datasetOptions;

    @Option(names = "--sequences", split = ",", paramLabel = "<a,b>", description = "Only these sequences (default: all of the split).")
    List<String> sequences;

    @Option(names = "--output", required = true, paramLabel = "<dir>",
            description = "Result folder on storage every executor reaches (a local or NFS path).")
    Path output;

    @Mixin
    EngineOptions engine;

    @Option(names = "--ship-weights",
            description = "Send the --weights file to the executors with the job (Spark's addFile, as spark-submit --files"
                    + " does) instead of reading it at the same path on every executor.")
    boolean shipWeights;

    @Option(names = "--save-probabilities", description = "Also write <out>/<seq>/<frame>.npy, as propagate does.")
    boolean saveProbabilities;

    @Option(names = "--evaluate", description = "Score each sequence on its executor (DAVIS J&F) and write the CSV files of 'vosbench evaluate' into the result folder.")
    boolean evaluate;

    @Option(names = "--partitions", paramLabel = "<n>", description = "Spark tasks (default: one per sequence; fewer groups short sequences).")
    Integer partitions;

    @Option(names = "--max-failures", defaultValue = "4", paramLabel = "<n>",
            description = "Attempts of a task before the job fails (spark.task.maxFailures; default: ${DEFAULT-VALUE}).")
    int maxFailures;

    @Option(names = "--conf", paramLabel = "<key=value>",
            description = "A Spark setting, e.g. spark.executor.memory=2g (repeatable).")
    Map<String, String> sparkConf;

    @Option(names = "--overwrite", description = "Replace sequences a run with other settings wrote.")
    boolean overwrite;

    @Option(names = "--project", paramLabel = "<file.vosbench>", description = "Record this run in a workbench project.")
    Path project;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() throws Exception {
        BiFunction<Map<String, String>, List<Map<String, String>>, List<Map<String, String>>> cluster = cluster()
                .orElseThrow(() -> new Vosbench.UsageException("'batch' runs on Apache Spark: start it with"
                        + " './vosbench batch --master local[2] ...' (the launcher starts the Spark driver) or with"
                        + " spark-submit and the vosbench-batch jar (see the README)"));
        if (master == null && System.getProperty("spark.master") == null) {
            throw new Vosbench.UsageException("--master <local[N]|spark://host:port|yarn|k8s://...> is required");
        }
        if (partitions != null && partitions < 1) {
            throw new Vosbench.UsageException("--partitions must be at least 1");
        }
        if (maxFailures < 1) {
            throw new Vosbench.UsageException("--max-failures must be at least 1");
        }
        Path cwd = Path.of(System.getProperty("user.dir"));
        absolutize(cwd);
        PropagationService service = root.services.get(PropagationService.class);
        SessionSettings settings = engine.settings(service.registry());
        Dataset data = datasetOptions.open(root.services.get(DatasetFormatRegistry.class), dataset);
        if (evaluate && !data.formatId().equals("davis")) {
            throw new Vosbench.UsageException("--evaluate scores DAVIS ground truth; " + data.description()
                    + " is read as '" + data.formatId() + "'");
        }
        List<SequenceRef> chosen = PropagateCommand.select(data, sequences);
        if (chosen.isEmpty()) {
            throw new InvalidInputException(dataset, "the dataset has no sequences (" + data.description() + ")");
        }
        String sha = engine.weights == null ? "" : ProjectStore.sha256(engine.weights);
        SequenceOwnership.Marker marker = new SequenceOwnership.Marker(settingsKey(settings, data), sha);
        checkOutput(data, chosen, marker);

        List<Map<String, String>> tasks = new ArrayList<>();
        String args = String.join(ARG_SEPARATOR, spec.commandLine().getParseResult().originalArgs());
        int totalFrames = 0;
        for (SequenceRef s : chosen) {
            Map<String, String> task = new HashMap<>();
            task.put("args", args);
            task.put("cwd", cwd.toString());
            task.put("sequence", s.name());
            task.put("frames", Integer.toString(s.length()));
            // where the sequence lands, relative to --output (a remote output is checked and renamed by the Spark side)
            task.put("sequenceDir", output.relativize(sequenceDir(data, s, output)).toString());
            task.put(SequenceOwnership.SETTINGS, marker.settings());
            task.put(SequenceOwnership.WEIGHTS_SHA256, sha);
            tasks.add(task);
            totalFrames += s.length();
        }
        Map<String, String> job = new HashMap<>();
        if (master != null) {
            job.put("master", master);
        }
        job.put("partitions", Integer.toString(partitions == null ? tasks.size() : partitions));
        job.put("maxFailures", Integer.toString(maxFailures));
        job.put("appName", "VOS Bench batch: " + settings.backboneId() + " on " + data.description());
        job.put("totalFrames", Integer.toString(totalFrames));
        job.put("quiet", Boolean.toString(quiet));
        if (sparkConf != null) {
            sparkConf.forEach((k, v) -> job.put("conf." + k, v));
        }
        shipWithJob(job);

        Instant started = Instant.now();
        long start = System.nanoTime();
        List<Map<String, String>> results;
        try {
            results = cluster.apply(job, tasks);
        } catch (RuntimeException e) {
            record(data, chosen, settings, sha, started, 0, 0, RunStatus.FAILED, Messages.describe(e));
            throw e;
        }
        return reduce(data, chosen, settings, sha, started, System.nanoTime() - start, results);
    }

    /**
     * The files Spark sends to every executor with the job ({@code SparkContext.addFile}): the
     * plugins this driver runs with, which each executor installs from its copy at start (so a
     * worker with another plugin folder, or none, sees the same contributions), and with
     * --ship-weights the weights file.
     */
    private void shipWithJob(Map<String, String> job) {
        List<String> files = new ArrayList<>();
        List<String> plugins = new ArrayList<>();
        for (Plugin p : root.services.get(PluginManager.class).list()) {
            if (p.ok()) {
                files.add(p.file().toString());
                plugins.add(p.file().getFileName().toString());
            }
        }
        if (shipWeights) {
            if (engine.weights == null) {
                throw new Vosbench.UsageException("--ship-weights needs --weights <file>");
            }
            files.add(engine.weights.toString());
        }
        job.put("files", String.join(ARG_SEPARATOR, files));
        job.put("plugins", String.join(ARG_SEPARATOR, plugins));
    }

    private Optional<BiFunction<Map<String, String>, List<Map<String, String>>, List<Map<String, String>>>> cluster()
            throws InvalidSyntaxException {
        var context = org.osgi.framework.FrameworkUtil.getBundle(BatchCommand.class).getBundleContext();
        @SuppressWarnings("rawtypes")
        var refs = context.getServiceReferences(BiFunction.class, CLUSTER_FILTER);
        if (refs.isEmpty()) {
            return Optional.empty();
        }
        @SuppressWarnings({"rawtypes", "unchecked"})
        ServiceReference<BiFunction> ref = refs.iterator().next();
        @SuppressWarnings("unchecked")
        BiFunction<Map<String, String>, List<Map<String, String>>, List<Map<String, String>>> f = context.getService(ref);
        return Optional.ofNullable(f);
    }

    /** Makes every path absolute against the driver's working folder: executors run elsewhere. */
    void absolutize(Path cwd) {
        dataset = cwd.resolve(dataset).normalize();
        output = cwd.resolve(output).normalize();
        if (engine.weights != null) {
            engine.weights = cwd.resolve(engine.weights).normalize();
        }
        if (datasetOptions.masks != null) {
            datasetOptions.masks = cwd.resolve(datasetOptions.masks).normalize();
        }
        if (project != null) {
            project = cwd.resolve(project).normalize();
        }
    }

    /** What makes two runs' outputs the same: every setting that changes a mask file. */
    String settingsKey(SessionSettings s, Dataset data) {
        var o = datasetOptions.toOptions();
        return String.format(Locale.ROOT, "backbone=%s similarity=%s top-k=%d mem-every=%d include-last=%b memory=%s%s"
                + " device=%s amp=%b format=%s%s%s%s all-frames=%b probabilities=%b",
                s.backboneId(), s.similarityId(), s.topK(), s.memEvery(), s.includeLast(), s.memoryKind(),
                s.memoryKind() == org.vosbench.engine.MemoryPolicy.Kind.BOUNDED ? " max-memory-frames=" + s.maxMemoryFrames() : "",
                s.device().kind().name().toLowerCase(Locale.ROOT), s.device().amp(), data.formatId(),
                o.split().map(v -> " split=" + v).orElse(""), o.year().map(v -> " year=" + v).orElse(""),
                o.resolution().map(v -> " resolution=" + v).orElse(""), datasetOptions.allFrames, saveProbabilities);
    }

    /** Refuses, before anything is written, a result folder holding another run's sequences. */
    private void checkOutput(Dataset data, List<SequenceRef> chosen, SequenceOwnership.Marker marker) throws IOException {
        try {
            Files.createDirectories(output);
            Path probe = Files.createTempFile(output, ".vosbench-probe", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new InvalidInputException(output, "the result folder cannot be written (" + Messages.describe(e) + ")", e);
        }
        if (overwrite) {
            return;
        }
        for (SequenceRef s : chosen) {
            Path dir = sequenceDir(data, s, output);
            Optional<SequenceOwnership.Marker> existing = SequenceOwnership.read(dir);
            if (existing.isPresent() && !existing.get().sameRunAs(marker)) {
                throw new SequenceOwnership.OutputOwnedException(dir, existing.get(), marker);
            }
        }
    }

    static Path sequenceDir(Dataset data, SequenceRef s, Path out) {
        return data.resultPath(out, s, s.frame(0).name()).getParent();
    }

    private int reduce(Dataset data, List<SequenceRef> chosen, SessionSettings settings, String sha, Instant started,
            long wallNanos, List<Map<String, String>> results) throws IOException {
        Map<String, Map<String, String>> bySequence = new LinkedHashMap<>();
        for (Map<String, String> r : results) {
            bySequence.put(r.get("sequence"), r);
        }
        int written = 0;
        int skipped = 0;
        long frames = 0;
        long computeNanos = 0;
        List<String> failures = new ArrayList<>();
        List<SequenceResult> scored = new ArrayList<>();
        for (SequenceRef s : chosen) {
            Map<String, String> r = bySequence.get(s.name());
            if (r == null) {
                failures.add(s.name() + ": no result came back");
                continue;
            }
            switch (r.get("status")) {
                case "written" -> {
                    written++;
                    frames += Long.parseLong(r.get("frames"));
                    computeNanos += Long.parseLong(r.get("computeNanos"));
                }
                case "skipped" -> skipped++;
                default -> failures.add(s.name() + ": " + r.get("reason"));
            }
            if (evaluate && r.containsKey("eval.objects")) {
                scored.add(sequenceResult(s.name(), r));
            }
        }
        System.out.printf(Locale.ROOT, "Batch: %d sequence(s) propagated, %d already complete (skipped), %d failed; "
                + "%d frames in %.1f s wall time (%.2f frames/s over the cluster, %.2f frames/s per task, I/O excluded).%n",
                written, skipped, failures.size(), frames, wallNanos / 1e9, frames / (wallNanos / 1e9),
                computeNanos == 0 ? 0 : frames / (computeNanos / 1e9));
        for (String f : failures) {
            System.out.println("failed: " + f);
        }
        if (evaluate && !scored.isEmpty()) {
            EvaluationResult result = new EvaluationResult(
                    datasetOptions.toOptions().split().orElse("val"), datasetOptions.toOptions().year().orElse("2017"),
                    scored);
            EvaluationFiles.writeCsv(result, output, result.set());
            System.out.print(EvaluationFiles.formatTables(result));
            System.out.println();
            System.out.printf("Evaluated %d sequences; CSV files in %s%n", scored.size(), output);
        }
        executors(results);
        System.out.println("Results in " + output);
        record(data, chosen, settings, sha, started, frames, computeNanos == 0 ? 0 : frames / (computeNanos / 1e9),
                failures.isEmpty() ? RunStatus.COMPLETED : RunStatus.FAILED,
                String.format(Locale.ROOT, "batch on %s: %d propagated, %d skipped, %d failed",
                        master != null ? master : System.getProperty("spark.master"), written, skipped, failures.size()));
        return failures.isEmpty() ? 0 : Vosbench.EXIT_FAILURE;
    }

    /** Per executor JVM: sequences, the engine's start-up and how much longer its first sequence took. */
    private static void executors(List<Map<String, String>> results) {
        Map<String, List<Map<String, String>>> byJvm = new java.util.TreeMap<>();
        for (Map<String, String> r : results) {
            if (r.containsKey("jvm")) {
                byJvm.computeIfAbsent(r.get("jvm"), k -> new ArrayList<>()).add(r);
            }
        }
        for (var e : byJvm.entrySet()) {
            List<Map<String, String>> rs = e.getValue();
            Map<String, String> first = rs.stream().filter(r -> "true".equals(r.get("firstInJvm"))).findFirst()
                    .orElse(null);
            double[] seconds = rs.stream().filter(r -> r != first && "written".equals(r.get("status")))
                    .mapToDouble(r -> Long.parseLong(r.get("taskNanos")) / 1e9).sorted().toArray();
            double median = seconds.length == 0 ? Double.NaN : seconds[seconds.length / 2];
            System.out.printf(Locale.ROOT, "Executor %s: %d sequence(s); framework and bundles started in %.2f s%s.%n",
                    e.getKey(), rs.size(), Long.parseLong(rs.get(0).get("frameworkStartNanos")) / 1e9,
                    first == null ? "" : String.format(Locale.ROOT, "; first sequence %.2f s (with the engine's first use)%s",
                            Long.parseLong(first.get("taskNanos")) / 1e9, seconds.length == 0 ? ""
                                    : String.format(Locale.ROOT, ", median of the others %.2f s", median)));
        }
    }

    /** Rebuilds an executor's scores: the statistics come from the per-frame values, as the toolkit's. */
    static SequenceResult sequenceResult(String name, Map<String, String> r) {
        int objects = Integer.parseInt(r.get("eval.objects"));
        String frameList = r.get("eval.frames");
        List<String> frames = frameList.isEmpty() ? List.of() : List.of(frameList.split(","));
        List<ObjectResult> rows = new ArrayList<>();
        for (int k = 1; k <= objects; k++) {
            double[] j = doubles(r.get("eval.j." + k));
            double[] f = doubles(r.get("eval.f." + k));
            rows.add(new ObjectResult(name, k, j, f, Statistics.of(j), Statistics.of(f)));
        }
        return new SequenceResult(name, frames, rows);
    }

    static String join(double[] values) {
        StringBuilder b = new StringBuilder();
        for (double v : values) {
            if (!b.isEmpty()) {
                b.append(',');
            }
            b.append(Double.toString(v));
        }
        return b.toString();
    }

    private static double[] doubles(String text) {
        if (text == null || text.isEmpty()) {
            return new double[0];
        }
        String[] parts = text.split(",");
        double[] values = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Double.parseDouble(parts[i]);
        }
        return values;
    }

    private void record(Dataset data, List<SequenceRef> chosen, SessionSettings settings, String sha, Instant started,
            long frames, double framesPerSecond, RunStatus status, String message) throws IOException {
        String engineDescription = root.services.get(PropagationService.class).describeEngine();
        ProjectRecorder.record(project, store -> PropagateCommand.recordRun(store, data, chosen, settings,
                engineDescription, "batch: ", output, new RunRecorder.Outcome(started, Instant.now(), status, message,
                        (int) frames, framesPerSecond, 0), java.util.Map.of()));
    }
}
