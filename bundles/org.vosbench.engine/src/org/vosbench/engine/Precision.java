package org.vosbench.engine;

import java.util.Locale;

import ai.djl.ndarray.types.DataType;

/**
 * The arithmetic a session runs in. The engine's own arrays (normalised frames, masks, keys,
 * affinity, top-k weights, aggregation, probabilities) are of {@link #sessionType()}; a backbone
 * learns the precision from {@link EngineDevice#precision()} when it is loaded and returns keys,
 * values and probabilities of that type.
 */
public enum Precision {
    /** float64 everywhere: the official code run in float64 is reproduced to ~1e-9. */
    FP64("fp64", DataType.FLOAT64),
    /** float32 everywhere (the default). */
    FP32("fp32", DataType.FLOAT32),
    /**
     * bfloat16 convolutions and matrix products inside the backbone (float32 accumulation); the
     * engine's own arrays stay float32. Needs a CPU with {@code avx512_bf16} or AMX.
     */
    BF16("bf16", DataType.FLOAT32);

    private final String id;
    private final DataType sessionType;

    Precision(String id, DataType sessionType) {
        this.id = id;
        this.sessionType = sessionType;
    }

    /** @return {@code fp64}, {@code fp32} or {@code bf16}, as on the command line */
    public String id() {
        return id;
    }

    /** @return the type of the arrays the engine and a backbone exchange */
    public DataType sessionType() {
        return sessionType;
    }

    /**
     * @param name {@code fp64}, {@code fp32}, {@code bf16} (any case; {@code float64},
     *        {@code float32}, {@code bfloat16} too)
     * @return the precision it names
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Precision parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "fp64", "float64", "double" -> FP64;
            case "fp32", "float32", "float" -> FP32;
            case "bf16", "bfloat16" -> BF16;
            default -> throw new IllegalArgumentException("Unknown precision '" + name + "': expected fp64, fp32 or bf16");
        };
    }

    @Override
    public String toString() {
        return id;
    }
}
