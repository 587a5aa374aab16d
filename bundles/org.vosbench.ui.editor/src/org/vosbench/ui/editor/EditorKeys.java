package org.vosbench.ui.editor;

import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The sequence editor's commands, in one table: each is a workbench command ({@code org.eclipse.ui.commands}
 * in this bundle's plugin.xml) bound to its key ({@code org.eclipse.ui.bindings}) in the editor's context
 * {@value #CONTEXT}, which the editor activates while it is the active part; one handler
 * ({@link EditorCommandHandler}) runs the table's action on the active editor. The workbench dispatches the
 * keys before any widget sees them, so they work whatever control of the editor has the focus (a tool
 * button, the object list), except while a text field or spinner takes typing. Help ▸ Keys lists the
 * bindings the workbench has for these commands (so a person's own key scheme shows), then
 * {@link #CANVAS_KEYS}. The choice follows the shortcuts Cutie users know: 1–9 select an object, ←/→ step,
 * Shift ±10, F / B propagate forward and backward, Space plays, Ctrl+Z / Ctrl+Y (the platform's undo and
 * redo) undo and redo.
 */
public final class EditorKeys {

    /** The context the editor's key bindings live in. */
    public static final String CONTEXT = "org.vosbench.ui.editor.context";
    /** The category of the editor's commands. */
    public static final String CATEGORY = "org.vosbench.ui.editor.commands";
    /** The object number (1–9) parameter of {@link #SELECT_OBJECT}. */
    public static final String OBJECT_PARAMETER = "org.vosbench.ui.editor.objectNumber";
    /** The tool id parameter of {@link #SELECT_TOOL}. */
    public static final String TOOL_PARAMETER = "org.vosbench.ui.editor.toolId";

    private static final String P = "org.vosbench.ui.editor.";
    public static final String SELECT_OBJECT = P + "selectObject";
    public static final String PREVIOUS_FRAME = P + "previousFrame";
    public static final String NEXT_FRAME = P + "nextFrame";
    public static final String BACK_TEN = P + "backTenFrames";
    public static final String FORWARD_TEN = P + "forwardTenFrames";
    public static final String FIRST_FRAME = P + "firstFrame";
    public static final String LAST_FRAME = P + "lastFrame";
    public static final String SELECT_TOOL = P + "selectTool";
    public static final String PROPAGATE_FORWARD = P + "propagateForward";
    public static final String PROPAGATE_BACKWARD = P + "propagateBackward";
    public static final String PLAY = P + "play";
    /** The platform's undo and redo, which the editor's operation history handles. */
    public static final String UNDO = "org.eclipse.ui.edit.undo";
    public static final String REDO = "org.eclipse.ui.edit.redo";
    public static final String SAVE = "org.eclipse.ui.file.save";

    /**
     * One editor command: its id, what it does in words (Help ▸ Keys), and what it does to the editor
     * given the command's parameter (null when it has none); the platform's commands have no action here.
     */
    public record Command(String id, String action, BiConsumer<SequenceEditorControl, String> run) {
    }

    /** A key the canvas handles itself while it has the focus (not a command). */
    public record CanvasKey(String keys, String action) {
    }

    private EditorKeys() {
    }

    /** The commands, in the order Help ▸ Keys lists them. */
    public static final List<Command> COMMANDS = List.of(
            new Command(SELECT_OBJECT, "Select object 1 to 9 (the tools paint with it)",
                    (c, n) -> c.document().object(Integer.parseInt(n)).ifPresent(o -> c.selectObject(o.id()))),
            new Command(PREVIOUS_FRAME, "Previous frame", (c, p) -> c.showFrame(c.currentFrameIndex() - 1)),
            new Command(NEXT_FRAME, "Next frame", (c, p) -> c.showFrame(c.currentFrameIndex() + 1)),
            new Command(BACK_TEN, "Ten frames back", (c, p) -> c.showFrame(c.currentFrameIndex() - 10)),
            new Command(FORWARD_TEN, "Ten frames forward", (c, p) -> c.showFrame(c.currentFrameIndex() + 10)),
            new Command(FIRST_FRAME, "First frame", (c, p) -> c.showFrame(0)),
            new Command(LAST_FRAME, "Last frame", (c, p) -> c.showFrame(c.document().frameCount() - 1)),
            new Command(SELECT_TOOL, "Brush / eraser / polygon / fill tool", SequenceEditorControl::selectTool),
            new Command(PROPAGATE_FORWARD, "Propagate forward from the current frame",
                    (c, p) -> c.propagate(PropagationDirection.FORWARD)),
            new Command(PROPAGATE_BACKWARD, "Propagate backward from the current frame",
                    (c, p) -> c.propagate(PropagationDirection.BACKWARD)),
            new Command(PLAY, "Play / stop", (c, p) -> c.togglePlay()),
            new Command(UNDO, "Undo (a stroke, a fill, a whole propagation)", null),
            new Command(REDO, "Redo", null),
            new Command(SAVE, "Save the masks", null));

    /** Keys the canvas handles while it has the focus. */
    public static final List<CanvasKey> CANVAS_KEYS = List.of(
            new CanvasKey("Enter / Esc", "Close / drop the polygon being drawn"),
            new CanvasKey("0", "Fit the frame to the canvas"),
            new CanvasKey("Mouse wheel / right or middle drag", "Zoom around the pointer / pan"));

    /** @return the editor command of this id */
    public static Optional<Command> command(String id) {
        return COMMANDS.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /**
     * Runs an editor command on an editor (what {@link EditorCommandHandler} does with the active one).
     *
     * @param parameter the command's parameter value, or null
     * @throws IllegalArgumentException for an id that is not an editor command with an action
     */
    public static void run(SequenceEditorControl editor, String id, String parameter) {
        Command c = command(id).filter(x -> x.run() != null)
                .orElseThrow(() -> new IllegalArgumentException("not a sequence editor command: " + id));
        c.run().accept(editor, parameter);
    }
}
