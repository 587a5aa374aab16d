package org.vosbench.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.vosbench.dataset.DatasetFormatRegistry;
import org.vosbench.engine.EngineDevice;
import org.vosbench.engine.NdRuntime;
import org.vosbench.engine.Precision;
import org.vosbench.model.Run;
import org.vosbench.model.store.ProjectStore;
import org.vosbench.train.Replay;
import org.vosbench.train.Stage;
import org.vosbench.train.Trainer;
import org.vosbench.train.TrainingListener;
import org.vosbench.train.TrainingOptions;
import org.vosbench.train.data.DatasetSpec;
import org.vosbench.train.data.SampleSource;
import org.vosbench.train.data.TrainingData;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code vosbench train}: STCN's official training on DJL's autograd and the engine's own network
 * ({@link Trainer}), the official stages and the fine-tuning of a project's reviewed sequences;
 * and {@code --replay}, recorded official steps for parity.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains STCN as the official train.py does (DJL autograd, the engine's own network).",
                "  vosbench train --stage 0|1|2|3|finetune --output <dir> [--weights init.pth] [--dataset <root> [--format id]]...",
                "Writes <dir>/weights.pth (official state_dict layout), <dir>/checkpoint.pth (official save_checkpoint",
                "layout: it, network, optimizer, scheduler; resumable with --resume and by train.py --load_model) and",
                "<dir>/losses.csv, every --save-every iterations, at the end and on Ctrl+C.",
                "  vosbench train --stage finetune --project p.vosbench --output <dir> [--weights w.pth]",
                "trains on the project's Reviewed and Approved sequences, from --weights or the project's last STCN weights.",
                "  vosbench train --replay <dir> --weights <w.pth> --precision fp64 --report <out.json>",
                "runs the recorded steps of <dir>/plan.json and reports them in the stcn-train fixture's schema."})
final class TrainCommand implements Callable<Integer> {

    @ParentCommand
    Vosbench root;

    @Option(names = "--stage", paramLabel = "<0|1|2|3|finetune>",
            description = "Training stage: 0 static images (single object), 1 BL30K, 2 main after BL30K (300K), "
                    + "3 main after static (150K), finetune a project's reviewed sequences.")
    String stage;

    @Option(names = "--output", paramLabel = "<dir>", description = "Folder of weights.pth, checkpoint.pth and losses.csv.")
    Path output;

    @Option(names = "--weights", paramLabel = "<w.pth>",
            description = "The starting state_dict (torch.save zip; the official stcn.pth layout).")
    Path weights;

    /** One {@code --dataset <root> [--format id]}. */
    static final class DatasetArgument {
        @Option(names = "--dataset", required = true, paramLabel = "<root>", description = "A dataset folder (repeatable).")
        Path root;

        @Option(names = "--format", paramLabel = "<id>",
                description = "Its format: davis, youtubevos, bl30k, folder, static, or a plugin's (default: detected).")
        String format;
    }

    @ArgGroup(exclusive = false, multiplicity = "0..*")
    List<DatasetArgument> datasets = new ArrayList<>();

    @Option(names = "--project", paramLabel = "<p.vosbench>", description = "finetune: the project whose Reviewed and Approved sequences are trained on.")
    Path project;

    @Option(names = "--iterations", paramLabel = "<n>", description = "Iterations (default: the stage's, e.g. 150000 for stage 3, 1000 for finetune).")
    Integer iterations;

    @Option(names = "--batch-size", paramLabel = "<b>", description = "Samples per iteration (default: the stage's: 8 for stage 0, else 4).")
    Integer batchSize;

    @Option(names = "--lr", paramLabel = "<lr>", description = "Initial learning rate (default: the stage's, 1e-5).")
    Double lr;

    @Option(names = "--steps", paramLabel = "<it>", split = ",", arity = "1..*",
            description = "MultiStepLR milestones, x0.1 each (default: the stage's, e.g. 125000 for stage 3).")
    List<Integer> steps;

    @Option(names = "--size", defaultValue = "384", paramLabel = "<px>", description = "Crop side (default: ${DEFAULT-VALUE}, the official).")
    int size;

