package org.vosbench.ui.editor;

import java.util.List;

import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.commands.operations.AbstractOperation;
import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;

/**
 * One undoable step on a {@link SequenceDocument}: the masks and states of some frames before and
 * after, and optionally the object list before and after. A brush stroke, a fill, deleting an object
 * and a whole propagation are each one operation, so one Ctrl+Z undoes each.
 * <p>
 * The change is already applied when the operation is added to the history (the editor paints live),
 * so {@link #execute} only re-applies the "after" side.
 */
public final class DocumentOperation extends AbstractOperation {

    /**
     * One frame's change; snapshots are null where the frame had (or has) no mask.
     */
    public record FrameChange(int frame, MaskSnapshot before, FrameState beforeState, MaskSnapshot after,
            FrameState afterState) {
    }

    private final SequenceDocument document;
    private final List<FrameChange> changes;
    private final List<AnnotatedObject> objectsBefore;
    private final List<AnnotatedObject> objectsAfter;

    DocumentOperation(String label, SequenceDocument document, List<FrameChange> changes,
            List<AnnotatedObject> objectsBefore, List<AnnotatedObject> objectsAfter) {
        super(label);
        this.document = document;
        this.changes = List.copyOf(changes);
        this.objectsBefore = objectsBefore == null ? null : List.copyOf(objectsBefore);
        this.objectsAfter = objectsAfter == null ? null : List.copyOf(objectsAfter);
        addContext(document.undoContext());
    }

    /** The frames this operation changed. */
    public List<FrameChange> changes() {
        return changes;
    }

    @Override
    public IStatus execute(IProgressMonitor monitor, IAdaptable info) throws ExecutionException {
        return redo(monitor, info);
    }

    @Override
    public IStatus redo(IProgressMonitor monitor, IAdaptable info) throws ExecutionException {
        document.apply(this, true);
        return Status.OK_STATUS;
    }

    @Override
    public IStatus undo(IProgressMonitor monitor, IAdaptable info) throws ExecutionException {
        document.apply(this, false);
        return Status.OK_STATUS;
    }

    List<AnnotatedObject> objects(boolean after) {
        return after ? objectsAfter : objectsBefore;
    }

    @Override
    public boolean canUndo() {
        return !document.isClosed();
    }

    @Override
    public boolean canRedo() {
        return !document.isClosed();
    }
}
