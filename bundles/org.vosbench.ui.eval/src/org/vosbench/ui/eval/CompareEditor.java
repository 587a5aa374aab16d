package org.vosbench.ui.eval;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.EditorPart;

/** The compare editor: a read-only {@link ComparePanel} on a {@link CompareInput}. */
public final class CompareEditor extends EditorPart {

    public static final String ID = "org.vosbench.ui.eval.compare";

    private ComparePanel panel;

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        if (!(input instanceof CompareInput)) {
            throw new PartInitException("The compare editor opens comparisons, not " + input.getName());
        }
        setSite(site);
        setInput(input);
        setPartName(input.getName());
    }

    @Override
    public void createPartControl(Composite parent) {
        CompareInput in = (CompareInput) getEditorInput();
        panel = new ComparePanel(parent, SWT.NONE, in.sequence(), in.left(), in.right());
    }

    public ComparePanel panel() {
        return panel;
    }

    @Override
    public void doSave(IProgressMonitor monitor) {
    }

    @Override
    public void doSaveAs() {
    }

    @Override
    public boolean isDirty() {
        return false;
    }

    @Override
    public boolean isSaveAsAllowed() {
        return false;
    }

    @Override
    public void setFocus() {
        panel.leftCanvas().setFocus();
    }
}
