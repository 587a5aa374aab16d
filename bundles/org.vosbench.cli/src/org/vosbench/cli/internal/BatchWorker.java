package org.vosbench.cli.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.osgi.framework.BundleContext;
import org.vosbench.core.InvalidInputException;
import org.vosbench.core.OutputExistsException;
import org.vosbench.core.RunOutput;
import org.vosbench.core.ProgressMonitor;
import org.vosbench.dataset.Dataset;
import org.vosbench.dataset.DatasetFormatRegistry;
import org.vosbench.dataset.SequenceRef;
import org.vosbench.engine.PropagationReport;
import org.vosbench.engine.PropagationService;
import org.vosbench.engine.Propagator;
import org.vosbench.engine.SessionSettings;
import org.vosbench.eval.DatasetEvaluator;
import org.vosbench.eval.EvaluationResult;
import org.vosbench.eval.ObjectResult;
import org.vosbench.eval.SequenceResult;
import org.vosbench.model.store.ProjectStore;

import picocli.CommandLine;

/**
 * The executors' half of {@code vosbench batch}: one task propagates one sequence with the same
 * code as {@code vosbench propagate} into an attempt folder, marks it and renames it into place
 * ({@link SequenceOwnership}), and with {@code --evaluate} scores it. The Spark launcher builds
 * one worker per JVM on the embedded framework and calls it from its task threads. Tasks and
 * results are string maps, so that nothing of this framework's classes crosses into Spark.
 * <p>
 * A sequence whose input is bad (a missing frame, a damaged mask, the weights missing on this
 * executor) comes back as {@code status=failed} with its reason, and the other sequences go on;
 * any other exception is thrown, so that Spark runs the task again.
 */
public final class BatchWorker implements Function<Map<String, String>, Map<String, String>>, AutoCloseable {

    /**
     * For tests of retries only: a file whose deletion by an attempt makes that attempt fail
     * half-way through its sequence, so exactly one attempt fails however many executors share it.
     */
    public static final String FAIL_ONCE_PROPERTY = "vosbench.batch.failOnce";

    /** Task key: this executor's SparkFiles folder (the files sent with the job), set by the Spark side. */
    public static final String SPARK_FILES = "sparkFiles";

    private final Services services;
    private final Map<String, Dataset> datasets = new ConcurrentHashMap<>();
    private final Map<Path, String> weightDigests = new ConcurrentHashMap<>();

    public BatchWorker(BundleContext context) {
        this.services = new Services(context);
        // the plugins the driver runs with: the Spark side points vosbench.plugins at the copies sent with the job
        PluginStartup.synchronize(services);
    }

    @Override
    public Map<String, String> apply(Map<String, String> task) {
        String sequence = task.get("sequence");
        Map<String, String> result = new HashMap<>();
        result.put("sequence", sequence);
        try {
            return run(task, result);
        } catch (InvalidInputException | Vosbench.UsageException e) {
            result.put("status", "failed");
            result.put("reason", Messages.describe(e) + " (on " + host() + ")");
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(sequence + ": " + Messages.describe(e), e);
        }
    }

