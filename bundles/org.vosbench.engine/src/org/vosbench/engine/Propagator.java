package org.vosbench.engine;

import java.io.IOException;
import java.util.Optional;
import java.util.SortedSet;

import org.vosbench.core.CancelledException;
import org.vosbench.core.LabelMask;
import org.vosbench.core.ProgressMonitor;

/**
 * Runs sessions over a sequence. Two protocols:
 * <ul>
 * <li>{@link #propagateSequence}: the dataset protocol (STCN's {@code eval_davis.py} and
 * {@code eval_generic.py}): one forward pass from the first annotated frame to the last frame;
 * each annotated frame adds the objects its mask brings.</li>
 * <li>{@link #propagateRound}: a MiVOS-style round after a person annotated a frame: forward
 * and/or backward from that frame, each direction stopping before the next frame a person
 * annotated, which is left untouched.</li>
 * </ul>
 * Cancellation is checked before every frame; frames already handed to the sink stay valid.
 */
public final class Propagator {

    /** Directions of a round. */
    public enum Direction {
        /** Towards later frames. */
        FORWARD,
        /** Towards earlier frames. */
        BACKWARD,
        /** Both, forward first. */
        BOTH
    }

    private final PropagationService service;
    private final SessionSettings settings;

    /**
     * @param service opens the sessions
     * @param settings settings of every session
     */
    public Propagator(PropagationService service, SessionSettings settings) {
        this.service = service;
        this.settings = settings;
    }

    /**
     * Dataset protocol: steps every frame from the first annotated one to the last.
     *
     * @param source frames and given masks
     * @param sink receives every stepped frame, annotated frames included
     * @param monitor progress (one unit per frame) and cancellation
     * @return frames and compute time
     * @throws IOException when a frame or mask cannot be read or a result cannot be written
     * @throws CancelledException when the monitor was cancelled
     * @throws IllegalArgumentException when the sequence has no annotated frame
     */
    public PropagationReport propagateSequence(FrameSource source, FrameSink sink, ProgressMonitor monitor)
            throws IOException {
        SortedSet<Integer> annotated = source.annotatedFrames();
        if (annotated.isEmpty()) {
            throw new IllegalArgumentException("The sequence has no annotated frame: nothing to propagate from");
        }
        int first = annotated.first();
        int last = source.frameCount() - 1;
        monitor.begin("Propagating", last - first + 1);
        try (PropagationSession session = service.open(settings)) {
            return pass(session, source, sink, monitor, first, last, +1, annotated, false);
        } finally {
            monitor.done();
        }
    }

    /**
     * MiVOS round: propagates from an annotated frame until (excluding) the next annotated
     * frame in each direction. The start frame itself is passed to the sink too.
     *
     * @param source frames and given masks
     * @param from an annotated frame
     * @param direction which way(s)
     * @param sink receives every stepped frame
     * @param monitor progress and cancellation
     * @return frames and compute time
     * @throws IOException when a frame or mask cannot be read or a result cannot be written
     * @throws IllegalArgumentException when {@code from} has no mask
     */
    public PropagationReport propagateRound(FrameSource source, int from, Direction direction, FrameSink sink,
            ProgressMonitor monitor) throws IOException {
        SortedSet<Integer> annotated = source.annotatedFrames();
        if (!annotated.contains(from)) {
            throw new IllegalArgumentException("Frame " + from + " has no mask to propagate from");
        }
        int forwardEnd = annotated.tailSet(from + 1).isEmpty() ? source.frameCount() - 1
                : annotated.tailSet(from + 1).first() - 1;
        int backwardEnd = annotated.headSet(from).isEmpty() ? 0 : annotated.headSet(from).last() + 1;
        boolean forward = direction != Direction.BACKWARD;
        boolean backward = direction != Direction.FORWARD;
        int total = (forward ? forwardEnd - from + 1 : 0) + (backward ? from - backwardEnd + 1 : 0);
        monitor.begin("Propagating from frame " + from, total);
        PropagationReport report = new PropagationReport(0, 0, 0);
        try {
            if (forward) {
                try (PropagationSession session = service.open(settings)) {
                    report = report.plus(pass(session, source, sink, monitor, from, forwardEnd, +1, annotated, true));
                }
            }
            if (backward) {
                try (PropagationSession session = service.open(settings)) {
                    // The start frame was already delivered by the forward pass.
                    FrameSink backwardSink = forward ? r -> {
                        if (r.frameIndex() != from) {
                            sink.accept(r);
                        }
                    } : sink;
                    report = report.plus(pass(session, source, backwardSink, monitor, from, backwardEnd, -1,
                            annotated, true));
                }
            }
            return report;
        } finally {
            monitor.done();
        }
    }

    private static PropagationReport pass(PropagationSession session, FrameSource source, FrameSink sink,
            ProgressMonitor monitor, int from, int to, int step, SortedSet<Integer> annotated, boolean onlyFirstMask)
            throws IOException {
        long nanos = 0;
        int frames = 0;
        for (int t = from; step > 0 ? t <= to : t >= to; t += step) {
            if (monitor.isCanceled()) {
                throw new CancelledException("Propagation cancelled at frame " + t);
            }
            var image = source.image(t);
            LabelMask mask = null;
            if (annotated.contains(t) && (!onlyFirstMask || t == from || session.objectIds().isEmpty())) {
                Optional<LabelMask> given = source.annotation(t);
                mask = given.orElse(null);
            }
            long start = System.nanoTime();
            StepResult result = session.step(t, image, mask, t == to);
            nanos += System.nanoTime() - start;
            frames++;
            if (sink != null) {
                sink.accept(result);
            }
            monitor.worked(1);
        }
        return new PropagationReport(frames, nanos, session.objectIds().size());
    }
}
