package org.vosbench.ui.editor;

import org.eclipse.core.commands.operations.IOperationHistory;
import org.eclipse.core.commands.operations.IUndoContext;
import org.eclipse.core.commands.operations.ObjectUndoContext;

/**
 * A document's place in the Eclipse operation history: its undo context, the operations it adds, and
 * the change count that tells whether it differs from what was saved (undo back to the saved state is
 * clean again).
 */
final class UndoHistory {

    private final IOperationHistory history;
    private final IUndoContext context;
    private int changeCount;
    private int savedChangeCount;

    UndoHistory(IOperationHistory history, Object owner, String label) {
        this.history = history;
        this.context = new ObjectUndoContext(owner, label);
    }

    IOperationHistory history() {
        return history;
    }

    IUndoContext context() {
        return context;
    }

    /** Adds a done operation (it is not executed again). */
    void add(DocumentOperation op) {
        history.add(op);
    }

    /** A new change. */
    void changed() {
        changeCount++;
    }

    /** An operation redone ({@code after}) or undone: counting back and forth keeps "dirty" exact. */
    void replayed(boolean after) {
        changeCount += after ? 1 : -1;
    }

    boolean isDirty() {
        return changeCount != savedChangeCount;
    }

    void saved() {
        savedChangeCount = changeCount;
    }

    /** Forgets this document's undo and redo operations; {@code flush} also those shared with other contexts. */
    void dispose(boolean flush) {
        history.dispose(context, true, true, flush);
    }
}
