package org.vosbench.engine.stcn.internal;

import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * Floating-point work and time of STCN's convolutions (see {@link StcnNetwork#PROFILE}).
 * Batch norms, activations and bias additions are not counted: they are a few percent of the
 * work.
 */
final class ConvProfile {

    private final LongAdder flops = new LongAdder();
    private final LongAdder nanos = new LongAdder();
    private final LongAdder frames = new LongAdder();

    static ConvProfile install() {
        ConvProfile profile = new ConvProfile();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.err.println(profile.summary()), "stcn-profile"));
        return profile;
    }

    void add(long floatingPointOperations, long elapsedNanos) {
        flops.add(floatingPointOperations);
        nanos.add(elapsedNanos);
    }

    /** One frame through the key encoder. */
    void frame() {
        frames.increment();
    }

    String summary() {
        long n = Math.max(1, frames.sum());
        double gflop = flops.sum() / 1e9;
        double seconds = nanos.sum() / 1e9;
        double rate = seconds > 0 ? gflop / seconds : 0;
        return String.format(Locale.ROOT, "STCN convolutions: %.1f GFLOP per frame over %d frames, run at %.1f GFLOP/s "
                + "= %.3f s/frame in convolutions alone (a floor for this arithmetic at this rate)", gflop / n,
                frames.sum(), rate, seconds / n);
    }
}
