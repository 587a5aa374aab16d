package org.vosbench.ui.eval;

import java.util.Objects;

import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IPersistableElement;
import org.vosbench.dataset.SequenceRef;

/** What the compare editor opens: one sequence and its two sides. */
public final class CompareInput implements IEditorInput {

    private final SequenceRef sequence;
    private final CompareSide left;
    private final CompareSide right;

    public CompareInput(SequenceRef sequence, CompareSide left, CompareSide right) {
        this.sequence = Objects.requireNonNull(sequence);
        this.left = Objects.requireNonNull(left);
        this.right = Objects.requireNonNull(right);
    }

    public SequenceRef sequence() {
        return sequence;
    }

    public CompareSide left() {
        return left;
    }

    public CompareSide right() {
        return right;
    }

    @Override
    public boolean exists() {
        return false;
    }

    @Override
    public ImageDescriptor getImageDescriptor() {
        return ImageDescriptor.getMissingImageDescriptor();
    }

    @Override
    public String getName() {
        return sequence.name() + ": " + left.label() + " ↔ " + right.label();
    }

    @Override
    public IPersistableElement getPersistable() {
        return null;
    }

    @Override
    public String getToolTipText() {
        return getName();
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompareInput c && c.sequence.name().equals(sequence.name())
                && c.left.label().equals(left.label()) && c.right.label().equals(right.label());
    }

    @Override
    public int hashCode() {
        return Objects.hash(sequence.name(), left.label(), right.label());
    }
}
