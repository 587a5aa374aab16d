package org.vosbench.ui.editor;

import java.util.ArrayList;
import java.util.List;

import org.vosbench.core.LabelMask;

/**
 * Collects the frames one propagation writes into a {@link SequenceDocument} so that the whole run is
 * one undoable step. Call {@link #write} for each result (on the document's thread) and
 * {@link #finish} at the end, also after a cancel: what was written stays, and undo removes it.
 */
public final class PropagationRecorder {

    private final SequenceDocument document;
    private final String label;
    private final List<DocumentOperation.FrameChange> changes = new ArrayList<>();
    private boolean finished;

    PropagationRecorder(SequenceDocument document, String label) {
        this.document = document;
        this.label = label;
    }

    /**
     * Writes one propagated frame; frames a person annotated or edited are skipped.
     *
     * @return whether the frame was written
     */
    public boolean write(int frame, LabelMask mask) {
        if (finished) {
            throw new IllegalStateException("Propagation already finished");
        }
        if (document.state(frame).isPersonMade()) {
            return false;
        }
        changes.add(document.writePropagated(frame, mask));
        return true;
    }

    /** Frames written so far. */
    public int written() {
        return changes.size();
    }

    /** Adds the run to the undo history as one operation (nothing when no frame was written). */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (!changes.isEmpty()) {
            document.addToHistory(new DocumentOperation(label, document, changes, null, null));
        }
    }
}
