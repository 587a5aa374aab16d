package org.vosbench.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.vosbench.dataset.DatasetFormat;
import org.vosbench.dataset.DatasetFormatRegistry;
import org.vosbench.dataset.DatasetOptions;
import org.vosbench.dataset.DetectedDataset;
import org.vosbench.dataset.SequenceRef;
import org.vosbench.engine.PropagationReport;
import org.vosbench.engine.SessionSettings;
import org.vosbench.eval.EvaluationResult;
import org.vosbench.eval.GlobalResult;
import org.vosbench.model.Dataset;
import org.vosbench.model.Evaluation;
import org.vosbench.model.ReviewState;
import org.vosbench.model.Run;
import org.vosbench.model.RunKind;
import org.vosbench.model.RunStatus;
import org.vosbench.model.Sequence;
import org.vosbench.model.VosBenchFactory;
import org.vosbench.model.VosProject;
import org.vosbench.model.store.ProjectStore;

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
     * sequence per dataset sequence (frames, annotated frames, and object ids: DAVIS-style formats decode
     * only the first mask per sequence, YouTube-VOS reads them from meta.json).
     *
     * @throws org.vosbench.dataset.UnrecognizedDatasetException listing what each format expected
     */
    public Dataset addDataset(Path root) throws IOException {
        DetectedDataset detected = registry.detect(root);
        org.vosbench.dataset.Dataset ds = detected.open(DatasetOptions.defaults());
        Dataset model = store.ensureDataset(root, detected.format().id());
        for (SequenceRef ref : ds.sequences()) {
            Sequence s = ProjectStore.ensureSequence(model, ref.name());
            s.setFrameCount(ref.length());
            s.getAnnotatedFrames().clear();
            s.getAnnotatedFrames().addAll(ref.annotations().keySet());
            if (s.getObjectIds().isEmpty()) {
                try {
                    s.getObjectIds().addAll(ref.objectIds());
                } catch (IOException e) {
                    // shown when the sequence is opened; listing must not fail on one bad mask
                }
            }
        }
        opened.put(model, ds);
        save();
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

    /** What one editor propagation did, as the Job saw it. */
    public record PropagationOutcome(SessionSettings settings, String direction, int startFrame,
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
        Run run = VosBenchFactory.eINSTANCE.createRun();
        run.setName(sequence.getName() + " " + outcome.direction() + " from frame " + (outcome.startFrame() + 1));
        run.setKind(RunKind.PROPAGATE);
        run.setDataset(sequence.getDataset());
        run.getSequences().add(sequence);
        run.setEngine("VOS Bench workbench, sequence editor");
        run.setBackboneId(settings.backboneId());
        if (settings.weights().isPresent()) {
            Path w = settings.weights().get();
            run.setWeightsPath(store.toStoredPath(w));
            try {
                run.setWeightsSha256(ProjectStore.sha256(w));
            } catch (IOException e) {
                run.setMessage("weights not readable for SHA-256: " + e.getMessage());
            }
        }
        run.setSimilarityId(settings.similarityId());
        run.setTopK(settings.topK());
        run.setMemEvery(settings.memEvery());
        run.setIncludeLast(settings.includeLast());
        run.setMemoryPolicy(settings.memoryPolicyId());
        run.setMaxMemoryFrames(settings.maxMemoryFrames());
        run.setDevice(settings.device().kind().name().toLowerCase());
        run.getParameters().put("direction", outcome.direction());
        run.getParameters().put("startFrame", Integer.toString(outcome.startFrame()));
        run.getParameters().put("framesWritten", Integer.toString(outcome.written()));
        run.setStartedAt(outcome.startedAt());
        run.setFinishedAt(outcome.finishedAt());
        PropagationReport report = outcome.report();
        if (report != null) {
            run.setFrames(report.frames());
            run.setFramesPerSecond(report.framesPerSecond());
        } else if (outcome.written() > 0 && outcome.startedAt() != null && outcome.finishedAt() != null) {
            double seconds = java.time.Duration.between(outcome.startedAt(), outcome.finishedAt()).toNanos() / 1e9;
            run.setFrames(outcome.written());
            run.setFramesPerSecond(outcome.written() / Math.max(seconds, 1e-9));
        }
        run.setStatus(outcome.cancelled() ? RunStatus.CANCELLED : report == null ? RunStatus.FAILED : RunStatus.COMPLETED);
        store.addRun(run);
        Path runDir = store.directory().resolve(RUNS).resolve(run.getId());
        Path tmp = store.directory().resolve(RUNS).resolve(run.getId() + ".tmp");
        try {
            output.writeTo(tmp.resolve(sequence.getName()));
            java.nio.file.Files.move(tmp, runDir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            run.setOutputPath(store.toStoredPath(runDir));
        } catch (IOException e) {
            run.setStatus(RunStatus.FAILED);
            run.setMessage("could not write the run's masks to " + runDir + ": " + e.getMessage());
        }
        if (!outcome.cancelled() && report != null && (sequence.getReviewState() == ReviewState.NOT_STARTED
                || sequence.getReviewState() == ReviewState.IN_PROGRESS)) {
            changeReview(sequence, ReviewState.PROPAGATED, "rule: propagated by " + run.getId());
        }
        save();
        return run;
    }

    /** Records an evaluation shown in the evaluation view. */
    public Evaluation recordEvaluation(String name, Run run, Dataset dataset, Path resultsDir,
            EvaluationResult result, double seconds) throws IOException {
        Evaluation ev = VosBenchFactory.eINSTANCE.createEvaluation();
        ev.setName(name);
        ev.setRun(run);
        ev.setDataset(dataset);
        ev.setResultsPath(store.toStoredPath(resultsDir));
        ev.setSet(result.set());
        ev.setYear(result.year());
        if (!result.sequences().isEmpty()) {
            GlobalResult g = result.global();
            ev.setJAndF(g.jAndFMean());
            ev.setJMean(g.jMean());
            ev.setJRecall(g.jRecall());
            ev.setJDecay(g.jDecay());
            ev.setFMean(g.fMean());
            ev.setFRecall(g.fRecall());
            ev.setFDecay(g.fDecay());
        }
        ev.setElapsedSeconds(seconds);
        store.addEvaluation(ev);
        save();
        return ev;
    }

    /** Saves the project file (atomically, by the store) and tells listeners. */
    public void save() throws IOException {
        store.save();
        fire();
    }

    public void fire() {
        listeners.forEach(l -> l.projectChanged(this));
    }
}
