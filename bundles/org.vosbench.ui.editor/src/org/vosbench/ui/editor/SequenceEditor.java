package org.vosbench.ui.editor;

import java.io.IOException;
import java.util.function.BiConsumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.contexts.IContextActivation;
import org.eclipse.ui.contexts.IContextService;
import org.eclipse.ui.operations.UndoRedoActionGroup;
import org.eclipse.ui.part.EditorPart;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.vosbench.engine.PropagationService;
import org.vosbench.engine.SessionSettings;

/**
 * The sequence editor part: a {@link SequenceEditorControl} on a {@link SequenceDocument} whose
 * operations live in the workbench operation history, so Edit ▸ Undo/Redo and Ctrl+Z / Ctrl+Y act on
 * it. Offers the recovery journal when it opens, saves with Ctrl+S, and starts propagations as Jobs
 * through the engine's {@link PropagationService} (found in the OSGi service registry).
 */
public final class SequenceEditor extends EditorPart {

    public static final String ID = "org.vosbench.ui.editor.sequence";

    private SequenceDocument document;
    private SequenceEditorControl control;
    private PropagationController propagation;
    private ServiceTracker<PropagationService, PropagationService> engine;
    private BiConsumer<SequenceEditor, PropagationJob> propagationListener = (e, j) -> {
    };

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        if (!(input instanceof SequenceEditorInput seqInput)) {
            throw new PartInitException("The sequence editor opens dataset sequences, not " + input.getName());
        }
        setSite(site);
        setInput(input);
        setPartName(input.getName());
        setTitleToolTip(input.getToolTipText());
        try {
            document = SequenceDocument.open(seqInput.sequence(), seqInput.workDir(),
                    PlatformUI.getWorkbench().getOperationSupport().getOperationHistory());
        } catch (IOException | RuntimeException e) {
            throw new PartInitException("Cannot open " + input.getName() + ": " + e.getMessage(), e);
        }
        var bundle = FrameworkUtil.getBundle(SequenceEditor.class);
        if (bundle != null && bundle.getBundleContext() != null) {
            engine = new ServiceTracker<>(bundle.getBundleContext(), PropagationService.class, null);
            engine.open();
        }
    }

    @Override
    public void createPartControl(Composite parent) {
        offerRecovery(parent);
        control = new SequenceEditorControl(parent, SWT.NONE, document);
        control.setOverlayOpacity(EnginePreferences.node().getInt(EnginePreferences.OVERLAY_OPACITY,
                EnginePreferences.DEFAULT_OVERLAY_OPACITY) / 100.0);
        control.setPropagationHandler((c, direction) -> propagate(direction));
        contribute();
        propagation = new PropagationController(control, document,
                job -> propagationListener.accept(SequenceEditor.this, job));
        document.addListener(new SequenceDocument.Listener() {
            @Override
            public void dirtyChanged(boolean dirty) {
                firePropertyChange(PROP_DIRTY);
            }
        });
        UndoRedoActionGroup undoRedo = new UndoRedoActionGroup(getSite(), document.undoContext(), true);
        undoRedo.fillActionBars(getEditorSite().getActionBars());
        activateKeys();
    }

    /**
     * Activates the editor's key context ({@link EditorKeys#CONTEXT}) for this part (the workbench applies it
     * while the part is active), except while a text field, spinner or combo of the editor has the focus: their
     * typing (a brush size, a name) must not select objects or move frames.
     */
    private void activateKeys() {
        IContextService contexts = getSite().getService(IContextService.class);
        if (contexts == null) {
            return;
        }
        Display display = control.getDisplay();
        IContextActivation[] activation = {contexts.activateContext(EditorKeys.CONTEXT)};
        Listener focus = e -> {
            if (!(e.widget instanceof Control c) || control.isDisposed() || !isInside(c)) {
                return;
            }
            boolean typing = c instanceof Text || c instanceof Spinner
                    || c instanceof Combo && (c.getStyle() & SWT.READ_ONLY) == 0;
            if (typing && activation[0] != null) {
                contexts.deactivateContext(activation[0]);
                activation[0] = null;
            } else if (!typing && activation[0] == null) {
                activation[0] = contexts.activateContext(EditorKeys.CONTEXT);
            }
        };
        display.addFilter(SWT.FocusIn, focus);
        control.addListener(SWT.Dispose, e -> display.removeFilter(SWT.FocusIn, focus));
    }

    private boolean isInside(Control c) {
        for (Control p = c; p != null; p = p.getParent()) {
            if (p == control) {
                return true;
            }
        }
        return false;
    }

    /** Lets the installed {@link SequenceEditorContribution}s (interaction tools, ...) add to the control. */
    private void contribute() {
        var bundle = FrameworkUtil.getBundle(SequenceEditor.class);
        if (bundle == null || bundle.getBundleContext() == null) {
            return;
        }
        var tracker = new ServiceTracker<SequenceEditorContribution, SequenceEditorContribution>(
                bundle.getBundleContext(), SequenceEditorContribution.class, null);
        tracker.open();
        try {
            for (Object c : tracker.getServices() == null ? new Object[0] : tracker.getServices()) {
                ((SequenceEditorContribution) c).contribute(control);
            }
        } finally {
            tracker.close();
        }
    }

    private void offerRecovery(Composite parent) {
        if (!document.hasRecovery()) {
            return;
        }
        try {
            if (MessageDialog.openQuestion(parent.getShell(), "Recover unsaved edits",
                    "VOS Bench found unsaved edits of " + document.name() + " from a session that ended without"
                            + " saving. Recover them? (No deletes them.)")) {
                document.recover();
            } else {
                document.discardRecovery();
            }
        } catch (IOException e) {
            MessageDialog.openError(parent.getShell(), "Recovery failed", e.getMessage());
        }
    }

    public SequenceDocument document() {
        return document;
    }

    public SequenceEditorControl control() {
        return control;
    }

    /** Called on the UI thread after each propagation job ends (the app records the run). */
    public void setPropagationListener(BiConsumer<SequenceEditor, PropagationJob> listener) {
        propagationListener = listener;
    }

    /** Starts a propagation Job from the current frame with the preferences' settings. */
    public PropagationJob propagate(PropagationDirection direction) {
        PropagationService service = engine == null ? null : engine.getService();
        if (service == null) {
            MessageDialog.openError(getSite().getShell(), "No propagation engine",
                    "The propagation service is not running; check that the engine bundles are installed.");
            return null;
        }
        SessionSettings settings;
        try {
            settings = EnginePreferences.sessionSettings(service.registry());
        } catch (RuntimeException e) {
            MessageDialog.openError(getSite().getShell(), "Cannot propagate", e.getMessage());
            return null;
        }
        return propagation.start(direction, service, settings);
    }

    /** The running propagation, or null. */
    public PropagationJob runningPropagation() {
        return propagation == null ? null : propagation.running();
    }

    @Override
    public void doSave(IProgressMonitor monitor) {
        try {
            document.save();
        } catch (IOException e) {
            MessageDialog.openError(getSite().getShell(), "Save failed", e.getMessage());
            if (monitor != null) {
                monitor.setCanceled(true);
            }
        }
    }

    @Override
    public void doSaveAs() {
        throw new UnsupportedOperationException("Masks are saved in place");
    }

    @Override
    public boolean isDirty() {
        return document != null && document.isDirty();
    }

    @Override
    public boolean isSaveAsAllowed() {
        return false;
    }

    @Override
    public void setFocus() {
        control.canvas().setFocus();
    }

    @Override
    public void dispose() {
        if (propagation != null) {
            propagation.cancel();
        }
        if (engine != null) {
            engine.close();
        }
        if (document != null) {
            // the workbench asked to save on close; a dirty document here means the person said no
            try {
                if (document.isDirty()) {
                    document.discardRecovery();
                }
            } catch (IOException e) {
                // the journal stays and is offered next time, which is harmless
            }
            document.close();
        }
        super.dispose();
    }
}
