package org.vosbench.app;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.BooleanFieldEditor;
import org.eclipse.jface.preference.ComboFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.FileFieldEditor;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.jface.preference.ScaleFieldEditor;
import org.eclipse.swt.custom.BusyIndicator;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import java.nio.file.Path;

import org.vosbench.engine.ContributionInfo;
import org.vosbench.engine.EngineChoices;
import org.vosbench.engine.EngineRegistry;
import org.vosbench.engine.Precision;
import org.vosbench.engine.PropagationService;
import org.vosbench.ui.editor.EnginePreferences;

/**
 * Propagation and display preferences: every engine option of the command line (backbone, weights,
 * similarity, top-k, memEvery, include-last, memory policy and bound, device, AMP, threads, precision)
 * and the overlay opacity. When the page is applied the choices are resolved by the engine, as the
 * command line's are, and a session is opened with them (the weights are loaded, every key and shape
 * checked), so a bad file or choice is reported here and not at the first propagation.
 */
public final class VosBenchPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    private ServiceTracker<PropagationService, PropagationService> engine;
    private FileFieldEditor weights;
    private ComboFieldEditor backbone;
    private ComboFieldEditor device;
    private ComboFieldEditor similarity;
    private ComboFieldEditor memoryPolicy;
    private ComboFieldEditor precision;
    private IntegerFieldEditor topK;
    private IntegerFieldEditor memEvery;
    private IntegerFieldEditor maxFrames;
    private IntegerFieldEditor threads;
    private BooleanFieldEditor includeLast;
    private BooleanFieldEditor amp;

    public VosBenchPreferencePage() {
        super(GRID);
        setDescription("Propagation settings used by the sequence editor, and the overlay opacity.");
    }

    @Override
    public void init(IWorkbench workbench) {
        ScopedPreferenceStore store = new ScopedPreferenceStore(InstanceScope.INSTANCE, EnginePreferences.NODE);
        EngineChoices d = EngineChoices.defaults();
        store.setDefault(EnginePreferences.BACKBONE, "");
        store.setDefault(EnginePreferences.WEIGHTS, "");
        store.setDefault(EnginePreferences.SIMILARITY, d.similarity());
        store.setDefault(EnginePreferences.TOP_K, d.topK());
        store.setDefault(EnginePreferences.MEM_EVERY, d.memEvery());
        store.setDefault(EnginePreferences.INCLUDE_LAST, d.includeLast());
        store.setDefault(EnginePreferences.MEMORY_POLICY, d.memory());
        store.setDefault(EnginePreferences.MAX_MEMORY_FRAMES, d.maxMemoryFrames());
        store.setDefault(EnginePreferences.DEVICE, d.device());
        store.setDefault(EnginePreferences.AMP, d.amp());
        store.setDefault(EnginePreferences.THREADS, d.threads());
        store.setDefault(EnginePreferences.PRECISION, d.precision());
        store.setDefault(EnginePreferences.OVERLAY_OPACITY, EnginePreferences.DEFAULT_OVERLAY_OPACITY);
        setPreferenceStore(store);
        var bundle = FrameworkUtil.getBundle(VosBenchPreferencePage.class);
        if (bundle != null && bundle.getBundleContext() != null) {
            engine = new ServiceTracker<>(bundle.getBundleContext(), PropagationService.class, null);
            engine.open();
        }
    }

    private EngineRegistry registry() {
        PropagationService s = engine == null ? null : engine.getService();
        return s == null ? null : s.registry();
    }

    @Override
    protected void createFieldEditors() {
        List<String[]> backbones = new ArrayList<>();
        backbones.add(new String[] {"Automatic (training-free; STCN when a weights file is set)", ""});
        EngineRegistry registry = registry();
        if (registry != null) {
            for (ContributionInfo b : registry.backbones()) {
                backbones.add(new String[] {b.name() + (b.requiresWeights() ? " (needs weights)" : ""), b.id()});
            }
        } else {
            backbones.add(new String[] {"STCN (needs weights)", EngineRegistry.STCN_BACKBONE});
        }
        backbone = new ComboFieldEditor(EnginePreferences.BACKBONE, "Default &backbone:",
                backbones.toArray(String[][]::new), getFieldEditorParent());
        addField(backbone);
        weights = new FileFieldEditor(EnginePreferences.WEIGHTS, "STCN &weights file:", true,
                FileFieldEditor.VALIDATE_ON_KEY_STROKE, getFieldEditorParent());
        weights.setFileExtensions(new String[] {"*.pth", "*"});
        weights.setEmptyStringAllowed(true);
        addField(weights);
        List<String[]> similarities = new ArrayList<>();
        if (registry != null) {
            for (ContributionInfo c : registry.similarities()) {
                similarities.add(new String[] {c.name(), c.id()});
            }
        } else {
            similarities.add(new String[] {"L2 (STCN)", EngineRegistry.DEFAULT_SIMILARITY});
        }
        similarity = new ComboFieldEditor(EnginePreferences.SIMILARITY, "&Similarity:",
                similarities.toArray(String[][]::new), getFieldEditorParent());
        addField(similarity);
        topK = new IntegerFieldEditor(EnginePreferences.TOP_K, "&Top-k:", getFieldEditorParent());
        topK.setValidRange(1, 10_000);
        addField(topK);
        memEvery = new IntegerFieldEditor(EnginePreferences.MEM_EVERY, "&memEvery:", getFieldEditorParent());
        memEvery.setValidRange(1, 10_000);
        addField(memEvery);
        includeLast = new BooleanFieldEditor(EnginePreferences.INCLUDE_LAST,
                "&Include the last frame as temporary memory", getFieldEditorParent());
        addField(includeLast);
        memoryPolicy = new ComboFieldEditor(EnginePreferences.MEMORY_POLICY, "Memory &policy:",
                new String[][] {{"STCN (first frame + every memEvery-th)", "stcn"},
                    {"Bounded (flat memory on long videos)", "bounded"}}, getFieldEditorParent());
        addField(memoryPolicy);
        maxFrames = new IntegerFieldEditor(EnginePreferences.MAX_MEMORY_FRAMES, "Bounded: max memory &frames:",
                getFieldEditorParent());
        maxFrames.setValidRange(1, 10_000);
        addField(maxFrames);
        device = new ComboFieldEditor(EnginePreferences.DEVICE, "&Device:",
                new String[][] {{"CPU", "cpu"}, {"GPU (CUDA)", "gpu"}}, getFieldEditorParent());
        addField(device);
        amp = new BooleanFieldEditor(EnginePreferences.AMP, "float16 (&AMP) on the GPU", getFieldEditorParent());
        addField(amp);
        threads = new IntegerFieldEditor(EnginePreferences.THREADS, "CPU t&hreads (0: all cores):",
                getFieldEditorParent());
        threads.setValidRange(0, 1024);
        addField(threads);
        List<String[]> precisions = new ArrayList<>();
        for (Precision p : Precision.values()) {
            precisions.add(new String[] {p.id(), p.id()});
        }
        precision = new ComboFieldEditor(EnginePreferences.PRECISION, "P&recision:",
                precisions.toArray(String[][]::new), getFieldEditorParent());
        addField(precision);
        ScaleFieldEditor opacity = new ScaleFieldEditor(EnginePreferences.OVERLAY_OPACITY, "Overlay &opacity (%):",
                getFieldEditorParent(), 0, 100, 5, 10);
        addField(opacity);
    }

    @Override
    public boolean performOk() {
        String problem = checkChoices();
        if (problem != null) {
            setErrorMessage(problem);
            setValid(false);
            return false;
        }
        return super.performOk();
    }

    @Override
    protected void checkState() {
        super.checkState();
        if (isValid()) {
            setErrorMessage(null);
        }
    }

    /** Checks the values the page shows now (not yet stored); see {@link WeightsCheck}. */
    String checkChoices() {
        PropagationService service = engine == null ? null : engine.getService();
        EngineChoices choices = shownChoices();
        AtomicReference<String> error = new AtomicReference<>();
        BusyIndicator.showWhile(getShell().getDisplay(),
                () -> error.set(WeightsCheck.check(service, choices).problem()));
        return error.get();
    }

    /** @return the choices the page shows now */
    EngineChoices shownChoices() {
        String file = weights.getStringValue().strip();
        return new EngineChoices(comboValue(backbone, EnginePreferences.BACKBONE), file.isEmpty() ? null : Path.of(file),
                comboValue(similarity, EnginePreferences.SIMILARITY), topK.getIntValue(), memEvery.getIntValue(),
                includeLast.getBooleanValue(), comboValue(memoryPolicy, EnginePreferences.MEMORY_POLICY),
                maxFrames.getIntValue(), comboValue(device, EnginePreferences.DEVICE), amp.getBooleanValue(),
                threads.getIntValue(), comboValue(precision, EnginePreferences.PRECISION));
    }

    /** The value a combo field editor shows now (it only stores it on OK). */
    private String comboValue(ComboFieldEditor editor, String key) {
        if (editor == null) {
            return getPreferenceStore().getString(key);
        }
        // ComboFieldEditor keeps its value private; store it into a scratch store to read it back
        var scratch = new org.eclipse.jface.preference.PreferenceStore();
        editor.setPreferenceStore(scratch);
        editor.store();
        editor.setPreferenceStore(getPreferenceStore());
        return scratch.getString(key);
    }

    @Override
    public void dispose() {
        if (engine != null) {
            engine.close();
        }
        super.dispose();
    }
}
