package org.vosbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.keys.IBindingService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosbench.dataset.SequenceRef;
import org.vosbench.ui.editor.EditorKeys;
import org.vosbench.ui.editor.SequenceEditor;
import org.vosbench.ui.editor.SequenceEditorControl;
import org.vosbench.ui.editor.SequenceEditorInput;

/**
 * The sequence editor's keys in a running workbench, pressed as a person presses them (X events through
 * {@link Display#post}, under Xvfb): the workbench's key bindings dispatch them to the editor's commands
 * whichever control has the focus, so after clicking a tool button the frame keys still move the frame; and
 * Help ▸ Keys lists the keys the workbench binds, Ctrl+Y among the redo keys.
 */
class EditorKeyBindingsUiTest {

    @TempDir
    Path work;

    @Test
    void afterClickingAToolButtonTheFrameKeysStillMoveTheFrame() throws Exception {
        Display display = Display.getDefault();
        SequenceRef ref = TestSupport.registry().detect(TestSupport.davisReal()).open(
                org.vosbench.dataset.DatasetOptions.defaults()).sequence("car-roundabout").orElseThrow();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<List<String[]>> keysRows = new AtomicReference<>();
        int[] frames = new int[3];
        PlatformUI.createAndRunWorkbench(display, new WorkbenchAdvisor() {
            @Override
            public String getInitialWindowPerspectiveId() {
                return "org.vosbench.app.perspective";
            }

            @Override
            public void postStartup() {
                display.asyncExec(() -> {
                    try {
                        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
                        SequenceEditor editor = (SequenceEditor) page.openEditor(
                                new SequenceEditorInput(ref, work.resolve("car-roundabout"), "davis"), SequenceEditor.ID);
                        page.getWorkbenchWindow().getShell().forceActive();
                        pump(display);
                        SequenceEditorControl control = editor.control();
                        Button eraser = control.toolButton(SequenceEditorControl.Tool.ERASER);

                        click(display, eraser);
                        assertEquals("eraser", control.toolId(), "the click reached the tool button");
                        eraser.setFocus();
                        pump(display);
                        assertSame(eraser, display.getFocusControl(), "the tool button has the keyboard");
                        frames[0] = control.currentFrameIndex();
                        press(display, SWT.ARROW_RIGHT, 0);
                        frames[1] = control.currentFrameIndex();
                        press(display, SWT.ARROW_RIGHT, SWT.SHIFT);
                        frames[2] = control.currentFrameIndex();
                        keysRows.set(KeysDialog.rows(PlatformUI.getWorkbench().getService(IBindingService.class)));
                    } catch (Throwable t) {
                        failure.set(t);
                    } finally {
                        PlatformUI.getWorkbench().close();
                    }
                });
            }
        });
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertEquals(0, frames[0]);
        assertEquals(1, frames[1], "→ with the focus on a tool button shows the next frame");
        assertEquals(11, frames[2], "Shift+→ ten frames on");
        List<String[]> rows = keysRows.get();
        assertNotNull(rows);
        String redo = rows.stream().filter(r -> r[1].equals("Redo")).findFirst().orElseThrow()[0];
        assertTrue(redo.contains("Ctrl+Y"), "Help ▸ Keys shows Redo as " + redo);
        String undo = rows.stream().filter(r -> r[1].startsWith("Undo")).findFirst().orElseThrow()[0];
        assertTrue(undo.contains("Ctrl+Z") && !undo.contains("Ctrl+X"), "only the active scheme's keys: " + undo);
        String next = rows.stream().filter(r -> r[1].equals("Next frame")).findFirst().orElseThrow()[0];
        assertTrue(!next.equals("(no key)"), "the next-frame key is bound: " + next);
        assertTrue(rows.stream().anyMatch(r -> r[1].startsWith("Brush") && r[0].contains("(eraser)")),
                "the tool keys are listed");
        assertTrue(EditorKeys.command(EditorKeys.NEXT_FRAME).isPresent());
    }

    private static void click(Display display, Button button) {
        Point p = button.toDisplay(button.getSize().x / 2, button.getSize().y / 2);
        Event move = new Event();
        move.type = SWT.MouseMove;
        move.x = p.x;
        move.y = p.y;
        display.post(move);
        pump(display);
        for (int type : new int[] {SWT.MouseDown, SWT.MouseUp}) {
            Event e = new Event();
            e.type = type;
            e.button = 1;
            display.post(e);
            pump(display);
        }
    }

    private static void press(Display display, int keyCode, int modifier) {
        if (modifier != 0) {
            post(display, SWT.KeyDown, modifier);
        }
        post(display, SWT.KeyDown, keyCode);
        post(display, SWT.KeyUp, keyCode);
        if (modifier != 0) {
            post(display, SWT.KeyUp, modifier);
        }
        pump(display);
    }

    private static void post(Display display, int type, int keyCode) {
        Event e = new Event();
        e.type = type;
        e.keyCode = keyCode;
        display.post(e);
    }

    private static void pump(Display display) {
        long end = System.currentTimeMillis() + 400;
        while (System.currentTimeMillis() < end) {
            if (!display.readAndDispatch()) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
