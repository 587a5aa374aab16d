package org.vosbench.cli.internal;

import java.nio.file.Files;
import java.nio.file.Path;

import org.vosbench.engine.CpuFeatures;
import org.vosbench.engine.EngineDevice;
import org.vosbench.engine.EngineRegistry;
import org.vosbench.engine.Precision;
import org.vosbench.engine.SessionSettings;

import picocli.CommandLine.Option;

/** Backbone, weights, memory and device options shared by propagate, demo and bench. */
final class EngineOptions {

    static final String WEIGHT_FREE = "weightfree";

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

    String backboneId() {
        if (backbone != null) {
            return backbone;
        }
        return weights != null ? EngineRegistry.STCN_BACKBONE : WEIGHT_FREE;
    }

    private static void atLeast(String option, int value, int min) {
        if (value < min) {
            throw new Vosbench.UsageException(option + " " + value + ": must be at least " + min);
        }
    }

    SessionSettings settings(EngineRegistry registry) {
        String id = backboneId();
        var info = registry.backbones().stream().filter(b -> b.id().equals(id)).findFirst()
                .orElseThrow(() -> new Vosbench.UsageException("unknown --backbone '" + id + "'; known: "
                        + registry.backbones().stream().map(b -> b.id()).toList()));
        if (info.requiresWeights() && weights == null) {
            throw new Vosbench.UsageException("the " + id + " backbone needs --weights <file> (for STCN: the official stcn.pth,"
                    + " downloaded from the STCN project); without weights use --backbone " + WEIGHT_FREE);
        }
        if (weights != null && Files.isDirectory(weights)) {
            throw new Vosbench.UsageException("--weights " + weights + ": is a folder; give the weights file (stcn.pth)");
        }
        if (weights != null && !Files.isRegularFile(weights)) {
            throw new Vosbench.UsageException("--weights " + weights + ": no such file");
        }
        if (registry.similarities().stream().noneMatch(s -> s.id().equals(similarity))) {
            throw new Vosbench.UsageException("unknown --similarity '" + similarity + "'; known: "
                    + registry.similarities().stream().map(s -> s.id()).toList());
        }
        if (!memory.equals("stcn") && !memory.equals("bounded")) {
            throw new Vosbench.UsageException("unknown --memory '" + memory + "'; known: [stcn, bounded]");
        }
        atLeast("--top-k", topK, 1);
        atLeast("--mem-every", memEvery, 1);
        atLeast("--max-memory-frames", maxMemoryFrames, 1);
        atLeast("--threads", threads, 0);
        EngineDevice.Kind kind;
        try {
            kind = EngineDevice.parseKind(device);
        } catch (IllegalArgumentException e) {
            throw new Vosbench.UsageException("unknown --device '" + device + "'; known: cpu, gpu");
        }
        Precision chosen;
        try {
            chosen = Precision.parse(precision);
        } catch (IllegalArgumentException e) {
            throw new Vosbench.UsageException("unknown --precision '" + precision + "'; known: fp64, fp32, bf16");
        }
        EngineDevice where = new EngineDevice(kind, amp, threads, chosen);
        // said before anything is read or written
        CpuFeatures.current().unsupported(where).ifPresent(problem -> {
            throw new Vosbench.UsageException("--precision " + chosen + ": " + problem);
        });
        return SessionSettings.defaults(id, weights == null ? null : weights.toAbsolutePath())
                .withSimilarity(similarity).withTopK(topK).withMemEvery(memEvery).withIncludeLast(includeLast)
                .withMemoryPolicy(memory, maxMemoryFrames).withDevice(where);
    }
}
