package org.vosbench.app;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.StringFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;

/** Window ▸ Preferences ▸ VOS Bench ▸ Annotation: the name the review history records. */
public final class AnnotationPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    public AnnotationPreferencePage() {
        super(GRID);
        setDescription("Who you are in the review history of each sequence (empty: the system user name, "
                + System.getProperty("user.name", "unknown") + ").");
    }

    @Override
    public void init(IWorkbench workbench) {
        ScopedPreferenceStore store = new ScopedPreferenceStore(InstanceScope.INSTANCE, AppPreferences.NODE);
        store.setDefault(AppPreferences.ANNOTATOR, "");
        setPreferenceStore(store);
    }

    @Override
    protected void createFieldEditors() {
        addField(new StringFieldEditor(AppPreferences.ANNOTATOR, "&Annotator name:", getFieldEditorParent()));
    }

    @Override
    public boolean performOk() {
        boolean ok = super.performOk();
        ProjectExplorerView.applyAnnotatorToOpenSessions();
        return ok;
    }
}
