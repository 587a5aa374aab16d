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

    private ProjectSession(ProjectStore store, DatasetFormatRegistry registry) {
        this.store = store;
        this.registry = registry;
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

    /** Sets a sequence's review state and saves the project. */
    public void setReviewState(Sequence sequence, ReviewState state) throws IOException {
        ProjectStore.setReviewState(sequence, state);
        save();
    }

    /**
     * Records an editor propagation as a run of the project (through the model's one
     * {@link RunRecorder}, as the command line does), and marks the sequence propagated.
     *
     * @param engine the engine's description of itself ({@code PropagationService.describeEngine()})
     */
    public Run recordPropagation(Sequence sequence, String engine, SessionSettings settings, String direction,
            int startFrame, PropagationReport report, int written, boolean cancelled, Instant started)
            throws IOException {
        RunStatus status = cancelled ? RunStatus.CANCELLED : report == null ? RunStatus.FAILED : RunStatus.COMPLETED;
        RunRecorder.Outcome outcome = new RunRecorder.Outcome(started, Instant.now(), status,
                cancelled ? "cancelled" : null, report == null ? 0 : report.frames(),
                report == null ? 0 : report.framesPerSecond(), 0);
        RunRecorder.Settings recorded = new RunRecorder.Settings(settings.backboneId(), settings.weights().orElse(null),
                settings.similarityId(), settings.topK(), settings.memEvery(), settings.includeLast(),
                settings.memoryKind().id(), settings.maxMemoryFrames(),
                settings.device().kind().name().toLowerCase(java.util.Locale.ROOT), settings.device().amp(),
                settings.device().precision().id());
        Run run = RunRecorder.recordPropagation(store, sequence.getName() + " " + direction + " from frame "
                + (startFrame + 1), engine, recorded, sequence.getDataset(), List.of(sequence),
                annotationsDir(sequence.getDataset()), outcome, Map.of("direction", direction,
                        "startFrame", Integer.toString(startFrame), "framesWritten", Integer.toString(written)));
        if (!cancelled && report != null && (sequence.getReviewState() == ReviewState.NOT_STARTED
                || sequence.getReviewState() == ReviewState.IN_PROGRESS)) {
            ProjectStore.setReviewState(sequence, ReviewState.PROPAGATED);
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
