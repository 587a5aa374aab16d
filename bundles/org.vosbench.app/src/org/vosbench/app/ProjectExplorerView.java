package org.vosbench.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.ViewPart;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.vosbench.dataset.DatasetFormatRegistry;
import org.vosbench.dataset.SequenceRef;
import org.vosbench.model.Dataset;
import org.vosbench.model.Evaluation;
import org.vosbench.model.ReviewState;
import org.vosbench.model.Run;
import org.vosbench.model.Sequence;
import org.vosbench.sample.BundledSample;
import org.vosbench.ui.editor.PropagationJob;
import org.vosbench.ui.editor.SequenceEditor;
import org.vosbench.ui.editor.SequenceEditorInput;
import org.vosbench.ui.eval.CompareEditor;
import org.vosbench.ui.eval.CompareInput;
import org.vosbench.ui.eval.CompareSide;
import org.vosbench.ui.eval.EvaluationJob;
import org.vosbench.ui.eval.EvaluationView;

/**
 * The project explorer view: a {@link ProjectExplorerControl} on the open {@link ProjectSession}, and
 * the project actions (new, open, sample, add dataset, open a sequence, compare, evaluate). The dataset
 * format registry comes from the OSGi service registry.
 */
public final class ProjectExplorerView extends ViewPart {

    public static final String ID = "org.vosbench.app.projectExplorer";

    private ProjectExplorerControl control;
    private ServiceTracker<DatasetFormatRegistry, DatasetFormatRegistry> formats;

    @Override
    public void createPartControl(Composite parent) {
        var context = FrameworkUtil.getBundle(ProjectExplorerView.class).getBundleContext();
        formats = new ServiceTracker<>(context, DatasetFormatRegistry.class, null);
        formats.open();
        control = new ProjectExplorerControl(parent, SWT.NONE);
        control.setOpenHandler(this::open);
        MenuManager menu = new MenuManager();
        menu.setRemoveAllWhenShown(true);
        menu.addMenuListener(this::fillContextMenu);
        control.viewer().getTree().setMenu(menu.createContextMenu(control.viewer().getTree()));
        getSite().setSelectionProvider(control.viewer());
    }

    public ProjectExplorerControl control() {
        return control;
    }

    public ProjectSession session() {
        return control.session();
    }

    private Shell shell() {
        return getSite().getShell();
    }