    @Option(names = "--device", defaultValue = "cpu", paramLabel = "<cpu|gpu>", description = "Device (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--precision", paramLabel = "<fp32|fp64|bf16>",
            description = "Arithmetic: fp32 (default for training), fp64 (the default of --replay: reproduces the official "
                    + "float64 steps); bf16 cannot train through DJL and is refused.")
    String precision;

    @Option(names = "--amp", description = "Mixed precision (the official default on GPU; GPU only).")
    boolean amp;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "<n>", description = "CPU threads (0: all cores).")
    int threads;

    @Option(names = "--resume", paramLabel = "<checkpoint>",
            description = "Continue a checkpoint (ours or the official code's model.save_checkpoint).")
    Path resume;

    @Option(names = "--seed", paramLabel = "<s>", description = "Data seed (default: the official 14159265; a resumed run keeps its own).")
    Long seed;

    @Option(names = "--save-every", defaultValue = "1000", paramLabel = "<n>", description = "Write the checkpoint every n iterations (default: ${DEFAULT-VALUE}).")
    int saveEvery;

    @Option(names = "--replay", paramLabel = "<dir>",
            description = "Parity: folder with plan.json and the steps' batches (as ../shared/fixtures/stcn-train).")
    Path replay;

    @Option(names = "--report", paramLabel = "<out.json>", description = "--replay: the JSON report, written atomically.")
    Path report;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (replay != null) {
            return replay();
        }
        if (stage == null || output == null) {
            throw new Vosbench.UsageException("train needs --stage and --output (or --replay <dir> for parity)");
        }
        Stage chosen;
        try {
            chosen = Stage.parse(stage);
        } catch (IllegalArgumentException e) {
            throw new Vosbench.UsageException("--stage " + e.getMessage().replace("unknown stage ", ""));
        }
        Precision arithmetic = parsePrecision(precision == null ? "fp32" : precision);
        EngineDevice.Kind kind;
        try {
            kind = EngineDevice.parseKind(device);
        } catch (IllegalArgumentException e) {
            throw new Vosbench.UsageException("--device " + device + ": expected cpu or gpu");
        }
        if (resume != null && !Files.isRegularFile(resume)) {
            throw new Vosbench.UsageException("--resume " + resume + ": no such file");
        }
        if (weights != null && !Files.isRegularFile(weights)) {
            throw new Vosbench.UsageException("--weights " + weights + ": no such file");
        }
        DatasetFormatRegistry registry = root.services.get(DatasetFormatRegistry.class);
        SampleSource source;
        Path start = weights;
        if (chosen == Stage.FINETUNE) {
            if (project == null) {
                throw new Vosbench.UsageException("--stage finetune needs --project <p.vosbench>");
            }
            if (!datasets.isEmpty()) {
                throw new Vosbench.UsageException("--stage finetune trains on --project's sequences, not on --dataset");
            }
            if (!Files.isRegularFile(project)) {
                throw new Vosbench.UsageException("--project " + project + ": no such file");
            }
            if (start == null && resume == null) {
                start = projectWeights(project).orElseThrow(() -> new Vosbench.UsageException("--project " + project
                        + ": no STCN run with a weights file in the project; give --weights <w.pth>"));
            }
            source = TrainingData.project(registry, project, size);
        } else {
            if (project != null) {
                throw new Vosbench.UsageException("--project is for --stage finetune; stage " + chosen.id()
                        + " trains on --dataset folders");
            }
            if (datasets.isEmpty()) {
                throw new Vosbench.UsageException("--stage " + chosen.id() + " needs at least one --dataset <root>");
            }
            if (start == null && resume == null) {
                throw new Vosbench.UsageException("--stage " + chosen.id() + " needs --weights <init.pth> (or --resume): "
                        + "the official ImageNet initialisation is not bundled");
            }
            List<DatasetSpec> specs = new ArrayList<>();
            for (DatasetArgument d : datasets) {
                if (!Files.isDirectory(d.root)) {
                    throw new Vosbench.UsageException("--dataset " + d.root + ": no such folder");
                }
                DatasetSpec spec = DatasetSpec.of(d.root);
                specs.add(d.format == null ? spec : spec.withFormat(d.format));
            }
            source = TrainingData.open(registry, specs, size, chosen);
        }
        TrainingOptions options;
        try {
            options = new TrainingOptions(chosen, iterations != null ? iterations : chosen.iterations(),
                    batchSize != null ? batchSize : chosen.batchSize(), lr != null ? lr : chosen.lr(),
                    steps != null ? steps : chosen.steps(), 0.1, kind, arithmetic, amp, threads,
                    seed != null ? seed : TrainingOptions.OFFICIAL_SEED, saveEvery, output, start, resume);
        } catch (IllegalArgumentException e) {
            throw new Vosbench.UsageException(e.getMessage());
        }
        NdRuntime runtime = root.services.get(NdRuntime.class);
        Cancellation.allowSeconds(300); // the iteration in progress finishes, then the checkpoint is written
        System.out.println("Training STCN stage " + chosen.id() + " on " + source.describe() + " from "
                + (resume != null ? resume : start) + " (" + arithmetic + ", " + kind.name().toLowerCase(Locale.ROOT)
                + ", batch " + options.batchSize() + ", " + options.iterations() + " iterations)");
        long began = System.nanoTime();
        Trainer.Result result;
        try {
            result = new Trainer(runtime).train(options, source, new TrainingListener() {
                @Override
                public void saved(int completed, Path w, Path c) {
                    if (quiet) {
                        System.out.println("saved " + c + " at iteration " + completed);
                    }
                }
            }, new CliProgress("it", quiet, true));
        } catch (IllegalArgumentException e) {
            throw new Vosbench.UsageException(e.getMessage());
        }
        System.out.printf(Locale.ROOT, "Trained %d iterations in %.1f s (last loss %.5f); weights: %s; checkpoint: %s; losses: %s%n",
                result.completed(), (System.nanoTime() - began) / 1e9, result.lastLoss(), result.weights(),
                result.checkpoint(), result.losses());
        return 0;
    }

    /** @return the weights of the project's latest STCN run whose file still exists */
    static Optional<Path> projectWeights(Path projectFile) throws IOException {
        ProjectStore store = ProjectStore.load(projectFile);
        return store.project().getRuns().stream()
                .filter(r -> "stcn".equals(r.getBackboneId()) && r.getWeightsPath() != null)
                .sorted(Comparator.comparing(Run::getStartedAt, Comparator.nullsFirst(Comparator.naturalOrder())).reversed())
                .map(r -> store.resolve(r.getWeightsPath())).filter(Files::isRegularFile).findFirst();
    }

    private static Precision parsePrecision(String text) {
        try {
            return Precision.parse(text);
        } catch (IllegalArgumentException e) {
            throw new Vosbench.UsageException("unknown --precision '" + text + "'; expected fp32, fp64 or bf16");
        }
    }

    private Integer replay() throws IOException {
        if (stage != null || output != null) {
            throw new Vosbench.UsageException("--replay runs recorded steps; it takes no --stage or --output");
        }
        if (weights == null || report == null) {
            throw new Vosbench.UsageException("--replay needs --weights <w.pth> and --report <out.json>");
        }
        Precision chosen = parsePrecision(precision == null ? "fp64" : precision);
        if (chosen == Precision.BF16) {
            throw new Vosbench.UsageException("--precision bf16: a replay runs in fp64 (parity) or fp32");
        }
        if (!Files.isDirectory(replay)) {
            throw new Vosbench.UsageException("--replay " + replay + ": no such folder");
        }
        if (!Files.isRegularFile(weights)) {
            throw new Vosbench.UsageException("--weights " + weights + ": no such file");
        }
        Path parent = report.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new Vosbench.UsageException("--report " + report + ": the folder " + parent + " does not exist");
        }
        NdRuntime runtime = root.services.get(NdRuntime.class);
        long start = System.nanoTime();
        Replay.run(runtime, replay, weights, chosen, report, new CliProgress("steps", quiet));
        System.out.printf(Locale.ROOT, "Replayed %s in %s (%.1f s); report: %s%n", replay, chosen,
                (System.nanoTime() - start) / 1e9, report.toAbsolutePath());
        return 0;
    }
}
