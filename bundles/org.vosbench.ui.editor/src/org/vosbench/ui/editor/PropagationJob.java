package org.vosbench.ui.editor;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;
import org.vosbench.core.CancelledException;
import org.vosbench.core.Dimension2;
import org.vosbench.core.ImageReader;
import org.vosbench.core.LabelMask;
import org.vosbench.core.ProgressMonitor;
import org.vosbench.core.RgbImage;
import org.vosbench.dataset.SequenceCheck;
import org.vosbench.engine.FrameSource;
import org.vosbench.engine.PropagationReport;
import org.vosbench.engine.PropagationService;
import org.vosbench.engine.Propagator;
import org.vosbench.engine.SessionSettings;
import org.vosbench.ui.EclipseProgressMonitor;

/**
 * Propagates a document's masks from one frame, forward, backward or both, as an Eclipse Job: progress
 * with frames per second in the Progress view, cancel keeps the frames already written. Each pass stops
 * before the next frame a person annotated or edited (MiVOS rounds), and those frames are never
 * written. The whole run is one undoable operation.
 */
public final class PropagationJob extends Job {

    /** Job family, e.g. to join all propagations in tests. */
    public static final Object FAMILY = PropagationJob.class;

    private final SequenceDocument document;
    private final int from;
    private final PropagationDirection direction;
    private final PropagationService service;
    private final SessionSettings settings;
    private final Display display;
    private volatile PropagationReport report;
    private volatile int written;
    private volatile boolean cancelled;
    private volatile java.time.Instant startedAt;
    private volatile java.time.Instant finishedAt;
    private volatile Progress progressListener = (done, total, fps) -> {
    };

    /** Frames done of total and frames per second so far; called on the UI thread. */
    @FunctionalInterface
    public interface Progress {
        void progressed(int done, int total, double framesPerSecond);
    }

    public PropagationJob(SequenceDocument document, int from, PropagationDirection direction,
            PropagationService service, SessionSettings settings, Display display) {
        super("Propagating " + document.name() + " " + direction.name().toLowerCase() + " from frame " + (from + 1));
        this.document = document;
        this.from = from;
        this.direction = direction;
        this.service = service;
        this.settings = settings;
        this.display = display;
        setUser(true);
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == FAMILY;
    }

    /** The engine's report (frames, compute time) once the job finished; null before, on cancel or failure. */
    public PropagationReport report() {
        return report;
    }

    /** Frames written into the document. */
    public int written() {
        return written;
    }

    /** Where the editor's progress strip gets frames done / total and frames per second. */
    public void setProgressListener(Progress listener) {
        progressListener = listener;
    }

    /** When the job started and finished running (null before). */
    /** @return the engine's description of itself, for the run record */
    public String engineDescription() {
        return service.describeEngine();
    }

    public java.time.Instant startedAt() {
        return startedAt;
    }

    public java.time.Instant finishedAt() {
        return finishedAt;
    }

    public boolean wasCancelled() {
        return cancelled;
    }

    public int from() {
        return from;
    }

    public PropagationDirection direction() {
        return direction;
    }

    public SessionSettings settings() {
        return settings;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        startedAt = java.time.Instant.now();
        try {
            return propagate(monitor);
        } finally {
            finishedAt = java.time.Instant.now();
        }
    }

    private IStatus propagate(IProgressMonitor monitor) {
        // the input is checked before anything is written, by the command line's check: a truncated or
        // odd-sized frame fails now, naming the file, not half-way through the run
        try {
            Dimension2 size = SequenceCheck.frames(document.sequence());
            if (size.width() != document.width() || size.height() != document.height()) {
                return Status.error("The frames of " + document.name() + " are " + size.width() + "x" + size.height()
                        + " but its masks are " + document.width() + "x" + document.height());
            }
        } catch (IOException | RuntimeException e) {
            return Status.error("Cannot propagate " + document.name() + ": " + e.getMessage(), e);
        }
        // what the engine reads is copied on the UI thread first: the person may keep editing meanwhile
        Map<Integer, LabelMask> inputs = new HashMap<>();
        SortedSet<Integer> personFrames = new TreeSet<>();
        AtomicReference<PropagationRecorder> recorder = new AtomicReference<>();
        AtomicReference<String> problem = new AtomicReference<>();
        display.syncExec(() -> {
            if (document.mask(from) == null) {
                problem.set("Frame " + (from + 1) + " has no mask to propagate from: draw one first.");
                return;
            }
            personFrames.addAll(document.personFrames());
            personFrames.add(from);
            for (int f : personFrames) {
                inputs.put(f, document.mask(f).copy());
            }
            recorder.set(document.recordPropagation("Propagate " + direction.name().toLowerCase()));
        });
        if (problem.get() != null) {
            return Status.error(problem.get());
        }
        FrameSource source = new FrameSource() {
            @Override
            public int frameCount() {
                return document.frameCount();
            }

            @Override
            public RgbImage image(int i) throws IOException {
                return ImageReader.readRgb(document.sequence().frame(i).image());
            }

            @Override
            public SortedSet<Integer> annotatedFrames() {
                return personFrames;
            }

            @Override
            public Optional<LabelMask> annotation(int i) {
                return Optional.ofNullable(inputs.get(i));
            }
        };
        long start = System.nanoTime();
        ProgressMonitor progress = new EclipseProgressMonitor(monitor) {
            private int done;
            private int total = -1;

            @Override
            public void begin(String task, int totalWork) {
                total = totalWork;
                super.begin(task, totalWork);
                report(0);
            }

            @Override
            public void worked(int work) {
                done += work;
                monitor.worked(work);
                double fps = report(done);
                monitor.subTask(total > 0 ? String.format("%d / %d frames, %.2f frames/s", done, total, fps)
                        : String.format("%d frames, %.2f frames/s", done, fps));
            }

            private double report(int d) {
                double seconds = (System.nanoTime() - start) / 1e9;
                double fps = d / Math.max(seconds, 1e-9);
                int t = total;
                display.asyncExec(() -> progressListener.progressed(d, t, fps));
                return fps;
            }
        };
        try {
            report = new Propagator(service, settings).propagateRound(source, from, toEngine(direction), r -> {
                if (r.frameIndex() == from) {
                    return;
                }
                LabelMask labels = r.labels();
                display.syncExec(() -> {
                    if (!document.isClosed() && recorder.get().write(r.frameIndex(), labels)) {
                        written++;
                    }
                });
            }, progress);
            return Status.info(String.format("Propagated %d frames at %.2f frames/s", written,
                    report.framesPerSecond()));
        } catch (CancelledException e) {
            cancelled = true;
            return Status.CANCEL_STATUS;
        } catch (IOException | RuntimeException e) {
            return Status.error("Propagation of " + document.name() + " failed: " + e.getMessage(), e);
        } finally {
            display.syncExec(() -> recorder.get().finish());
        }
    }

    private static Propagator.Direction toEngine(PropagationDirection d) {
        return switch (d) {
            case FORWARD -> Propagator.Direction.FORWARD;
            case BACKWARD -> Propagator.Direction.BACKWARD;
            case BOTH -> Propagator.Direction.BOTH;
        };
    }
}
