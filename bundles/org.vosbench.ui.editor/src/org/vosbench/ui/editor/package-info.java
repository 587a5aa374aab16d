/**
 * The sequence editor: the editable masks of one sequence ({@link org.vosbench.ui.editor.SequenceDocument})
 * with undoable operations in the Eclipse operation history, the editing tools, the timeline, the recovery
 * journal, and propagation from the current frame as an Eclipse Job through the engine service.
 */
package org.vosbench.ui.editor;
