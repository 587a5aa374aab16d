package org.vosbench.cli.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.vosbench.core.CancelledException;
import org.vosbench.core.InvalidInputException;
import org.vosbench.dataset.Dataset;
import org.vosbench.dataset.DatasetFormatRegistry;
import org.vosbench.dataset.SequenceRef;
import org.vosbench.engine.EngineDevice;
import org.vosbench.engine.PropagationService;
import org.vosbench.engine.SessionSettings;
import org.vosbench.model.Run;
import org.vosbench.model.RunKind;
import org.vosbench.model.RunStatus;
import org.vosbench.model.VosBenchFactory;
import org.vosbench.model.store.ProjectStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code vosbench propagate}: semi-supervised propagation of a dataset's given masks. */
@Command(name = "propagate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Propagates each sequence's given masks through its frames.",
                "STCN (with --weights) or another backbone; writes the DAVIS result layout <out>/<seq>/<frame>.png",
                "(YouTube-VOS: <out>/Annotations/<vid>/<frame>.png).",
                "A run owns its output: each sequence folder is locked for the run (another live run is refused),",
                "written beside and renamed into place when whole; a sequence that fails or is cancelled keeps its",
                "previous content. A folder that already holds results is refused unless --overwrite replaces it as a whole."})
final class PropagateCommand implements Callable<Integer> {

    @ParentCommand
    Vosbench root;

    @Option(names = "--dataset", required = true, paramLabel = "<root>", description = "Dataset folder (format detected, or --format).")
    Path dataset;

    @Mixin
    DatasetOptionsMixin datasetOptions;

    @Option(names = "--sequences", split = ",", paramLabel = "<a,b>", description = "Only these sequences (default: all of the split).")
    List<String> sequences;

    @Option(names = "--output", required = true, paramLabel = "<dir>", description = "Result folder.")
    Path output;

    @Mixin
    EngineOptions engine;

    @Option(names = "--save-probabilities", description = "Also write <out>/<seq>/<frame>.npy: float32 [K+1, H, W], background first, then one channel per object of the sequence in id order (zero before the object is given), as STCN's evaluation writes them.")
    boolean saveProbabilities;

    @Option(names = "--overwrite", description = "Replace sequence folders that already hold results, each as a whole"
            + " (no file of the earlier run is kept). Without it such a folder is refused before anything is written.")
    boolean overwrite;

    @Option(names = "--keep-going", description = "When a sequence fails (a bad frame or mask), leave it unwritten and go on"
            + " with the others; the run ends with a summary of what failed and exit code 1.")
    boolean keepGoing;

