package org.vosbench.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vosbench.core.CancelledException;
import org.vosbench.core.Dimension2;
import org.vosbench.core.ImageReader;
import org.vosbench.core.InvalidInputException;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.core.Npy;
import org.vosbench.core.ProgressMonitor;
import org.vosbench.core.RunOutput;
import org.vosbench.dataset.Dataset;
import org.vosbench.dataset.SequenceCheck;
import org.vosbench.dataset.SequenceRef;
import org.vosbench.engine.PropagationReport;
import org.vosbench.engine.PropagationService;
import org.vosbench.engine.Propagator;
import org.vosbench.engine.SessionSettings;
import org.vosbench.engine.StepResult;

/**
 * Propagates the chosen sequences of a dataset and writes the result layout the format asks
 * for ({@code <out>/<seq>/<frame>.png}, YouTube-VOS {@code <out>/Annotations/<vid>/<frame>.png}).
 * <p>
 * The run owns its output through {@link RunOutput}: every sequence folder is claimed (locked)
 * before the first frame is computed, so a second run into the same folders is refused at once;
 * a sequence is written beside its folder and renamed over it when whole, so a failure or Ctrl+C
 * mid-sequence leaves that sequence as it was. Inputs are checked before anything is written
 * ({@link SequenceCheck}, as the workbench's propagation Job does): every frame's header, size and
 * ending, every given mask's size.
 */
final class PropagationRun {

    /** A sequence that could not be propagated, and why (the message names the file). */
    record Failure(String sequence, String reason) {
    }

    /** What one run did. */
    record Outcome(String runId, PropagationReport report, int written, long wallNanos, PeakMemory memory,
            List<String> done, List<Failure> failures) {
    }

    private final PropagationService service;
    private final SessionSettings settings;
    private final boolean saveProbabilities;
    private final boolean overwrite;
    private final boolean keepGoing;

    PropagationRun(PropagationService service, SessionSettings settings, boolean saveProbabilities, boolean overwrite,
            boolean keepGoing) {
        this.service = service;
        this.settings = settings;
        this.saveProbabilities = saveProbabilities;
        this.overwrite = overwrite;
        this.keepGoing = keepGoing;
    }

    /** The folder a sequence's results go to. */
    private static Path folderOf(Dataset dataset, SequenceRef s, Path out) {
        return dataset.resultPath(out, s, s.frame(0).name()).getParent();
    }

    Outcome run(Dataset dataset, List<SequenceRef> sequences, Path out, ProgressMonitor monitor) throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new InvalidInputException(out, "is a file; --output needs a folder (an existing one or a new name)");
        }
        long start = System.nanoTime();
        List<Failure> failures = new ArrayList<>();
        List<String> done = new ArrayList<>();
        // checked before anything is written; with --keep-going a bad sequence is skipped, not the run
        List<SequenceRef> good = new ArrayList<>();
        for (SequenceRef s : sequences) {
            try {
                SequenceCheck.forPropagation(s);
                good.add(s);
            } catch (IOException e) {
                if (!keepGoing) {
                    throw e;
                }
                failures.add(new Failure(s.name(), Messages.describe(e)));
            }
        }
        PropagationReport sum = new PropagationReport(0, 0, 0);
        int written = 0;
        String runId;
        try (RunOutput output = RunOutput.begin("vosbench propagate", overwrite)) {
            runId = output.runId();
            Map<SequenceRef, RunOutput.Folder> folders = new LinkedHashMap<>();
            for (SequenceRef s : good) {
                folders.put(s, output.claim(folderOf(dataset, s, out))); // all before the first frame
            }
            output.notes().forEach(n -> System.err.println("vosbench: " + n));
            int total = good.stream().mapToInt(SequenceRef::length).sum();
            monitor.begin("propagate", total);
            try {
                Propagator propagator = new Propagator(service, settings);
                for (Map.Entry<SequenceRef, RunOutput.Folder> e : folders.entrySet()) {
                    SequenceRef s = e.getKey();
                    RunOutput.Folder folder = e.getValue();
                    monitor.subTask(s.name());
                    int[] count = {0};
                    int[] next = {s.annotations().firstKey()};
                    try {
                        PropagationReport r = propagateOne(dataset, s, out, folder, propagator, monitor, count, next);
                        folder.commit();
                        written += count[0];
                        sum = sum.plus(r);
                        done.add(s.name());
                    } catch (CancelledException c) {
                        folder.abandon();
                        throw c;
                    } catch (IOException | RuntimeException x) {
                        folder.abandon();
                        String where = next[0] < s.length() ? s.frame(next[0]).image().toString() : s.name();
                        String reason = x instanceof InvalidInputException ? Messages.describe(x)
                                : where + ": " + Messages.describe(x);
                        if (!keepGoing) {
                            throw new IOException("sequence '" + s.name() + "' was not written: " + reason, x);
                        }
                        failures.add(new Failure(s.name(), reason));
                    }
                }
            } finally {
                monitor.done();
            }
        }
        return new Outcome(runId, sum, written, System.nanoTime() - start, PeakMemory.now(), done, failures);
    }

    /**
     * Propagates one sequence into a folder claimed by the caller: the same files {@link #run} writes,
     * whether one machine or a Spark executor ({@code vosbench batch}) runs it.
     *
     * @param written incremented for each mask file written
     */
    PropagationReport propagateSequence(Propagator propagator, Dataset dataset, SequenceRef s, Path out,
            RunOutput.Folder folder, ProgressMonitor monitor, int[] written) throws IOException {
        int[] next = {s.annotations().firstKey()};
        return propagateOne(dataset, s, out, folder, propagator, monitor, written, next);
    }

    private PropagationReport propagateOne(Dataset dataset, SequenceRef s, Path out, RunOutput.Folder folder,
            Propagator propagator, ProgressMonitor monitor, int[] count, int[] next) throws IOException {
        int first = s.annotations().firstKey();
        Dimension2 size = ImageReader.size(s.frame(first).image());
        PropagationReport r = propagator.propagateSequence(new SequenceFrames(s), step -> {
            count[0] += write(dataset, s, out, folder, step.frameIndex(), step.labels(), step);
            next[0] = step.frameIndex() + 1;
            monitor.worked(1);
        }, ProgressMonitor.cancellationOf(monitor));
        // frames before the first given mask hold no object yet: written as background
        for (int i = 0; i < first; i++) {
            count[0] += write(dataset, s, out, folder, i, LabelMask.empty(size.width(), size.height()), null);
            monitor.worked(1);
        }
        return r;
    }

    private int write(Dataset dataset, SequenceRef s, Path out, RunOutput.Folder folder, int index, LabelMask labels,
            StepResult step) throws IOException {
        if (!s.isFrameToWrite(index)) {
            return 0;
        }
        Path final_ = dataset.resultPath(out, s, s.frame(index).name());
        Path png = folder.file(folder.target().relativize(final_.toAbsolutePath().normalize()).toString());
        MaskIO.write(png, labels);
        if (saveProbabilities && step != null) {
            // one channel per object of the sequence, in id order, as STCN's evaluation writes them:
            // an object given on a later frame has a zero channel until then
            var p = step.probabilities().over(new ArrayList<>(s.objectIds()));
            Path npy = png.resolveSibling(s.frame(index).name() + ".npy");
            int[] shape = {p.channels(), p.height(), p.width()};
            if (p.isFloat64()) { // an fp64 session: float64 .npy, nothing rounded away
                Npy.writeFloat64(npy, shape, p.doubleData());
            } else {
                Npy.writeFloat32(npy, shape, p.data());
            }
        }
        return 1;
    }
}