    private Map<String, String> run(Map<String, String> task, Map<String, String> result) throws IOException {
        BatchCommand cmd = parse(task.get("args"));
        cmd.absolutize(Path.of(task.get("cwd")));
        useShippedWeights(cmd, task.get(SPARK_FILES));
        PropagationService service = services.get(PropagationService.class);
        SessionSettings settings = cmd.engine.settings(service.registry());
        String wantedSha = task.getOrDefault(SequenceOwnership.WEIGHTS_SHA256, "");
        if (cmd.engine.weights != null) {
            String sha = weightDigests.computeIfAbsent(cmd.engine.weights, p -> {
                try {
                    return ProjectStore.sha256(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            if (!sha.equals(wantedSha)) {
                throw new InvalidInputException(cmd.engine.weights, "the weights on this executor differ from the"
                        + " driver's (sha256 " + sha + ", driver " + wantedSha + ")");
            }
        }
        String datasetKey = task.get("args");
        Dataset data = datasets.get(datasetKey);
        if (data == null) {
            data = cmd.datasetOptions.open(services.get(DatasetFormatRegistry.class), cmd.dataset);
            datasets.put(datasetKey, data);
        }
        String name = task.get("sequence");
        Dataset dataset = data;
        SequenceRef s = data.sequence(name).orElseThrow(() -> new Vosbench.UsageException(
                "no sequence '" + name + "' in " + dataset.description()));
        SequenceOwnership.Marker marker = new SequenceOwnership.Marker(task.get(SequenceOwnership.SETTINGS), wantedSha);
        Path target = BatchCommand.sequenceDir(data, s, cmd.output);
        var existing = SequenceOwnership.read(target);
        if (existing.isPresent() && existing.get().sameRunAs(marker)) {
            result.put("status", "skipped");
        } else {
            if (existing.isPresent() && !cmd.overwrite) {
                throw new SequenceOwnership.OutputOwnedException(target, existing.get(), marker);
            }
            org.vosbench.dataset.SequenceCheck.forPropagation(s);
            try (RunOutput run = RunOutput.begin("vosbench batch (" + name + ")", cmd.overwrite)) {
                RunOutput.Folder folder;
                try {
                    folder = run.claim(target);
                } catch (OutputExistsException e) {
                    // another attempt of this run finished it since the check above
                    var now = SequenceOwnership.read(target);
                    if (now.isPresent() && now.get().sameRunAs(marker)) {
                        result.put("status", "skipped");
                        return finish(cmd, data, name, result);
                    }
                    throw now.isPresent() ? new SequenceOwnership.OutputOwnedException(target, now.get(), marker) : e;
                }
                int[] written = {0};
                PropagationReport report = new PropagationRun(service, settings, cmd.saveProbabilities, cmd.overwrite,
                        false).propagateSequence(new Propagator(service, settings), data, s, cmd.output, folder,
                                failOnce(s.length()), written);
                Properties extra = new Properties();
                extra.setProperty("sequence", name);
                extra.setProperty("frames", Integer.toString(report.frames()));
                extra.setProperty("masks", Integer.toString(written[0]));
                extra.setProperty("host", host());
                if (cmd.engine.weights != null) {
                    extra.setProperty("weights", cmd.engine.weights.toString()); // this executor's copy
                }
                SequenceOwnership.write(folder, marker, extra);
                folder.commit();
                result.put("status", "written");
                result.put("frames", Integer.toString(report.frames()));
                result.put("computeNanos", Long.toString(report.computeNanos()));
            }
        }
        return finish(cmd, data, name, result);
    }

    /**
     * The weights Spark sent with the job (--ship-weights, or spark-submit --files): this
     * executor's copy in its SparkFiles folder, when it was shipped or the driver's path does not
     * exist here. The SHA-256 check below still compares it with the driver's file.
     */
    private static void useShippedWeights(BatchCommand cmd, String sparkFiles) throws InvalidInputException {
        Path weights = cmd.engine.weights;
        if (weights == null || sparkFiles == null || sparkFiles.isEmpty()) {
            return;
        }
        Path copy = Path.of(sparkFiles).resolve(weights.getFileName().toString());
        if (Files.isRegularFile(copy) && (cmd.shipWeights || !Files.exists(weights))) {
            cmd.engine.weights = copy;
        } else if (cmd.shipWeights && !Files.isRegularFile(copy)) {
            throw new InvalidInputException(weights, "--ship-weights: Spark did not deliver the weights to this"
                    + " executor (no " + copy + ")");
        }
    }

    private Map<String, String> finish(BatchCommand cmd, Dataset data, String name, Map<String, String> result)
            throws IOException {
        if (cmd.evaluate) {
            score(cmd, data, name, result);
        }
        return result;
    }

    private void score(BatchCommand cmd, Dataset data, String name, Map<String, String> result) throws IOException {
        var options = cmd.datasetOptions.toOptions();
        SequenceRef only = data.sequence(name).orElseThrow();
        // the one evaluator, over a view of the dataset holding just this task's sequence
        Dataset one = new Dataset() {
            @Override
            public Path root() {
                return data.root();
            }

            @Override
            public String formatId() {
                return data.formatId();
            }

            @Override
            public String description() {
                return data.description() + " (sequence " + name + ")";
            }

            @Override
            public List<SequenceRef> sequences() {
                return List.of(only);
            }

            @Override
            public Path resultPath(Path outDir, SequenceRef sequence, String frameName) {
                return data.resultPath(outDir, sequence, frameName);
            }
        };
        EvaluationResult r = DatasetEvaluator.evaluate(one, cmd.output, options.split().orElse("val"),
                options.year().orElse("2017"), DatasetEvaluator.Strictness.STRICT, ProgressMonitor.NULL).result();
        SequenceResult seq = r.sequences().get(0);
        result.put("eval.objects", Integer.toString(seq.objects().size()));
        result.put("eval.frames", String.join(",", seq.frames()));
        for (ObjectResult o : seq.objects()) {
            result.put("eval.j." + o.objectId(), BatchCommand.join(o.jaccard()));
            result.put("eval.f." + o.objectId(), BatchCommand.join(o.boundaryF()));
        }
    }

    private BatchCommand parse(String args) {
        CommandLine cl = new CommandLine(new Vosbench(services));
        var parsed = cl.parseArgs(args.split(BatchCommand.ARG_SEPARATOR, -1));
        return (BatchCommand) parsed.subcommand().commandSpec().userObject();
    }

    /** The retry test's fault: one attempt in all fails after writing half of its sequence. */
    private static ProgressMonitor failOnce(int frames) {
        String file = System.getProperty(FAIL_ONCE_PROPERTY);
        if (file == null) {
            return ProgressMonitor.NULL;
        }
        AtomicInteger done = new AtomicInteger();
        return new ProgressMonitor() {
            @Override
            public void begin(String task, int totalWork) {
                // only the frame count matters
            }

            @Override
            public void subTask(String name) {
                // only the frame count matters
            }

            @Override
            public boolean isCanceled() {
                return false;
            }

            @Override
            public void done() {
                // only the frame count matters
            }

            @Override
            public void worked(int work) {
                if (done.addAndGet(work) == frames / 2) {
                    try {
                        if (Files.deleteIfExists(Path.of(file))) {
                            throw new IllegalStateException("injected failure half-way (" + FAIL_ONCE_PROPERTY + ")");
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        };
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName() + " (pid " + ProcessHandle.current().pid() + ")";
        } catch (IOException e) {
            return "pid " + ProcessHandle.current().pid();
        }
    }

    @Override
    public void close() {
        services.close();
    }
}
