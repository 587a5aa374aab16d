package org.vosbench.engine;

/**
 * Where a network runs.
 *
 * @param kind CPU or GPU
 * @param amp half precision (float16) where it helps; honoured on GPU only, because float16
 *        convolutions are very slow on CPU and bilinear resizing is not implemented there.
 *        bfloat16 is chosen with {@code precision}, not here.
 * @param threads intra-op threads of the native engine, or 0 for the engine's default
 * @param precision the arithmetic of the session ({@link Precision#FP32} by default); a backbone
 *        reads it here when it is loaded ({@link BackboneProvider#load}) and refuses one it cannot
 *        run with an {@link EngineException} before anything runs
 */
public record EngineDevice(Kind kind, boolean amp, int threads, Precision precision) {

    /** The kind of device. */
    public enum Kind {
        /** The CPU (default). */
        CPU,
        /** The first CUDA device that DJL finds. */
        GPU
    }

    /** The default: CPU, float32, the engine's default thread count. */
    public static final EngineDevice CPU = new EngineDevice(Kind.CPU, false, 0, Precision.FP32);

    /**
     * float32 on the given device.
     *
     * @param kind CPU or GPU
     * @param amp float16 on GPU
     * @param threads intra-op threads, 0 for the default
     */
    public EngineDevice(Kind kind, boolean amp, int threads) {
        this(kind, amp, threads, Precision.FP32);
    }

    /** Validates the fields. */
    public EngineDevice {
        if (kind == null) {
            throw new IllegalArgumentException("Device kind must be given");
        }
        precision = precision == null ? Precision.FP32 : precision;
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

    /** @return whether float16 is actually used: amp requested and running on a GPU (float32 sessions only) */
    public boolean halfPrecision() {
        return amp && kind == Kind.GPU && precision == Precision.FP32;
    }

    /** @param value the precision @return a copy with it */
    public EngineDevice withPrecision(Precision value) {
        return new EngineDevice(kind, amp, threads, value);
    }
}
