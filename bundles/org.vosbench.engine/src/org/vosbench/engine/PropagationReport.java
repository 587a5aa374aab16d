package org.vosbench.engine;

/**
 * What a propagation did, for the summary line.
 *
 * @param frames frames stepped (annotated frames included)
 * @param computeNanos time spent in {@link PropagationSession#step}, i.e. without reading
 *        frames and writing results, as STCN reports speed
 * @param objects number of objects at the end
 */
public record PropagationReport(int frames, long computeNanos, int objects) {

    /** @return amortised frames per second over all frames, whatever the number of objects */
    public double framesPerSecond() {
        return computeNanos == 0 ? 0 : frames / (computeNanos / 1e9);
    }

    /**
     * @param other another report
     * @return both together
     */
    public PropagationReport plus(PropagationReport other) {
        return new PropagationReport(frames + other.frames, computeNanos + other.computeNanos,
                Math.max(objects, other.objects));
    }
}
