package org.vosbench.cli.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.vosbench.engine.NdRuntime;
import org.vosbench.engine.Precision;
import org.vosbench.train.Replay;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code vosbench train}: STCN's official training step on DJL's autograd. This build replays
 * recorded official steps for parity ({@code --replay}); the training stages are not in it yet.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains STCN with the official training step (DJL autograd, the engine's own network).",
                "--replay runs the steps of <dir>/plan.json on the batches <dir>/stepN/*.npy from --weights and",
                "writes what each step did (losses, gradient and parameter summaries) to --report, in the",
                "schema of the stcn-train fixture's expected.json."})
final class TrainCommand implements Callable<Integer> {

    @ParentCommand
    Vosbench root;

    @Option(names = "--replay", paramLabel = "<dir>", required = true,
            description = "Folder with plan.json and the steps' batches (as ../shared/fixtures/stcn-train).")
    Path replay;

    @Option(names = "--weights", paramLabel = "<w.pth>", required = true,
            description = "The starting state_dict (torch.save zip; the official stcn.pth layout).")
    Path weights;

    @Option(names = "--precision", defaultValue = "fp64", paramLabel = "<fp64|fp32>",
            description = "Arithmetic of the replay: fp64 reproduces the official float64 steps (default: ${DEFAULT-VALUE}).")
    String precision;

    @Option(names = "--report", paramLabel = "<out.json>", required = true,
            description = "The JSON report, written atomically.")
    Path report;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        Precision chosen;
        try {
            chosen = Precision.parse(precision);
        } catch (IllegalArgumentException e) {
            throw new Vosbench.UsageException("unknown --precision '" + precision + "'; a replay runs in fp64 or fp32");
        }
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
        System.out.printf(java.util.Locale.ROOT, "Replayed %s in %s (%.1f s); report: %s%n", replay, chosen,
                (System.nanoTime() - start) / 1e9, report.toAbsolutePath());
        return 0;
    }
}