    private DatasetFormatRegistry registry() {
        try {
            DatasetFormatRegistry r = formats.waitForService(5000);
            if (r == null) {
                throw new IllegalStateException("The dataset format registry service is not running");
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- project

    /** After the annotator preference changed: the open project's history uses the new name. */
    static void applyAnnotatorToOpenSessions() {
        var window = org.eclipse.ui.PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        if (window != null && window.getActivePage() != null
                && window.getActivePage().findView(ID) instanceof ProjectExplorerView v && v.session() != null) {
            v.session().setAnnotator(AppPreferences.annotator());
        }
    }

    private final RecentProjects recent = new RecentProjects(AppPreferences.node());

    Path lastProject() {
        return recent.last();
    }

    /** Project files opened before, most recent first (File ▸ Recent Projects). */
    public java.util.List<Path> recentProjects() {
        return recent.recent();
    }

    public boolean openProject(Path file) {
        try {
            setSession(ProjectSession.open(file, registry()));
            return true;
        } catch (IOException | RuntimeException e) {
            MessageDialog.openError(shell(), "Cannot open the project", file + ": " + e.getMessage());
            return false;
        }
    }

    public ProjectSession createProject(Path file, String name) throws IOException {
        ProjectSession s = ProjectSession.create(file, name, registry());
        setSession(s);
        return s;
    }

    /**
     * Closes the open project: asks to save dirty editors, closes the editors, and leaves "No project
     * open"; the next start opens no project either. False when the person cancelled.
     */
    public boolean closeProject() {
        if (session() == null) {
            return true;
        }
        if (!page().closeAllEditors(true)) {
            return false;
        }
        control.setSession(null);
        setContentDescription("");
        try {
            recent.closed();
        } catch (org.osgi.service.prefs.BackingStoreException e) {
            MessageDialog.openError(shell(), "Could not write the preferences", e.getMessage());
        }
        return true;
    }

    private void setSession(ProjectSession s) {
        if (session() != null && session() != s) {
            page().closeAllEditors(true);
        }
        s.setAnnotator(AppPreferences.annotator());
        control.setSession(s);
        setContentDescription(s.project().getName());
        try {
            // written now: a crash must not forget which project was open
            recent.opened(s.file());
        } catch (org.osgi.service.prefs.BackingStoreException e) {
            MessageDialog.openError(shell(), "Could not write the preferences", e.getMessage());
        }
    }

    void newProjectDialog() {
        NewProjectDialog dialog = new NewProjectDialog(shell(), registry());
        if (dialog.open() != NewProjectDialog.OK) {
            return;
        }
        try {
            ProjectSession s = createProject(dialog.file(), dialog.name());
            if (dialog.dataset() != null) {
                s.addDataset(dialog.dataset());
            }
        } catch (IOException | RuntimeException e) {
            MessageDialog.openError(shell(), "Cannot create the project", dialog.file() + ": " + e.getMessage());
        }
    }

    void openProjectDialog() {
        FileDialog dialog = new FileDialog(shell(), SWT.OPEN);
        dialog.setText("Open a VOS Bench project");
        dialog.setFilterExtensions(new String[] {"*.vosbench", "*"});
        String file = dialog.open();
        if (file != null) {
            openProject(Path.of(file));
        }
    }

    /**
     * Opens (creating it the first time) the sample project in {@code ~/.vosbench/sample}: the DAVIS
     * sequence bundled with VOS Bench, with its ground truth.
     */
    public void openSample() {
        Path dir = Path.of(System.getProperty("user.home"), ".vosbench", "sample");
        Path file = dir.resolve("sample.vosbench");
        try {
            if (Files.isRegularFile(file)) {
                openProject(file);
                return;
            }
            Path data = BundledSample.copyTo(dir.resolve("davis"));
            ProjectSession s = createProject(file, "sample");
            s.addDataset(data);
        } catch (IOException | RuntimeException e) {
            MessageDialog.openError(shell(), "Cannot open the sample", e.getMessage());
        }
    }

    void addDatasetDialog() {
        if (requireProject()) {
            return;
        }
        DirectoryDialog dialog = new DirectoryDialog(shell());
        dialog.setText("Add a dataset folder (DAVIS, YouTube-VOS, BL30K or a folder of frames)");
        String dir = dialog.open();
        if (dir != null) {
            addDataset(Path.of(dir));
        }
    }

    /** File ▸ Import Video…: the dialog, then {@link #importVideo}. */
    void importVideoDialog() {
        if (requireProject()) {
            return;
        }
        ImportVideoDialog dialog = new ImportVideoDialog(shell(), session().store().directory().resolve("videos"));
        if (dialog.open() == org.eclipse.jface.window.Window.OK) {
            importVideo(dialog.video(), dialog.root(), dialog.options());
        }
    }

    /**
     * Imports a video as a cancellable Job (the service of {@code vosbench import-video}); when it is
     * done the folder dataset is added to the project (or re-read) and the new sequence selected.
     */
    public org.eclipse.core.runtime.jobs.Job importVideo(Path video, Path root,
            org.vosbench.video.VideoImport.Options options) {
        org.eclipse.core.runtime.jobs.Job job = VideoJobs.importVideo(video, root, options, shell().getDisplay(),
                result -> addDataset(root).ifPresent(d -> {
                    Sequence s = d.findSequence(result.sequence().getFileName().toString());
                    if (s != null) {
                        control.viewer().setSelection(new org.eclipse.jface.viewers.StructuredSelection(s), true);
                    }
                }));
        job.schedule();
        return job;
    }

    /**
     * Fine-tune on Reviewed Sequences…: the dialog, then the training as a cancellable Job (the
     * Trainer of {@code vosbench train --stage finetune --project}) with its loss in the Training Loss
     * view; at the end (or after a cancel that finished an iteration) it offers the weights for the
     * next propagation.
     */
    public void fineTuneDialog() {
        if (requireProject()) {
            return;
        }
        try {
            session().save();
        } catch (IOException e) {
            MessageDialog.openError(shell(), "Cannot save the project", e.getMessage());
            return;
        }
        String stamp = java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        FineTuneDialog dialog = new FineTuneDialog(shell(), session().file(),
                session().store().directory().resolve("training").resolve(stamp), defaultStartWeights());
        if (dialog.open() == org.eclipse.jface.window.Window.OK) {
            fineTune(dialog.settings());
        }
    }

    /** @return the engine preference's weights, else the project's latest STCN run's, else null */
    Path defaultStartWeights() {
        Path preferred = org.vosbench.ui.editor.EnginePreferences.choices().weights();
        if (preferred != null && Files.isRegularFile(preferred)) {
            return preferred;
        }
        return session().store().project().getRuns().stream()
                .filter(r -> "stcn".equals(r.getBackboneId()) && r.getWeightsPath() != null)
                .sorted(java.util.Comparator.comparing(Run::getStartedAt,
                        java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())).reversed())
                .map(r -> session().store().resolve(r.getWeightsPath())).filter(Files::isRegularFile).findFirst()
                .orElse(null);
    }

    /** Starts the fine-tuning Job of {@code settings}, its loss in the Training Loss view. */
    public org.eclipse.core.runtime.jobs.Job fineTune(FineTuneJob.Settings settings) {
        LossChart chart;
        try {
            chart = ((LossChartView) getSite().getPage().showView(LossChartView.ID, null,
                    IWorkbenchPage.VIEW_VISIBLE)).chart();
        } catch (PartInitException e) {
            MessageDialog.openError(shell(), "Cannot show the Training Loss view", e.getMessage());
            return null;
        }
        chart.reset(settings.iterations(), "Fine-tuning " + settings.iterations() + " iterations…");
        org.eclipse.core.runtime.jobs.Job job = FineTuneJob.create(settings, registry(), runtime(), shell().getDisplay(),
                i -> {
                    if (!chart.isDisposed()) {
                        chart.add(i.it(), i.iterations(), i.totalLoss(), i.iterationsPerSecond());
                    }
                }, outcome -> offerWeights(outcome));
        job.addJobChangeListener(new org.eclipse.core.runtime.jobs.JobChangeAdapter() {
            @Override
            public void done(org.eclipse.core.runtime.jobs.IJobChangeEvent event) {
                IStatus status = event.getResult();
                if (status.getSeverity() == IStatus.ERROR) {
                    shell().getDisplay().asyncExec(() -> {
                        if (!chart.isDisposed()) {
                            chart.setStatus(status.getMessage());
                        }
                    });
                }
            }
        });
        job.schedule();
        return job;
    }

    private void offerWeights(FineTuneJob.Outcome outcome) {
        String what = (outcome.cancelled() ? "Cancelled after " : "Finished ") + outcome.completed() + " iterations"
                + (Double.isFinite(outcome.lastLoss()) ? String.format(java.util.Locale.ROOT, " (last loss %.5f)",
                        outcome.lastLoss()) : "") + ":\n" + outcome.weights() + "\n\nUse these weights for the next propagation?";
        if (MessageDialog.openQuestion(shell(), "Fine-tuned weights", what)) {
            try {
                FineTuneJob.useForPropagation(outcome.weights());
            } catch (org.osgi.service.prefs.BackingStoreException e) {
                MessageDialog.openError(shell(), "Cannot store the preference", e.getMessage());
            }
        }
    }

    private org.vosbench.engine.NdRuntime runtime() {
        var context = FrameworkUtil.getBundle(ProjectExplorerView.class).getBundleContext();
        ServiceTracker<org.vosbench.engine.NdRuntime, org.vosbench.engine.NdRuntime> t = new ServiceTracker<>(context,
                org.vosbench.engine.NdRuntime.class, null);
        t.open();
        try {
            org.vosbench.engine.NdRuntime r = t.waitForService(5000);
            if (r == null) {
                throw new IllegalStateException("The NdRuntime service (DJL) is not running");
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            t.close();
        }
    }

    /** Export Overlay Video…: the sequence's editable masks over its frames, as a Job. */
    void exportOverlayVideoDialog(Sequence sequence) {
        try {
            SequenceRef ref = session().sequenceRef(sequence);
            org.vosbench.dataset.Dataset ds = session().dataset(sequence.getDataset());
            ExportVideoDialog dialog = new ExportVideoDialog(shell(), sequence.getName(),
                    session().store().directory().resolve(sequence.getName() + ".mp4"));
            if (dialog.open() == org.eclipse.jface.window.Window.OK) {
                VideoJobs.exportOverlay(ds, ref, session().annotationsDir(sequence.getDataset()), dialog.output(),
                        dialog.overlay(), dialog.fps(), shell().getDisplay(), r -> {
                        }).schedule();
            }
        } catch (IOException | RuntimeException e) {
            MessageDialog.openError(shell(), "Cannot export " + sequence.getName(), e.getMessage());
        }
    }

    public Optional<Dataset> addDataset(Path root) {
        try {
            return Optional.of(session().addDataset(root));
        } catch (IOException | RuntimeException e) {
            MessageDialog.openError(shell(), "Cannot add the dataset", e.getMessage());
            return Optional.empty();
        }
    }

    private boolean requireProject() {
        if (session() == null) {
            MessageDialog.openInformation(shell(), "No project", "Create or open a project first.");
            return true;
        }
        return false;
    }

    // ---- opening things

    private void open(Object element) {
        if (element instanceof Sequence s) {
            openSequence(s);
        } else if (element instanceof Run r && !r.getSequences().isEmpty()) {
            compareWithGroundTruth(r, r.getSequences().get(0));
        } else if (element instanceof Evaluation e && e.getDataset() != null && e.getResultsPath() != null) {
            evaluate(e.getName(), e.getDataset(), session().store().resolve(e.getResultsPath()), e.getRun());
        }
    }

    /** Opens the sequence editor on a sequence's editable masks. */
    public SequenceEditor openSequence(Sequence sequence) {
        try {
            SequenceRef ref = session().sequenceRef(sequence);
            SequenceEditorInput input = new SequenceEditorInput(ref, session().workDir(sequence),
                    sequence.getDataset().getName());
            IEditorPart part = page().openEditor(input, SequenceEditor.ID);
            if (part instanceof SequenceEditor editor) {
                ProjectSession openedIn = session();
                editor.setPropagationListener((ed, job) -> recordPropagation(openedIn, sequence, ed, job));
                // opening changes no review state; a person's edit may, by the rule the history shows
                editor.document().addListener(openedIn.reviewRule(sequence, e -> MessageDialog.openError(shell(),
                        "Could not save the review state", e.getMessage())));
                return editor;
            }
        } catch (IOException | PartInitException | RuntimeException e) {
            MessageDialog.openError(shell(), "Cannot open " + sequence.getName(), e.getMessage());
        }
        return null;
    }

    private void recordPropagation(ProjectSession in, Sequence sequence, SequenceEditor editor, PropagationJob job) {
        if (job.written() == 0 && job.report() == null && !job.wasCancelled()) {
            return; // failed before writing anything: the job's error dialog says why
        }
        if (session() != in) {
            return; // the project was closed meanwhile
        }
        try {
            in.recordPropagation(sequence, new ProjectSession.PropagationOutcome(job.engineDescription(),
                    job.settings(),
                    job.direction().name().toLowerCase(), job.from(), job.report(), job.written(), job.wasCancelled(),
                    job.startedAt(), job.finishedAt()), dir -> editor.document().writeSnapshot(dir));
        } catch (IOException e) {
            MessageDialog.openError(shell(), "Could not record the run", e.getMessage());
        }
    }

    /**
     * Opens the compare editor: the sequence's editable masks (or a run's output) against the ground truth.
     */
    public CompareEditor compareWithGroundTruth(Run run, Sequence sequence) {
        try {
            SequenceRef ref = session().sequenceRef(sequence);
            org.vosbench.dataset.Dataset ds = session().dataset(sequence.getDataset());
            CompareSide left = run == null
                    ? CompareSide.folder("Annotations", session().workDir(sequence), ref)
                    : CompareSide.run(run.getId() + " " + run.getBackboneId(), ds,
                            session().store().resolve(run.getOutputPath()), ref);
            IEditorPart part = page().openEditor(new CompareInput(ref, left, CompareSide.groundTruth(ref)),
                    CompareEditor.ID);
            return part instanceof CompareEditor c ? c : null;
        } catch (IOException | PartInitException | RuntimeException e) {
            MessageDialog.openError(shell(), "Cannot compare " + sequence.getName(), e.getMessage());
            return null;
        }
    }

    /** Evaluates a results folder against a dataset in the evaluation view and records it in the project. */
    public EvaluationJob evaluate(String name, Dataset dataset, Path resultsDir, Run run) {
        try {
            EvaluationView view = (EvaluationView) page().showView(EvaluationView.ID);
            org.vosbench.dataset.Dataset ds = session().dataset(dataset);
            long start = System.nanoTime();
            String year = dataset.getOptions().containsKey("year") ? dataset.getOptions().get("year") : "2017";
            String set = dataset.getOptions().containsKey("split") ? dataset.getOptions().get("split") : "val";
            return view.evaluate(name, ds, resultsDir, set, year, outcome -> {
                try {
                    session().recordEvaluation(name, run, dataset, resultsDir, outcome.result(),
                            (System.nanoTime() - start) / 1e9);
                } catch (IOException e) {
                    MessageDialog.openError(shell(), "Could not record the evaluation", e.getMessage());
                }
            });
        } catch (IOException | PartInitException | RuntimeException e) {
            MessageDialog.openError(shell(), "Cannot evaluate " + name, e.getMessage());
            return null;
        }
    }

    private IWorkbenchPage page() {
        return getSite().getPage();
    }

    /** Opens the compare editor on two runs of the same sequence. */
    public CompareEditor compareRuns(Run left, Run right, Sequence sequence) {
        try {
            SequenceRef ref = session().sequenceRef(sequence);
            org.vosbench.dataset.Dataset ds = session().dataset(sequence.getDataset());
            CompareSide a = CompareSide.run(left.getId() + " " + left.getBackboneId(), ds,
                    session().store().resolve(left.getOutputPath()), ref);
            CompareSide b = CompareSide.run(right.getId() + " " + right.getBackboneId(), ds,
                    session().store().resolve(right.getOutputPath()), ref);
            IEditorPart part = page().openEditor(new CompareInput(ref, a, b), CompareEditor.ID);
            return part instanceof CompareEditor c ? c : null;
        } catch (IOException | PartInitException | RuntimeException e) {
            MessageDialog.openError(shell(), "Cannot compare the runs", e.getMessage());
            return null;
        }
    }

    private void fillContextMenu(IMenuManager menu) {
        var selection = control.viewer().getStructuredSelection().toList();
        if (selection.size() == 2 && selection.get(0) instanceof Run a && selection.get(1) instanceof Run b) {
            for (Sequence s : a.getSequences()) {
                if (b.getSequences().contains(s)) {
                    menu.add(action("Compare " + a.getId() + " and " + b.getId() + " on " + s.getName(),
                            () -> compareRuns(a, b, s)));
                }
            }
        }
        Object first = control.viewer().getStructuredSelection().getFirstElement();
        if (first instanceof Sequence s) {
            menu.add(action("Open in Sequence Editor", () -> openSequence(s)));
            menu.add(action("Compare Annotations with Ground Truth", () -> compareWithGroundTruth(null, s)));
            menu.add(action("Export Overlay Video…", () -> exportOverlayVideoDialog(s)));
            MenuManager review = new MenuManager("Review State");
            for (ReviewState state : ReviewState.VALUES) {
                review.add(action(ProjectExplorerControl.title(state), () -> control.setReviewStateOfSelection(state)));
            }
            menu.add(review);
        } else if (first instanceof Dataset d) {
            menu.add(action("Evaluate Annotations", () -> evaluate("annotations of " + d.getName(), d,
                    session().annotationsDir(d), null)));
        } else if (first instanceof Run r) {
            if (r.getDataset() != null && r.getOutputPath() != null) {
                menu.add(action("Evaluate Run", () -> evaluate(r.getId(), r.getDataset(),
                        session().store().resolve(r.getOutputPath()), r)));
            }
            for (Sequence s : r.getSequences()) {
                menu.add(action("Compare " + s.getName() + " with Ground Truth", () -> compareWithGroundTruth(r, s)));
            }
        }
        menu.add(new Separator());
        menu.add(action("Add Dataset…", this::addDatasetDialog));
        menu.add(action("Import Video…", this::importVideoDialog));
        menu.add(action("Fine-tune on Reviewed Sequences…", this::fineTuneDialog));
    }

    private static Action action(String text, Runnable body) {
        return new Action(text) {
            @Override
            public void run() {
                body.run();
            }
        };
    }

    @Override
    public void setFocus() {
        control.viewer().getTree().setFocus();
    }

    @Override
    public void dispose() {
        formats.close();
        super.dispose();
    }
}
