package org.vosbench.engine;

/**
 * Where a network runs.
 *
 * @param kind CPU or GPU
 * @param amp half precision (float16) where it helps; honoured on GPU only, because float16
 *        convolutions are very slow on CPU and bilinear resizing is not implemented there.
 *        bfloat16 is never used (it aborts the JVM in DJL 0.35.1).
 * @param threads intra-op threads of the native engine, or 0 for the engine's default
 */
public record EngineDevice(Kind kind, boolean amp, int threads) {

    /** The kind of device. */
    public enum Kind {
        /** The CPU (default). */
        CPU,
        /** The first CUDA device that DJL finds. */
        GPU
    }

    /** The default: CPU, float32, the engine's default thread count. */
    public static final EngineDevice CPU = new EngineDevice(Kind.CPU, false, 0);

    /** Validates the fields. */
    public EngineDevice {
        if (kind == null) {
            throw new IllegalArgumentException("Device kind must be given");
        }
        if (threads < 0) {
            throw new IllegalArgumentException("Thread count must not be negative: " + threads);
        }
    }

    /**
     * @param name {@code cpu} or {@code gpu} (any case)
     * @return the kind it names
     * @throws IllegalArgumentException for any other name
     */
    public static Kind parseKind(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "cpu" -> Kind.CPU;
            case "gpu", "cuda" -> Kind.GPU;
            default -> throw new IllegalArgumentException("Unknown device '" + name + "': expected cpu or gpu");
        };
    }

    /** @return whether float16 is actually used: amp requested and running on a GPU */
    public boolean halfPrecision() {
        return amp && kind == Kind.GPU;
    }
}
