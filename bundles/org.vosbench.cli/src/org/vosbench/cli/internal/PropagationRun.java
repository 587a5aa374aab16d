package org.vosbench.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.vosbench.core.Dimension2;
import org.vosbench.core.ImageReader;
import org.vosbench.core.InvalidInputException;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.core.Npy;
import org.vosbench.core.ProgressMonitor;
import org.vosbench.dataset.Dataset;
import org.vosbench.dataset.SequenceRef;
import org.vosbench.engine.PropagationReport;
import org.vosbench.engine.PropagationService;
import org.vosbench.engine.Propagator;
import org.vosbench.engine.SessionSettings;
import org.vosbench.engine.StepResult;

/**
 * Propagates the chosen sequences of a dataset and writes the result layout the format asks
 * for ({@code <out>/<seq>/<frame>.png}, YouTube-VOS {@code <out>/Annotations/<vid>/<frame>.png}),
 * each file written atomically. Inputs are checked before anything is written.
 */
final class PropagationRun {

    /** What one run did. */
    record Outcome(PropagationReport report, int written, long wallNanos, PeakMemory memory) {
    }

    private final PropagationService service;
    private final SessionSettings settings;
    private final boolean saveProbabilities;

    PropagationRun(PropagationService service, SessionSettings settings, boolean saveProbabilities) {
        this.service = service;
        this.settings = settings;
        this.saveProbabilities = saveProbabilities;
    }

    /** Checks what would otherwise fail half-way: every sequence has a given mask of its frames' size. */
    static void check(List<SequenceRef> sequences) throws IOException {
        for (SequenceRef s : sequences) {
            if (s.annotations().isEmpty()) {
                throw new InvalidInputException(s.frames().isEmpty() ? null : s.frame(0).image().getParent(),
                        "sequence '" + s.name() + "' has no annotated frame: give the mask of each object on the frame where it first appears");
            }
            for (Map.Entry<Integer, Path> given : s.annotations().entrySet()) {
                Dimension2 frame = ImageReader.size(s.frame(given.getKey()).image());
                LabelMask mask = MaskIO.read(given.getValue());
                if (mask.width() != frame.width() || mask.height() != frame.height()) {
                    throw new InvalidInputException(given.getValue(), String.format(
                            "the mask is %dx%d but its frame %s is %dx%d", mask.width(), mask.height(),
                            s.frame(given.getKey()).image().getFileName(), frame.width(), frame.height()));
                }
                if (mask.objectIds().size() > 254) {
                    throw new InvalidInputException(given.getValue(), "the mask has more than 254 objects");
                }
            }
        }
    }

    Outcome run(Dataset dataset, List<SequenceRef> sequences, Path out, ProgressMonitor monitor) throws IOException {
        check(sequences);
        Files.createDirectories(out);
        long start = System.nanoTime();
        int total = sequences.stream().mapToInt(SequenceRef::length).sum();
        monitor.begin("propagate", total);
        PropagationReport sum = new PropagationReport(0, 0, 0);
        int[] written = {0};
        try {
            Propagator propagator = new Propagator(service, settings);
            for (SequenceRef s : sequences) {
                monitor.subTask(s.name());
                sum = sum.plus(propagateSequence(propagator, dataset, s, out, null, monitor, written));
            }
        } finally {
            monitor.done();
        }
        return new Outcome(sum, written[0], System.nanoTime() - start, PeakMemory.now());
    }

    /**
     * Propagates one sequence into {@code out} (the same files whether one machine or a Spark
     * executor runs it), one unit of {@code monitor} per frame.
     *
     * @param staging when not null, the files go into this folder instead of the sequence's result
     *     folder (a batch run's folder, renamed into place when whole)
     * @param written incremented for each mask file written
     */
    PropagationReport propagateSequence(Propagator propagator, Dataset dataset, SequenceRef s, Path out,
            Path staging, ProgressMonitor monitor, int[] written) throws IOException {
        int first = s.annotations().firstKey();
        List<Integer> before = new ArrayList<>();
        for (int i = 0; i < first; i++) {
            before.add(i);
        }
        Dimension2 size = ImageReader.size(s.frame(first).image());
        PropagationReport r = propagator.propagateSequence(new SequenceFrames(s), step -> {
            write(dataset, s, out, staging, step.frameIndex(), step.labels(), step);
            written[0]++;
            monitor.worked(1);
        }, ProgressMonitor.cancellationOf(monitor));
        // frames before the first given mask hold no object yet: written as background
        for (int i : before) {
            write(dataset, s, out, staging, i, LabelMask.empty(size.width(), size.height()), null);
            written[0]++;
            monitor.worked(1);
        }
        return r;
    }

    private void write(Dataset dataset, SequenceRef s, Path out, Path staging, int index, LabelMask labels,
            StepResult step) throws IOException {
        if (!s.isFrameToWrite(index)) {
            return;
        }
        Path png = dataset.resultPath(out, s, s.frame(index).name());
        if (staging != null) {
            png = staging.resolve(png.getFileName());
        }
        Files.createDirectories(png.getParent());
        MaskIO.write(png, labels);
        if (saveProbabilities && step != null) {
            // one channel per object of the sequence, in id order, as STCN's evaluation writes them:
            // an object given on a later frame has a zero channel until then
            var p = step.probabilities().over(new ArrayList<>(s.objectIds()));
            Path npy = png.resolveSibling(s.frame(index).name() + ".npy");
            Npy.writeFloat32(npy, new int[] {p.channels(), p.height(), p.width()}, p.data());
        }
    }
}
