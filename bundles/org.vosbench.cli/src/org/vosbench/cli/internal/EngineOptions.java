package org.vosbench.cli.internal;

import java.nio.file.Path;

import org.vosbench.engine.EngineChoices;
import org.vosbench.engine.EngineRegistry;
import org.vosbench.engine.SessionSettings;

import picocli.CommandLine.Option;

/**
 * Backbone, weights, memory, device and precision options shared by propagate, demo and bench;
 * the engine's {@link EngineChoices} resolves them, as it does the workbench's preferences.
 */
final class EngineOptions {

    @Option(names = "--backbone", paramLabel = "<id>",
            description = "Backbone: stcn, weightfree or a plugin's id (default: stcn with --weights, else weightfree).")
    String backbone;

    @Option(names = "--weights", paramLabel = "<stcn.pth>", description = "Weights file (the official STCN stcn.pth or a checkpoint nesting it).")
    Path weights;

    @Option(names = "--similarity", defaultValue = "l2", paramLabel = "<id>", description = "Memory similarity: l2 (STCN) or dot (default: ${DEFAULT-VALUE}).")
    String similarity;

    @Option(names = "--top-k", defaultValue = "20", paramLabel = "<k>", description = "Top-k of the memory read (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--mem-every", defaultValue = "5", paramLabel = "<n>", description = "Add every n-th frame to memory (default: ${DEFAULT-VALUE}).")
    int memEvery;

    @Option(names = "--include-last", description = "Keep the last frame as temporary memory (STCN's include_last).")
    boolean includeLast;

    @Option(names = "--memory", defaultValue = "stcn", paramLabel = "<policy>",
            description = "Memory policy: stcn (grows with the video) or bounded (flat; see --max-memory-frames) (default: ${DEFAULT-VALUE}).")
    String memory;

    @Option(names = "--max-memory-frames", defaultValue = "10", paramLabel = "<n>",
            description = "Bounded memory: frames kept besides the annotated ones (default: ${DEFAULT-VALUE}).")
    int maxMemoryFrames;

    @Option(names = "--device", defaultValue = "cpu", paramLabel = "<cpu|gpu>", description = "Device (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--amp", description = "float16 on the GPU (ignored on CPU, where it is slower).")
    boolean amp;

    @Option(names = "--precision", defaultValue = "fp32", paramLabel = "<fp64|fp32|bf16>",
            description = "Arithmetic: fp64 (reproduces the official code in float64), fp32, or bf16 (bfloat16 "
                    + "convolutions on CPUs with avx512_bf16/AMX; `vosbench info` says what this machine has) "
                    + "(default: ${DEFAULT-VALUE}).")
    String precision;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "<n>", description = "CPU threads for the network (0: all cores).")
    int threads;

    /** @return the options as the engine's choices, resolved by the engine's one rule */
    EngineChoices choices() {
        return new EngineChoices(backbone, weights, similarity, topK, memEvery, includeLast, memory, maxMemoryFrames,
                device, amp, threads, precision);
    }

    SessionSettings settings(EngineRegistry registry) {
        try {
            return choices().resolve(registry);
        } catch (EngineChoices.InvalidChoiceException e) {
            throw new Vosbench.UsageException("--" + e.getMessage());
        }
    }
}
