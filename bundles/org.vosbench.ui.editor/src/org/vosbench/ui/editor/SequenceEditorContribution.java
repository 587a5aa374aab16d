package org.vosbench.ui.editor;

/**
 * An OSGi service that adds to each sequence editor when it opens, e.g. the interaction tools (click,
 * box, scribble) of {@code org.vosbench.interaction.ui}, through {@link SequenceEditorControl#addTool}.
 */
public interface SequenceEditorContribution {

    /**
     * Called on the UI thread once the editor's control exists.
     *
     * @param control the editor's control: its document, current frame and object, and tool bar
     */
    void contribute(SequenceEditorControl control);
}
