/**
 * The sequence editor: the editable masks of one sequence ({@link org.vosbench.ui.editor.SequenceDocument})
 * with undoable operations in the Eclipse operation history, the editing tools, the timeline, the recovery
 * journal, and propagation from the current frame as an Eclipse Job through the engine service.
 * <p>
 * One job a class: the document is a facade over {@code MaskStore} (masks and frame states),
 * {@code UndoHistory}, {@code DocumentFolder} (the documented {@code SequenceFolder} store on disk),
 * {@code RecoveryJournal} and {@code DocumentEvents}; the editor control composes {@code EditorToolBar},
 * {@code ObjectListPanel} (a JFace viewer), {@code TimelineStrip} and {@code Playback}.
 */
package org.vosbench.ui.editor;
