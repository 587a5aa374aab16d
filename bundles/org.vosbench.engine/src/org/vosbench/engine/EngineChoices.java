package org.vosbench.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The engine options a person chooses, as typed on the command line ({@code vosbench propagate},
 * {@code demo}, {@code bench}) or stored by the workbench's preference page, and the one rule that
 * turns them into {@link SessionSettings}. Both front ends resolve through {@link #resolve}, so the
 * default backbone, the checks and the messages are the same everywhere.
 *
 * @param backbone backbone id, or null/blank for the default: STCN when a weights file is given
 *        and STCN is installed, else the first installed backbone that needs no weights
 * @param weights weights file, or null
 * @param similarity similarity id ({@code l2}, {@code dot}, a plugin's)
 * @param topK top-k of the memory read
 * @param memEvery memory frame interval
 * @param includeLast whether the last frame is temporary memory
 * @param memory memory policy id ({@code stcn} or {@code bounded})
 * @param maxMemoryFrames bound of the bounded policy
 * @param device {@code cpu} or {@code gpu}
 * @param amp float16 on the GPU
 * @param threads intra-op threads, 0 for the engine's default
 * @param precision {@code fp32}, {@code fp64} or {@code bf16}
 */
public record EngineChoices(String backbone, Path weights, String similarity, int topK, int memEvery,
        boolean includeLast, String memory, int maxMemoryFrames, String device, boolean amp, int threads,
        String precision) {

    /**
     * A choice that cannot be resolved; {@link #option()} names it. The message reads
     * {@code <option> <value>: <reason>}, e.g. {@code top-k 0: must be at least 1}.
     */
    public static final class InvalidChoiceException extends EngineException {
        private static final long serialVersionUID = 1L;
        private final String option;

        InvalidChoiceException(String option, Object value, String reason) {
            super(option + (value == null ? "" : " " + value) + ": " + reason);
            this.option = option;
        }

        /** @return the option's name as on the command line, without dashes, e.g. {@code top-k} */
        public String option() {
            return option;
        }
    }

    /** @return STCN's evaluation settings with the default backbone */
    public static EngineChoices defaults() {
        return new EngineChoices(null, null, EngineRegistry.DEFAULT_SIMILARITY, SessionSettings.DEFAULT_TOP_K,
                SessionSettings.DEFAULT_MEM_EVERY, false, MemoryPolicy.Kind.STCN.id(),
                SessionSettings.DEFAULT_MAX_MEMORY_FRAMES, "cpu", false, 0, Precision.FP32.id());
    }

    /**
     * @param registry the installed backbones and similarities
     * @return the backbone these choices run: the chosen one, else the default rule
     * @throws InvalidChoiceException when no backbone is chosen and none without weights is installed
     */
    public String backboneId(EngineRegistry registry) {
        if (backbone != null && !backbone.isBlank()) {
            return backbone.strip();
        }
        if (weights != null && registry.backbones().stream().anyMatch(b -> b.id().equals(EngineRegistry.STCN_BACKBONE))) {
            return EngineRegistry.STCN_BACKBONE;
        }
        return registry.backbones().stream().filter(b -> !b.requiresWeights()).map(ContributionInfo::id).findFirst()
                .orElseThrow(() -> new InvalidChoiceException("backbone", null, "no backbone without weights is installed;"
                        + " give a weights file (installed: " + ids(registry.backbones()) + ")"));
    }

    /**
     * Checks every choice against the installed contributions and builds the settings.
     *
     * @param registry the installed backbones and similarities
     * @return the session settings
     * @throws InvalidChoiceException naming the first option that is wrong and why
     */
    public SessionSettings resolve(EngineRegistry registry) {
        String id = backboneId(registry);
        ContributionInfo info = registry.backbones().stream().filter(b -> b.id().equals(id)).findFirst()
                .orElseThrow(() -> new InvalidChoiceException("backbone", id, "unknown backbone; known: "
                        + ids(registry.backbones())));
        if (info.requiresWeights() && weights == null) {
            throw new InvalidChoiceException("weights", null, "the " + id + " backbone needs a weights file (for STCN: the"
                    + " official stcn.pth, downloaded from the STCN project); without weights use a backbone"
                    + " that needs none (" + ids(registry.backbones().stream().filter(b -> !b.requiresWeights())
                            .toList()) + ")");
        }
        if (weights != null && Files.isDirectory(weights)) {
            throw new InvalidChoiceException("weights", weights, "is a folder; give the weights file (stcn.pth)");
        }
        if (weights != null && !Files.isRegularFile(weights)) {
            throw new InvalidChoiceException("weights", weights, "no such file");
        }
        if (registry.similarities().stream().noneMatch(s -> s.id().equals(similarity))) {
            throw new InvalidChoiceException("similarity", similarity, "unknown similarity; known: "
                    + ids(registry.similarities()));
        }
        MemoryPolicy.Kind kind;
        try {
            kind = MemoryPolicy.Kind.parse(memory);
        } catch (IllegalArgumentException e) {
            throw new InvalidChoiceException("memory", memory, "unknown memory policy; known: [stcn, bounded]");
        }
        atLeastOne("top-k", topK);
        atLeastOne("mem-every", memEvery);
        atLeastOne("max-memory-frames", maxMemoryFrames);
        if (threads < 0) {
            throw new InvalidChoiceException("threads", threads, "must not be negative");
        }
        EngineDevice.Kind deviceKind;
        try {
            deviceKind = EngineDevice.parseKind(device == null ? "cpu" : device);
        } catch (IllegalArgumentException e) {
            throw new InvalidChoiceException("device", device, "unknown device; known: cpu, gpu");
        }
        Precision arithmetic;
        try {
            arithmetic = Precision.parse(precision == null ? Precision.FP32.id() : precision);
        } catch (IllegalArgumentException e) {
            throw new InvalidChoiceException("precision", precision, "unknown precision; known: fp64, fp32, bf16");
        }
        EngineDevice where = new EngineDevice(deviceKind, amp, threads, arithmetic);
        // said before anything is read or written
        CpuFeatures.current().unsupported(where).ifPresent(problem -> {
            throw new InvalidChoiceException("precision", arithmetic, problem);
        });
        // an ignored weights file (a backbone that needs none) is not part of the settings
        Path file = info.requiresWeights() ? weights.toAbsolutePath() : null;
        return SessionSettings.defaults(id, file).withSimilarity(similarity).withTopK(topK).withMemEvery(memEvery)
                .withIncludeLast(includeLast).withMemoryPolicy(kind, maxMemoryFrames)
                .withDevice(where);
    }

    private static void atLeastOne(String option, int value) {
        if (value < 1) {
            throw new InvalidChoiceException(option, value, "must be at least 1");
        }
    }

    private static List<String> ids(List<ContributionInfo> contributions) {
        return contributions.stream().map(ContributionInfo::id).toList();
    }
}
