package org.vosbench.app;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.runtime.preferences.InstanceScope;
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
import org.vosbench.engine.ContributionInfo;
import org.vosbench.engine.EngineRegistry;
import org.vosbench.engine.PropagationService;
import org.vosbench.engine.SessionSettings;
import org.vosbench.ui.editor.EnginePreferences;

/**
 * Propagation and display preferences: default backbone, weights file, device, top-k, memEvery, memory
 * policy, overlay opacity. The weights file is checked when the page is applied, by loading it through
 * the engine (every key and shape), so a bad file is reported here and not at the first propagation.
 */
public final class VosBenchPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    private ServiceTracker<PropagationService, PropagationService> engine;
    private FileFieldEditor weights;
    private ComboFieldEditor backbone;
    private ComboFieldEditor device;

    public VosBenchPreferencePage() {
        super(GRID);
        setDescription("Propagation settings used by the sequence editor, and the overlay opacity.");
    }

    @Override
    public void init(IWorkbench workbench) {
        ScopedPreferenceStore store = new ScopedPreferenceStore(InstanceScope.INSTANCE, EnginePreferences.NODE);
        store.setDefault(EnginePreferences.BACKBONE, "");
        store.setDefault(EnginePreferences.WEIGHTS, "");
        store.setDefault(EnginePreferences.DEVICE, EnginePreferences.DEFAULT_DEVICE);
        store.setDefault(EnginePreferences.PRECISION, "fp32");
        store.setDefault(EnginePreferences.TOP_K, SessionSettings.DEFAULT_TOP_K);
        store.setDefault(EnginePreferences.MEM_EVERY, SessionSettings.DEFAULT_MEM_EVERY);
        store.setDefault(EnginePreferences.MEMORY_POLICY, EnginePreferences.DEFAULT_MEMORY_POLICY);
        store.setDefault(EnginePreferences.MAX_MEMORY_FRAMES, SessionSettings.DEFAULT_MAX_MEMORY_FRAMES);
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
        device = new ComboFieldEditor(EnginePreferences.DEVICE, "&Device:",
                new String[][] {{"CPU", "cpu"}, {"GPU (CUDA)", "gpu"}}, getFieldEditorParent());
        addField(device);
        addField(new ComboFieldEditor(EnginePreferences.PRECISION, "&Precision:",
                new String[][] {{"fp32 (default)", "fp32"}, {"fp64 (the official code's float64 results; slow)", "fp64"},
                    {"bf16 (bfloat16 convolutions; CPUs with avx512_bf16/AMX)", "bf16"}}, getFieldEditorParent()));
        IntegerFieldEditor topK = new IntegerFieldEditor(EnginePreferences.TOP_K, "&Top-k:", getFieldEditorParent());
        topK.setValidRange(1, 10_000);
        addField(topK);
        IntegerFieldEditor memEvery = new IntegerFieldEditor(EnginePreferences.MEM_EVERY, "&memEvery:",
                getFieldEditorParent());
        memEvery.setValidRange(1, 10_000);
        addField(memEvery);
        addField(new ComboFieldEditor(EnginePreferences.MEMORY_POLICY, "Memory &policy:",
                new String[][] {{"STCN (first frame + every memEvery-th)", "stcn"},
                    {"Bounded (flat memory on long videos)", "bounded"}}, getFieldEditorParent()));
        IntegerFieldEditor maxFrames = new IntegerFieldEditor(EnginePreferences.MAX_MEMORY_FRAMES,
                "Bounded: max memory &frames:", getFieldEditorParent());
        maxFrames.setValidRange(1, 10_000);
        addField(maxFrames);
        ScaleFieldEditor opacity = new ScaleFieldEditor(EnginePreferences.OVERLAY_OPACITY, "Overlay &opacity (%):",
                getFieldEditorParent(), 0, 100, 5, 10);
        addField(opacity);
    }

    @Override
    public boolean performOk() {
        String problem = checkWeights(weights.getStringValue().strip());
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

    /** Checks the weights file with the values the page shows now; see {@link WeightsCheck}. */
    String checkWeights(String path) {
        PropagationService service = engine == null ? null : engine.getService();
        AtomicReference<String> error = new AtomicReference<>();
        BusyIndicator.showWhile(getShell().getDisplay(),
                () -> error.set(WeightsCheck.problem(service, backboneValue(), deviceValue(), path)));
        return error.get();
    }

    private String backboneValue() {
        return comboValue(backbone, EnginePreferences.BACKBONE);
    }

    private String deviceValue() {
        String value = comboValue(device, EnginePreferences.DEVICE);
        return value.isEmpty() ? EnginePreferences.DEFAULT_DEVICE : value;
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
