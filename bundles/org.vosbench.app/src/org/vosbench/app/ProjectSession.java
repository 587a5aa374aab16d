package org.vosbench.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.vosbench.core.OutputInUseException;
import org.vosbench.core.OutputLock;
import org.vosbench.dataset.DatasetFormat;
import org.vosbench.dataset.DatasetFormatRegistry;
import org.vosbench.dataset.DatasetOptions;
import org.vosbench.dataset.DetectedDataset;
import org.vosbench.dataset.SequenceRef;
import org.vosbench.engine.PropagationReport;
import org.vosbench.engine.SessionSettings;
import org.vosbench.eval.EvaluationRecorder;
import org.vosbench.eval.EvaluationResult;
import org.vosbench.model.Dataset;
import org.vosbench.model.Evaluation;
import org.vosbench.model.ReviewState;
import org.vosbench.model.Run;
import org.vosbench.model.RunStatus;
import org.vosbench.model.Sequence;
import org.vosbench.model.VosProject;
import org.vosbench.model.store.ProjectStore;
import org.vosbench.model.store.RunRecorder;

/**
 * One open workbench project: the EMF model behind the project explorer, the datasets opened through
 * the format registry, and every change saved at once (as the CLI does), so that a review state set with
 * one click is on disk. The editable masks of a sequence live in {@code <project folder>/annotations/
 * <dataset>/<sequence>/}, the DAVIS result layout, so they can be evaluated and compared like any run.
 * Not thread-safe: use it from the UI thread.
 */
public final class ProjectSession {

    /** Told after every change to the project. */
    public interface Listener {
        void projectChanged(ProjectSession session);
    }

    /** Folder, under the project's, of the editable masks. */
    public static final String ANNOTATIONS = "annotations";

    private final ProjectStore store;
    private final DatasetFormatRegistry registry;
    private final Map<Dataset, org.vosbench.dataset.Dataset> opened = new HashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final ReviewHistory reviewHistory;
    private String annotator = System.getProperty("user.name", "unknown");

    private ProjectSession(ProjectStore store, DatasetFormatRegistry registry) throws IOException {
        this.store = store;
        this.registry = registry;
        this.reviewHistory = ReviewHistory.of(store.file());
    }

    /** Creates a new project file (refuses to overwrite one). */
    public static ProjectSession create(Path file, String name, DatasetFormatRegistry registry) throws IOException {
        return new ProjectSession(ProjectStore.create(file, name), registry);
    }

    public static ProjectSession open(Path file, DatasetFormatRegistry registry) throws IOException {
        return new ProjectSession(ProjectStore.load(file), registry);
    }

    public ProjectStore store() {
        return store;
    }

    public VosProject project() {
        return store.project();
    }

    public Path file() {
        return store.file();
    }

