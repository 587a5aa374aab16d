package org.vosbench.ui.editor;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.handlers.HandlerUtil;

/**
 * The handler of every {@link EditorKeys} command: runs the command's action on the active sequence
 * editor (plugin.xml activates it only while one is the active part).
 */
public final class EditorCommandHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        IEditorPart part = HandlerUtil.getActiveEditor(event);
        if (part instanceof SequenceEditor editor && editor.control() != null && !editor.control().isDisposed()) {
            String id = event.getCommand().getId();
            String parameter = event.getParameter(EditorKeys.SELECT_OBJECT.equals(id) ? EditorKeys.OBJECT_PARAMETER
                    : EditorKeys.TOOL_PARAMETER);
            EditorKeys.run(editor.control(), id, parameter);
        }
        return null;
    }
}
