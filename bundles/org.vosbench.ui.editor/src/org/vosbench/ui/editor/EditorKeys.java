package org.vosbench.ui.editor;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;

/**
 * The sequence editor's keys, in one table: the editor dispatches key events through it and
 * Help ▸ Keys shows it, so the reference cannot drift from what the keys do. The choice follows the
 * shortcuts Cutie users know: 1–9 select an object, ←/→ step, Shift ±10, F / B propagate forward and
 * backward, Space plays, Ctrl+Z / Ctrl+Y undo and redo.
 */
public final class EditorKeys {

    /** One key (or key family) of the editor. */
    public record Key(String keys, String action, Predicate<Event> matches, Consumer<SequenceEditorControl> run) {
    }

    private EditorKeys() {
    }

    private static boolean ctrl(Event e) {
        return (e.stateMask & SWT.MOD1) != 0;
    }

    private static boolean shift(Event e) {
        return (e.stateMask & SWT.SHIFT) != 0;
    }

    private static boolean plain(Event e) {
        return (e.stateMask & (SWT.MOD1 | SWT.ALT)) == 0;
    }

    private static boolean letter(Event e, char c) {
        return plain(e) && (e.keyCode == c || e.character == c || e.character == Character.toUpperCase(c));
    }

    private static int digit(Event e) {
        return e.character >= '1' && e.character <= '9' ? e.character - '0'
                : e.keyCode >= '1' && e.keyCode <= '9' ? e.keyCode - '0' : -1;
    }

    /** The table, in the order Help ▸ Keys lists it. */
    public static final List<Key> ALL = List.of(
            new Key("1 – 9", "Select object 1 to 9 (the tools paint with it)",
                    e -> plain(e) && digit(e) > 0, null),
            new Key("← / →", "Previous / next frame",
                    e -> !ctrl(e) && !shift(e) && (e.keyCode == SWT.ARROW_LEFT || e.keyCode == SWT.ARROW_RIGHT), null),
            new Key("Shift+← / Shift+→", "Ten frames back / forward",
                    e -> !ctrl(e) && shift(e) && (e.keyCode == SWT.ARROW_LEFT || e.keyCode == SWT.ARROW_RIGHT), null),
            new Key("Home / End", "First / last frame", e -> e.keyCode == SWT.HOME || e.keyCode == SWT.END, null),
            new Key("F", "Propagate forward from the current frame", e -> letter(e, 'f'),
                    c -> c.propagate(PropagationDirection.FORWARD)),
            new Key("B", "Propagate backward from the current frame", e -> letter(e, 'b'),
                    c -> c.propagate(PropagationDirection.BACKWARD)),
            new Key("Space", "Play / stop", e -> plain(e) && e.character == ' ', SequenceEditorControl::togglePlay),
            new Key("Ctrl+Z", "Undo (a stroke, a fill, a whole propagation)",
                    e -> ctrl(e) && !shift(e) && (e.keyCode == 'z' || e.keyCode == 'Z'), SequenceEditorControl::undo),
            new Key("Ctrl+Y, Ctrl+Shift+Z", "Redo",
                    e -> ctrl(e) && (e.keyCode == 'y' || e.keyCode == 'Y'
                            || shift(e) && (e.keyCode == 'z' || e.keyCode == 'Z')), SequenceEditorControl::redo),
            new Key("Enter / Esc", "Close / drop the polygon being drawn",
                    e -> e.keyCode == SWT.CR || e.keyCode == SWT.KEYPAD_CR || e.keyCode == SWT.ESC, null),
            new Key("0", "Fit the frame to the canvas (the canvas handles it)", e -> false, null),
            new Key("Ctrl+S", "Save the masks (workbench)", e -> false, null),
            new Key("Mouse wheel / right or middle drag", "Zoom around the pointer / pan", e -> false, null));

    /** Runs the key's action on the editor; whether a key of the table matched. */
    static boolean dispatch(SequenceEditorControl editor, Event e) {
        for (Key k : ALL) {
            if (k.matches().test(e)) {
                if (k.run() != null) {
                    k.run().accept(editor);
                } else {
                    editor.navigate(e);
                }
                return true;
            }
        }
        return false;
    }

    /** The table as text, for Help ▸ Keys. */
    public static String reference() {
        StringBuilder sb = new StringBuilder();
        for (Key k : ALL) {
            sb.append(String.format("%-34s %s%n", k.keys(), k.action()));
        }
        return sb.toString();
    }
}