    public DatasetFormatRegistry registry() {
        return registry;
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    /**
     * Adds a dataset folder, its format detected through the formats extension point, with one model
     * sequence per dataset sequence (frames, annotated frames, object ids), as {@code vosbench datasets
     * --project} does and through the same {@link ProjectStore#addDatasetListing}: the whole folder is
     * listed first (each sequence's first mask decoded), so a bad file fails with one message naming it
     * and the project is left as it was; a project that cannot be saved keeps no half-added dataset.
     *
     * @throws org.vosbench.dataset.UnrecognizedDatasetException listing what each format expected
     * @throws org.vosbench.core.InvalidInputException naming the file that cannot be read
     */
    public Dataset addDataset(Path root) throws IOException {
        DetectedDataset detected = registry.detect(root);
        org.vosbench.dataset.Dataset ds = detected.open(DatasetOptions.defaults());
        List<ProjectStore.SequenceListing> listing = new java.util.ArrayList<>();
        for (SequenceRef ref : ds.sequences()) {
            listing.add(new ProjectStore.SequenceListing(ref.name(), ref.length(),
                    List.copyOf(ref.annotations().keySet()), List.copyOf(ref.objectIds())));
        }
        boolean isNew = store.findDatasetByRoot(root).isEmpty();
        Dataset model = store.addDatasetListing(root, detected.format().id(), Map.of(), listing);
        try {
            save();
        } catch (IOException | RuntimeException e) {
            if (isNew) {
                store.project().getDatasets().remove(model);
            }
            throw e;
        }
        opened.put(model, ds);
        return model;
    }

    /** The dataset behind a model dataset, opened once with the format it was added with. */
    public org.vosbench.dataset.Dataset dataset(Dataset model) throws IOException {
        org.vosbench.dataset.Dataset ds = opened.get(model);
        if (ds == null) {
            Path root = store.resolve(model.getRootPath());
            DatasetFormat format = registry.byId(model.getFormatId()).orElseThrow(() -> new IOException(
                    "Dataset " + model.getName() + " needs format '" + model.getFormatId() + "', which is not installed"));
            DatasetOptions options = DatasetOptions.defaults();
            String year = model.getOptions().get("year");
            String split = model.getOptions().get("split");
            String resolution = model.getOptions().get("resolution");
            if (year != null) {
                options = options.withYear(year);
            }
            if (split != null) {
                options = options.withSplit(split);
            }
            if (resolution != null) {
                options = options.withResolution(resolution);
            }
            ds = format.open(root, options);
            opened.put(model, ds);
        }
        return ds;
    }

    public SequenceRef sequenceRef(Sequence sequence) throws IOException {
        return dataset(sequence.getDataset()).sequence(sequence.getName()).orElseThrow(() -> new IOException(
                "Sequence " + sequence.getName() + " is no longer in " + sequence.getDataset().getRootPath()));
    }

    /** Where the editor keeps a dataset's editable masks (the DAVIS result layout). */
    public Path annotationsDir(Dataset dataset) {
        return store.directory().resolve(ANNOTATIONS).resolve(dataset.getName());
    }

    public Path workDir(Sequence sequence) {
        return annotationsDir(sequence.getDataset()).resolve(sequence.getName());
    }

    /** The name written into the review history (the preferences' annotator, else the OS user). */
    public void setAnnotator(String name) {
        if (name != null && !name.isBlank()) {
            annotator = name.strip();
        }
    }

    public String annotator() {
        return annotator;
    }

    public ReviewHistory reviewHistory() {
        return reviewHistory;
    }

    /** The review changes of one sequence, oldest first. */
    public List<ReviewHistory.Entry> reviewHistory(Sequence sequence) {
        return reviewHistory.changesOf(sequence.getDataset().getName(), sequence.getName());
    }

    /** A person sets a sequence's review state: recorded in its history, and the project saved. */
    public void setReviewState(Sequence sequence, ReviewState state) throws IOException {
        if (changeReview(sequence, state, "set by hand")) {
            save();
        }
    }

    /**
     * The rule for edits, which the history shows: a person's edit of a reviewed or approved sequence
     * returns it to "in progress" (it must be looked at again), and so does the first edit of one not
     * started. Opening a sequence changes nothing.
     */
    public void sequenceEdited(Sequence sequence) throws IOException {
        ReviewState s = sequence.getReviewState();
        String note = switch (s) {
            case REVIEWED -> "rule: edited after review";
            case APPROVED -> "rule: edited after approval";
            case NOT_STARTED -> "rule: first edit";
            default -> null;
        };
        if (note != null && changeReview(sequence, ReviewState.IN_PROGRESS, note)) {
            save();
        }
    }

    /**
     * A listener that applies {@link #sequenceEdited} when a person edits the sequence's masks in an
     * editor (not on undo, redo or propagation).
     */
    public org.vosbench.ui.editor.SequenceDocument.Listener reviewRule(Sequence sequence,
            java.util.function.Consumer<IOException> onError) {
        return new org.vosbench.ui.editor.SequenceDocument.Listener() {
            @Override
            public void personEdited(java.util.SortedSet<Integer> frames) {
                try {
                    sequenceEdited(sequence);
                } catch (IOException e) {
                    onError.accept(e);
                }
            }
        };
    }

    private boolean changeReview(Sequence sequence, ReviewState state, String note) throws IOException {
        ReviewState from = sequence.getReviewState();
        if (from == state) {
            return false;
        }
        reviewHistory.add(new ReviewHistory.Entry(Instant.now(), annotator, sequence.getDataset().getName(),
                sequence.getName(), from, state, note));
        ProjectStore.setReviewState(sequence, state);
        return true;
    }

    /** Folder, under the project's, of the runs' own outputs: {@code runs/<run id>/<sequence>/<frame>.png}. */
    public static final String RUNS = "runs";

    /** What an editor propagation's output is called in lock files and {@code .vosbench-run}. */
    static final String RUN_WHAT = "workbench propagation";

    /**
     * What one editor propagation did, as the Job saw it.
     *
     * @param engine the engine's description of itself ({@code PropagationService.describeEngine()})
     */
    public record PropagationOutcome(String engine, SessionSettings settings, String direction, int startFrame,
            PropagationReport report, int written, boolean cancelled, Instant startedAt, Instant finishedAt) {
    }

    /** Writes a run's masks of one sequence into a folder (the DAVIS result layout). */
    @FunctionalInterface
    public interface RunOutput {
        void writeTo(Path sequenceDir) throws IOException;
    }

    /**
     * Records an editor propagation as a run of the project with its own output folder
     * ({@code runs/<run id>/<sequence>/}, written beside and renamed when whole), so that later edits,
     * later runs and the person's annotations never change what this run produced: any two runs and the
     * ground truth can be compared and evaluated later. Marks a not-started or in-progress sequence
     * propagated, with a note in its review history.
     */
    public Run recordPropagation(Sequence sequence, PropagationOutcome outcome, RunOutput output) throws IOException {
        SessionSettings settings = outcome.settings();
        PropagationReport report = outcome.report();
        int frames = report != null ? report.frames() : outcome.written();
        double framesPerSecond = 0;
        if (report != null) {
            framesPerSecond = report.framesPerSecond();
        } else if (outcome.written() > 0 && outcome.startedAt() != null && outcome.finishedAt() != null) {
            double seconds = java.time.Duration.between(outcome.startedAt(), outcome.finishedAt()).toNanos() / 1e9;
            framesPerSecond = outcome.written() / Math.max(seconds, 1e-9);
        }
        RunStatus status = outcome.cancelled() ? RunStatus.CANCELLED : report == null ? RunStatus.FAILED
                : RunStatus.COMPLETED;
        RunRecorder.Settings recorded = new RunRecorder.Settings(settings.backboneId(), settings.weights().orElse(null),
                settings.similarityId(), settings.topK(), settings.memEvery(), settings.includeLast(),
                settings.memoryKind().id(), settings.maxMemoryFrames(),
                settings.device().kind().name().toLowerCase(java.util.Locale.ROOT), settings.device().amp(),
                settings.device().precision().id());
        // the run's output is owned as every run's is (core's RunOutput: locked, written beside, renamed when
        // whole, named by .vosbench-run), and the project records that output run's id, as the command line's
        try (org.vosbench.core.RunOutput owned = org.vosbench.core.RunOutput.begin(RUN_WHAT + " (" + sequence.getName()
                + ")", false)) {
            Run run = RunRecorder.recordPropagation(store, sequence.getName() + " " + outcome.direction()
                    + " from frame " + (outcome.startFrame() + 1), outcome.engine(), recorded, sequence.getDataset(),
                    List.of(sequence), store.directory().resolve(RUNS),
                    new RunRecorder.Outcome(outcome.startedAt(), outcome.finishedAt(), status, null, frames,
                            framesPerSecond, 0),
                    Map.of("direction", outcome.direction(), "startFrame", Integer.toString(outcome.startFrame()),
                            "framesWritten", Integer.toString(outcome.written()), "outputRunId", owned.runId()));
            Path runDir = store.directory().resolve(RUNS).resolve(run.getId());
            try {
                org.vosbench.core.RunOutput.Folder folder = owned.claim(runDir.resolve(sequence.getName()));
                output.writeTo(folder.staging());
                folder.commit();
                run.setOutputPath(store.toStoredPath(runDir));
            } catch (IOException e) {
                run.setStatus(RunStatus.FAILED);
                run.setMessage("could not write the run's masks to " + runDir + ": " + e.getMessage());
            }
            return finishRecord(sequence, outcome, report, run);
        }
    }

    private Run finishRecord(Sequence sequence, PropagationOutcome outcome, PropagationReport report, Run run)
            throws IOException {
        if (!outcome.cancelled() && report != null && (sequence.getReviewState() == ReviewState.NOT_STARTED
                || sequence.getReviewState() == ReviewState.IN_PROGRESS)) {
            changeReview(sequence, ReviewState.PROPAGATED, "rule: propagated by " + run.getId());
        }
        save();
        return run;
    }

    /** Records an evaluation shown in the evaluation view, through the recorder {@code vosbench evaluate} uses. */
    public Evaluation recordEvaluation(String name, Run run, Dataset dataset, Path resultsDir,
            EvaluationResult result, double seconds) throws IOException {
        Evaluation ev = EvaluationRecorder.record(store, new EvaluationRecorder.Details(name, run, dataset, resultsDir,
                store.resolve(dataset.getRootPath()), null, seconds), result);
        save();
        return ev;
    }

    /**
     * Saves the project file (atomically, by the store) under the project's lock, as the command line's
     * {@code --project} records do, so that a save and a command recording at the same moment take turns
     * (a live holder is waited for, a few seconds at most); tells listeners.
     *
     * @throws org.vosbench.model.store.ProjectChangedOnDiskException when another program wrote the file since
     *             it was read (nothing is written then)
     */
    public void save() throws IOException {
        for (int attempt = 0;; attempt++) {
            try (OutputLock lock = OutputLock.acquire(store.file(), org.vosbench.core.RunOutput.newRunId(),
                    "workbench project save")) {
                store.save();
                break;
            } catch (OutputInUseException e) {
                if (attempt >= 50) {
                    throw e;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException i) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        fire();
    }

    public void fire() {
        listeners.forEach(l -> l.projectChanged(this));
    }
}
