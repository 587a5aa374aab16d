package org.vosbench.ui.editor;

import java.nio.file.Path;
import java.util.Objects;

import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IPersistableElement;
import org.vosbench.dataset.SequenceRef;

/**
 * What the sequence editor opens: a dataset sequence and the folder its editable masks are saved in
 * (the DAVIS result layout, {@code <workDir>/<frame>.png}). Two inputs are equal when they edit the
 * same folder, so opening a sequence twice brings its editor to the front.
 */
public final class SequenceEditorInput implements IEditorInput {

    private final SequenceRef sequence;
    private final Path workDir;
    private final String datasetName;

    public SequenceEditorInput(SequenceRef sequence, Path workDir, String datasetName) {
        this.sequence = Objects.requireNonNull(sequence);
        this.workDir = workDir.toAbsolutePath().normalize();
        this.datasetName = datasetName;
    }

    public SequenceRef sequence() {
        return sequence;
    }

    public Path workDir() {
        return workDir;
    }

    public String datasetName() {
        return datasetName;
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
        return sequence.name();
    }

    @Override
    public IPersistableElement getPersistable() {
        return null;
    }

    @Override
    public String getToolTipText() {
        return datasetName + " / " + sequence.name() + " — " + workDir;
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SequenceEditorInput other && other.workDir.equals(workDir);
    }

    @Override
    public int hashCode() {
        return workDir.hashCode();
    }
}