    @Option(names = "--project", paramLabel = "<file.vosbench>", description = "Record this run in a workbench project.")
    Path project;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        ProjectRecorder.check(project);
        PropagationService service = root.services.get(PropagationService.class);
        SessionSettings settings = engine.settings(service.registry());
        Dataset data = datasetOptions.open(root.services.get(DatasetFormatRegistry.class), dataset);
        List<SequenceRef> chosen = select(data, sequences);
        Instant started = Instant.now();
        PropagationRun.Outcome result;
        try {
            result = new PropagationRun(service, settings, saveProbabilities, overwrite, keepGoing).run(data, chosen,
                    output, new CliProgress("frames", quiet));
        } catch (CancelledException e) {
            recordRun(data, chosen, settings, started, null, RunStatus.CANCELLED, "cancelled");
            throw e;
        }
        PropagationRun.Outcome outcome = result;
        summary(System.out, settings, outcome.done().size(), outcome);
        if (!outcome.failures().isEmpty()) {
            System.err.printf("vosbench: %d of %d sequence(s) failed and were not written:%n", outcome.failures().size(),
                    chosen.size());
            for (PropagationRun.Failure f : outcome.failures()) {
                System.err.println("  " + f.sequence() + ": " + f.reason());
            }
        }
        String message = outcome.failures().isEmpty() ? null
                : outcome.failures().stream().map(f -> f.sequence() + ": " + f.reason())
                        .collect(java.util.stream.Collectors.joining("; ", "failed: ", ""));
        recordRun(data, chosen.stream().filter(s -> outcome.done().contains(s.name())).toList(), settings, started,
                outcome, outcome.failures().isEmpty() ? RunStatus.COMPLETED : RunStatus.FAILED, message);
        return outcome.failures().isEmpty() ? 0 : Vosbench.EXIT_FAILURE;
    }

    static List<SequenceRef> select(Dataset data, List<String> names) throws InvalidInputException {
        if (names == null || names.isEmpty()) {
            return data.sequences();
        }
        // a name given twice is propagated once
        return names.stream().distinct().map(n -> data.sequence(n).orElseThrow(() -> new Vosbench.UsageException(
                "no sequence '" + n + "' in " + data.description() + "; it has: " + preview(data)))).toList();
    }

    private static String preview(Dataset data) {
        List<String> names = data.sequences().stream().map(SequenceRef::name).toList();
        return names.size() <= 10 ? String.join(", ", names) : String.join(", ", names.subList(0, 10)) + ", ...";
    }

    static void summary(java.io.PrintStream out, SessionSettings settings, int sequenceCount, PropagationRun.Outcome o) {
        double compute = o.report().computeNanos() / 1e9;
        out.printf(Locale.ROOT, "Propagated %d frames of %d sequence(s) with %s (%s, top-k %d, mem-every %d, memory %s, %s).%n",
                o.report().frames(), sequenceCount, settings.backboneId(), settings.similarityId(), settings.topK(),
                settings.memEvery(), settings.memoryPolicyId(), settings.device().kind().name().toLowerCase(Locale.ROOT)
                        + " " + settings.device().precision());
        out.printf(Locale.ROOT, "Speed: %.2f frames/s amortised over all frames and objects, I/O excluded (%.3f s/frame); "
                + "wall time %.1f s including I/O.%n", o.report().framesPerSecond(),
                o.report().frames() == 0 ? 0 : compute / o.report().frames(), o.wallNanos() / 1e9);
        String allocator = PeakMemory.nativeAllocator();
        out.printf("Memory: %s%s.%n", o.memory(), allocator.isEmpty() ? "" : "; native allocator " + allocator
                + (allocator.startsWith("glibc") && settings.device().kind() == EngineDevice.Kind.CPU
                        ? " (libtcmalloc-minimal4 makes CPU runs about 1.2x faster; ./vosbench preloads it when installed)"
                        : ""));
        out.printf("Wrote %d mask files.%n", o.written());
    }

    private void recordRun(Dataset data, List<SequenceRef> chosen, SessionSettings settings, Instant started,
            PropagationRun.Outcome outcome, RunStatus status, String message) throws java.io.IOException {
        if (project == null) {
            return;
        }
        String sha = engine.weights == null ? null : ProjectStore.sha256(engine.weights);
        ProjectRecorder.record(project, store -> {
            Run run = describeRun(store, data, chosen, settings, engine.weights, sha, output);
            run.setStartedAt(started);
            run.setFinishedAt(Instant.now());
            run.setStatus(status);
            run.setMessage(message);
            if (outcome != null) {
                run.getParameters().put("outputRunId", outcome.runId());
                run.setFrames(outcome.report().frames());
                run.setFramesPerSecond(outcome.report().framesPerSecond());
                run.setPeakMemoryBytes(outcome.memory().residentBytes());
            }
            store.addRun(run);
        });
    }

    /** A project run holding what was propagated with which settings (the same for batch runs). */
    static Run describeRun(ProjectStore store, Dataset data, List<SequenceRef> chosen, SessionSettings settings,
            Path weights, String weightsSha256, Path output) {
        Run run = VosBenchFactory.eINSTANCE.createRun();
        org.vosbench.model.Dataset d = store.ensureDataset(data.root().toAbsolutePath(), data.formatId());
        run.setName(settings.backboneId() + " on " + d.getName());
        run.setKind(RunKind.PROPAGATE);
        run.setDataset(d);
        for (SequenceRef s : chosen) {
            run.getSequences().add(ProjectStore.ensureSequence(d, s.name()));
        }
        run.setEngine("DJL 0.35.1 / PyTorch 2.7.1");
        run.setBackboneId(settings.backboneId());
        if (weights != null) {
            run.setWeightsPath(store.toStoredPath(weights.toAbsolutePath()));
            run.setWeightsSha256(weightsSha256);
        }
        run.setSimilarityId(settings.similarityId());
        run.setTopK(settings.topK());
        run.setMemEvery(settings.memEvery());
        run.setIncludeLast(settings.includeLast());
        run.setMemoryPolicy(settings.memoryPolicyId());
        run.setMaxMemoryFrames(settings.memoryPolicyId().equals("bounded") ? settings.maxMemoryFrames() : 0);
        run.setDevice(settings.device().kind().name().toLowerCase(Locale.ROOT));
        run.setAmp(settings.device().amp());
        run.getParameters().put("precision", settings.device().precision().id());
        run.setOutputPath(store.toStoredPath(output.toAbsolutePath()));
        return run;
    }
}
