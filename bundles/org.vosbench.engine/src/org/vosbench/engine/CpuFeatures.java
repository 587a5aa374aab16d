package org.vosbench.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What this machine's CPU can do, from the {@code flags} line of {@code /proc/cpuinfo} (Linux);
 * decides which precisions a CPU session may use.
 *
 * @param model the CPU's model name, or {@code unknown}
 * @param flags the CPU's feature flags (empty where {@code /proc/cpuinfo} cannot be read)
 */
public record CpuFeatures(String model, Set<String> flags) {

    /** Flags worth reporting for this engine's arithmetic, in that order. */
    private static final List<String> VECTOR_FLAGS = List.of("avx2", "fma", "avx512f", "avx512_vnni", "avx512_bf16",
            "amx_tile", "amx_bf16");

    private static CpuFeatures current;

    /** @return this machine's features (read once) */
    public static synchronized CpuFeatures current() {
        if (current == null) {
            current = read(Path.of("/proc/cpuinfo"));
        }
        return current;
    }

    /**
     * @param cpuinfo a {@code /proc/cpuinfo} file
     * @return the features of its first processor; none when it cannot be read
     */
    public static CpuFeatures read(Path cpuinfo) {
        String model = "unknown";
        Set<String> flags = new TreeSet<>();
        try {
            for (String line : Files.readAllLines(cpuinfo)) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String key = line.substring(0, colon).trim();
                String value = line.substring(colon + 1).trim();
                if (key.equals("model name") && model.equals("unknown")) {
                    model = value;
                } else if (key.equals("flags") && flags.isEmpty()) {
                    flags.addAll(Arrays.asList(value.split("\\s+")));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux or not readable: no flags, so no bf16
        }
        return new CpuFeatures(model, Set.copyOf(flags));
    }

    /** @return whether the CPU has native bfloat16 arithmetic (avx512_bf16 or AMX-BF16) */
    public boolean bf16() {
        return flags.contains("avx512_bf16") || flags.contains("amx_bf16");
    }

    /** @return the vector flags of {@link #VECTOR_FLAGS} this CPU has, space-separated, or {@code none} */
    public String vectorSummary() {
        List<String> have = VECTOR_FLAGS.stream().filter(flags::contains).toList();
        return have.isEmpty() ? "none" : String.join(" ", have);
    }

    /**
     * @param device a device and precision
     * @return why this machine cannot run that precision there, naming the setting and what is
     *         supported; empty when it can
     */
    public Optional<String> unsupported(EngineDevice device) {
        Precision p = device.precision();
        if (p == Precision.FP32) {
            return Optional.empty();
        }
        if (device.amp()) {
            return Optional.of("precision " + p + " cannot be combined with amp (float16 on the GPU): amp needs precision fp32");
        }
        if (p == Precision.BF16 && device.kind() == EngineDevice.Kind.GPU) {
            return Optional.of("precision bf16 is a CPU mode here; on the GPU use fp32 (with or without amp) or fp64");
        }
        if (p == Precision.BF16 && !bf16()) {
            return Optional.of("precision bf16 needs a CPU with avx512_bf16 or amx_bf16; this CPU (" + model + ") has "
                    + vectorSummary() + ", so it supports " + available(device.kind()));
        }
        return Optional.empty();
    }

    /**
     * @param kind CPU or GPU
     * @return the precisions this machine can run there, e.g. {@code fp64, fp32, bf16}
     */
    public String available(EngineDevice.Kind kind) {
        return kind == EngineDevice.Kind.CPU && bf16() ? "fp64, fp32, bf16" : "fp64, fp32";
    }
}
