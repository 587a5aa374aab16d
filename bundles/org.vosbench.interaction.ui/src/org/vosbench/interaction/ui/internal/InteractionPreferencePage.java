package org.vosbench.interaction.ui.internal;

import java.util.List;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.ComboFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.FileFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.vosbench.interaction.InteractionModelInfo;
import org.vosbench.interaction.InteractionRegistry;

/** Window ▸ Preferences ▸ VOS Bench ▸ Interaction: the model of the click, box and scribble tools and its weights. */
public final class InteractionPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    /** Creates the page. */
    public InteractionPreferencePage() {
        super(GRID);
        setDescription("The model behind the Click, Box and Scribble tools of the sequence editor. GrabCut needs no"
                + " weights; MiVOS's S2M needs s2m.pth (github.com/hkchengrex/MiVOS).");
    }

    @Override
    public void init(IWorkbench workbench) {
        ScopedPreferenceStore store = new ScopedPreferenceStore(InstanceScope.INSTANCE, InteractionPreferences.NODE);
        store.setDefault(InteractionPreferences.MODEL, InteractionRegistry.DEFAULT_MODEL);
        store.setDefault(InteractionPreferences.WEIGHTS, "");
        setPreferenceStore(store);
    }

    @Override
    protected void createFieldEditors() {
        List<InteractionModelInfo> models = models();
        String[][] entries = new String[models.size()][];
        for (int i = 0; i < models.size(); i++) {
            InteractionModelInfo m = models.get(i);
            entries[i] = new String[] {m.name() + (m.requiresWeights() ? " (needs weights)" : ""), m.id()};
        }
        addField(new ComboFieldEditor(InteractionPreferences.MODEL, "&Model:", entries, getFieldEditorParent()));
        FileFieldEditor weights = new FileFieldEditor(InteractionPreferences.WEIGHTS, "&Weights (s2m.pth):",
                true, getFieldEditorParent());
        weights.setFileExtensions(new String[] {"*.pth", "*"});
        weights.setEmptyStringAllowed(true);
        addField(weights);
    }

    private static List<InteractionModelInfo> models() {
        var bundle = FrameworkUtil.getBundle(InteractionPreferencePage.class);
        var tracker = new ServiceTracker<InteractionRegistry, InteractionRegistry>(bundle.getBundleContext(),
                InteractionRegistry.class, null);
        tracker.open();
        try {
            InteractionRegistry registry = tracker.waitForService(5000);
            return registry == null ? List.of() : registry.models();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } finally {
            tracker.close();
        }
    }
}
