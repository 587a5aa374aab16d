package org.vosbench.ui.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.commands.operations.DefaultOperationHistory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.ui.ViewTransform;

/** Drives the real editor widgets (canvas mouse events, keys) and checks the document and the files. */
class SequenceEditorControlTest {

    @TempDir
    Path work;

    private Display display;
    private Shell shell;
    private SequenceDocument doc;
    private SequenceEditorControl editor;

    @BeforeEach
    void open() throws Exception {
        display = Display.getDefault();
        shell = new Shell(display);
        shell.setLayout(new FillLayout());
        shell.setSize(1100, 700);
        doc = SequenceDocument.open(SharedData.davisSequence(SharedData.davisReal(), "car-roundabout"),
                work.resolve("car-roundabout"), new DefaultOperationHistory());
        editor = new SequenceEditorControl(shell, SWT.NONE, doc);
        shell.open();
        pump();
    }

    @AfterEach
    void close() {
        shell.dispose();
        doc.close();
        pump();
    }

    private void pump() {
        for (int i = 0; i < 50; i++) {
            while (display.readAndDispatch()) {
                // drain
            }
        }
    }

    private void mouse(int type, double imageX, double imageY, int button) {
        ViewTransform v = editor.canvas().view();
        Event e = new Event();
        e.x = (int) Math.round(v.toScreenX(imageX));
        e.y = (int) Math.round(v.toScreenY(imageY));
        e.button = button;
        e.stateMask = type == SWT.MouseMove && button == 1 ? SWT.BUTTON1 : 0;
        editor.canvas().notifyListeners(type, e);
    }

    private void key(Control target, int keyCode, char character, int stateMask) {
        Event e = new Event();
        e.keyCode = keyCode;
        e.character = character;
        e.stateMask = stateMask;
        target.notifyListeners(SWT.KeyDown, e);
        pump();
    }

    /** Runs one of the editor's workbench commands on the control, as its handler does. */
    private void command(String id) {
        command(id, null);
    }

    private void command(String id, String parameter) {
        EditorKeys.run(editor, id, parameter);
        pump();
    }

    private void stroke(double x0, double y0, double x1, double y1) {
        mouse(SWT.MouseDown, x0, y0, 1);
        mouse(SWT.MouseMove, (x0 + x1) / 2, (y0 + y1) / 2, 1);
        mouse(SWT.MouseMove, x1, y1, 1);
        mouse(SWT.MouseUp, x1, y1, 1);
        pump();
    }

    private static int[] firstPixelOf(LabelMask m, int label) {
        for (int y = 0; y < m.height(); y++) {
            for (int x = 0; x < m.width(); x++) {
                if (m.get(x, y) == label) {
                    return new int[] {x, y};
                }
            }
        }
        throw new AssertionError("no pixel of " + label);
    }

    @Test
    void opensOnTheAnnotatedFirstFrameWithItsObject() {
        assertEquals(0, editor.currentFrameIndex());
        assertEquals(FrameState.ANNOTATED, doc.state(0));
        assertEquals(FrameState.NONE, doc.state(1));
        assertEquals(1, doc.objects().size());
        assertEquals(1, editor.currentObject());
        assertTrue(editor.frameLabel().getText().contains("annotated by a person"), editor.frameLabel().getText());
    }

    @Test
    void frameCommandsMoveThroughTheTimeline() {
        command(EditorKeys.NEXT_FRAME);
        assertEquals(1, editor.currentFrameIndex());
        command(EditorKeys.FORWARD_TEN);
        assertEquals(11, editor.currentFrameIndex());
        command(EditorKeys.LAST_FRAME);
        assertEquals(74, editor.currentFrameIndex());
        command(EditorKeys.NEXT_FRAME);
        assertEquals(74, editor.currentFrameIndex(), "stays on the last frame");
        command(EditorKeys.BACK_TEN);
        assertEquals(64, editor.currentFrameIndex());
        command(EditorKeys.FIRST_FRAME);
        assertEquals(0, editor.currentFrameIndex());
    }

    @Test
    void clickingTheTimelineJumpsToThatFrame() {
        Event e = new Event();
        e.x = editor.timeline().getClientArea().width * 40 / 75 + 2;
        e.y = 5;
        e.button = 1;
        editor.timeline().notifyListeners(SWT.MouseDown, e);
        assertEquals(40, editor.currentFrameIndex());
    }

    @Test
    void playCommandPlaysForwardAndStopsOnTheNext() {
        command(EditorKeys.PLAY);
        assertTrue(editor.isPlaying());
        long end = System.currentTimeMillis() + 600;
        while (System.currentTimeMillis() < end) {
            if (!display.readAndDispatch()) {
                display.sleep();
            }
        }
        command(EditorKeys.PLAY);
        assertFalse(editor.isPlaying());
        assertTrue(editor.currentFrameIndex() >= 3, "played to frame " + editor.currentFrameIndex());
    }

    @Test
    void brushStrokeOnAnEmptyFramePaintsTheObjectAndUndoRedoRestoreIt() throws Exception {
        command(EditorKeys.FORWARD_TEN); // frame 10 has no mask yet
        assertNull(doc.mask(10));
        editor.setBrushRadius(6);
        stroke(100, 100, 140, 100);

        LabelMask painted = doc.mask(10);
        assertEquals(1, painted.get(100, 100));
        assertEquals(1, painted.get(120, 100));
        assertEquals(1, painted.get(140, 104));
        assertEquals(0, painted.get(120, 110), "10 px below the stroke is outside the 6 px radius");
        assertEquals(FrameState.ANNOTATED, doc.state(10));
        assertTrue(doc.isDirty());
        assertEquals(1, editor.canvas().mask().get(120, 100), "the canvas shows the painted mask");

        editor.undo();
        assertNull(doc.mask(10), "undo removes the mask the stroke created");
        assertEquals(FrameState.NONE, doc.state(10));
        assertFalse(doc.isDirty());

        editor.redo();
        assertEquals(1, doc.mask(10).get(120, 100));
        editor.undo();
        editor.redo();
        assertEquals(1, doc.mask(10).get(120, 100), "redo again after an undo");
        assertEquals(FrameState.ANNOTATED, doc.state(10));
    }

    @Test
    void eraserOnTheFirstFrameRemovesObjectPixels() {
        LabelMask before = doc.mask(0).copy();
        int[] objectPixel = firstPixelOf(before, 1);
        editor.selectTool(SequenceEditorControl.Tool.ERASER);
        editor.setBrushRadius(3);
        stroke(objectPixel[0] + 0.5, objectPixel[1] + 0.5, objectPixel[0] + 0.5, objectPixel[1] + 0.5);
        assertEquals(0, doc.mask(0).get(objectPixel[0], objectPixel[1]));
        assertEquals(FrameState.ANNOTATED, doc.state(0), "a person's frame stays a person's frame");
        editor.undo();
        assertEquals(before, doc.mask(0));
    }

    @Test
    void polygonClicksFillTheEnclosedArea() {
        command(EditorKeys.NEXT_FRAME);
        editor.selectTool(SequenceEditorControl.Tool.POLYGON);
        for (double[] p : new double[][] {{10, 10}, {60, 10}, {60, 40}, {10, 40}}) {
            mouse(SWT.MouseDown, p[0], p[1], 1);
            mouse(SWT.MouseUp, p[0], p[1], 1);
        }
        key(editor.canvas(), SWT.CR, '\r', 0);
        LabelMask m = doc.mask(1);
        assertEquals(1, m.get(10, 10));
        assertEquals(1, m.get(59, 39));
        assertEquals(0, m.get(60, 20));
        assertEquals(0, m.get(30, 40));
        int inside = 0;
        for (byte b : m.labels()) {
            inside += b;
        }
        assertEquals(50 * 30, inside);
    }

    @Test
    void fillOnAnAddedObjectThenDeleteIsUndoable() {
        AnnotatedObject added = doc.addObject();
        assertEquals(2, added.id());
        editor.selectObject(2);
        editor.selectTool(SequenceEditorControl.Tool.FILL);
        LabelMask before = doc.mask(0).copy();
        int[] bg = firstPixelOf(before, 0);
        mouse(SWT.MouseDown, bg[0] + 0.5, bg[1] + 0.5, 1);
        mouse(SWT.MouseUp, bg[0] + 0.5, bg[1] + 0.5, 1);
        assertEquals(2, doc.mask(0).get(bg[0], bg[1]));
        assertEquals(1, doc.mask(0).objectIds().first(), "object 1 untouched by the fill");

        doc.deleteObject(2);
        assertEquals(1, doc.objects().size());
        assertFalse(doc.mask(0).objectIds().contains(2));
        editor.undo();
        assertEquals(2, doc.objects().size());
        assertEquals(2, doc.mask(0).get(bg[0], bg[1]));
    }

    @Test
    void renameRecolourAndHideChangeTheObjectListAndOverlay() {
        doc.renameObject(1, "car");
        doc.recolorObject(1, 0x00FF00);
        assertEquals("car", doc.object(1).orElseThrow().name());
        assertEquals(0x00FF00, editor.canvas().overlayStyle().colorOf(1));
        assertTrue(editor.objectTable().getItem(0).getText().contains("car"));
        TableItemClick.check(editor.objectTable(), 0, false);
        assertFalse(doc.object(1).orElseThrow().visible());
        assertTrue(editor.canvas().overlayStyle().hidden().contains(1));
        editor.undo();
        assertEquals(org.vosbench.core.Palette.davis().rgb(1), doc.object(1).orElseThrow().color(),
                "undo restores the palette colour");
    }

    @Test
    void saveWritesPalettePngsAndStatesAndClearsDirty() throws Exception {
        command(EditorKeys.NEXT_FRAME);
        stroke(200, 200, 210, 200);
        doc.save();
        assertFalse(doc.isDirty());
        Path dir = work.resolve("car-roundabout");
        LabelMask saved = MaskIO.read(dir.resolve("00001.png"));
        assertEquals(doc.mask(1), saved);
        assertEquals(1, saved.get(205, 200));
        assertEquals(MaskIO.read(SharedData.davisReal().resolve("Annotations/480p/car-roundabout/00000.png")),
                MaskIO.read(dir.resolve("00000.png")), "the given first frame is saved unchanged");
        String states = Files.readString(dir.resolve("frames.tsv"));
        assertTrue(states.contains("00000\tANNOTATED"), states);
        assertTrue(states.contains("00001\tANNOTATED"), states);
        assertTrue(states.contains("00002\tNONE"), states);
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".tmp")), "no temporary files left");
        }
        assertFalse(Files.exists(SequenceDocument.recoveryDir(dir)), "saving clears the journal");

        SequenceDocument reopened = SequenceDocument.open(doc.sequence(), dir, new DefaultOperationHistory());
        assertEquals(FrameState.ANNOTATED, reopened.state(1));
        assertEquals(saved, reopened.mask(1));
        reopened.close();
    }

    @Test
    void unsavedEditsSurviveACrashThroughTheRecoveryJournal() throws Exception {
        command(EditorKeys.NEXT_FRAME);
        stroke(300, 300, 320, 300);
        doc.flushJournal();
        // a crash: nothing saved, the document never closed properly
        Path dir = work.resolve("car-roundabout");
        assertFalse(Files.exists(dir.resolve("00001.png")));

        SequenceDocument next = SequenceDocument.open(doc.sequence(), dir, new DefaultOperationHistory());
        assertTrue(next.hasRecovery());
        assertNull(next.mask(1));
        next.recover();
        assertEquals(1, next.mask(1).get(310, 300));
        assertEquals(FrameState.ANNOTATED, next.state(1));
        assertTrue(next.isDirty());
        next.save();
        assertFalse(next.hasRecovery());
        next.close();
    }

    @Test
    void propagationIsOneUndoableStepAndEditsAfterItAreKept() {
        PropagationRecorder rec = doc.recordPropagation("Propagate");
        LabelMask m = LabelMask.empty(doc.width(), doc.height());
        m.set(5, 5, 1);
        for (int f = 1; f <= 5; f++) {
            assertTrue(rec.write(f, m.copy()));
        }
        rec.finish();
        assertEquals(FrameState.PROPAGATED, doc.state(3));
        assertEquals(FrameState.PROPAGATED, editor.timeline().states()[3], "the timeline marks propagated frames");
        command(EditorKeys.NEXT_FRAME);
        command(EditorKeys.NEXT_FRAME);
        stroke(50, 50, 60, 50);
        assertEquals(FrameState.EDITED, doc.state(2));
        assertEquals(FrameState.EDITED, editor.timeline().states()[2], "and frames edited after propagation");

        PropagationRecorder again = doc.recordPropagation("Propagate again");
        assertFalse(again.write(2, LabelMask.empty(doc.width(), doc.height())), "an edited frame is never overwritten");
        assertFalse(again.write(0, LabelMask.empty(doc.width(), doc.height())), "nor an annotated one");
        again.finish();
        assertEquals(1, doc.mask(2).get(55, 50));

        editor.undo(); // the stroke
        editor.undo(); // the whole propagation
        for (int f = 1; f <= 5; f++) {
            assertEquals(FrameState.NONE, doc.state(f));
            assertNull(doc.mask(f));
        }
    }

    @Test
    void wheelZoomsAroundThePointerAndFitRestores() {
        ViewTransform before = editor.canvas().view();
        Event e = new Event();
        e.x = 200;
        e.y = 150;
        e.count = 3;
        double ix = before.toImageX(200);
        editor.canvas().notifyListeners(SWT.MouseVerticalWheel, e);
        ViewTransform after = editor.canvas().view();
        assertEquals(before.scale() * 1.25, after.scale(), 1e-9);
        assertEquals(ix, after.toImageX(200), 1e-9);
        editor.canvas().fit();
        assertEquals(before.scale(), editor.canvas().view().scale(), 1e-9);
    }

    @Test
    void rightDragPansTheFrame() {
        ViewTransform before = editor.canvas().view();
        Event down = new Event();
        down.x = 300;
        down.y = 200;
        down.button = 3;
        editor.canvas().notifyListeners(SWT.MouseDown, down);
        Event move = new Event();
        move.x = 340;
        move.y = 180;
        editor.canvas().notifyListeners(SWT.MouseMove, move);
        Event up = new Event();
        up.x = 340;
        up.y = 180;
        up.button = 3;
        editor.canvas().notifyListeners(SWT.MouseUp, up);
        assertEquals(before.originX() + 40, editor.canvas().view().originX(), 1e-9);
        assertEquals(before.originY() - 20, editor.canvas().view().originY(), 1e-9);
        assertEquals(before.scale(), editor.canvas().view().scale(), 1e-12);
    }

    /** Checks or unchecks a table row as a click on its check box does. */
    @Test
    void objectAndPropagateCommandsSelectObjectsAndPropagate() {
        doc.addObject();
        pump();
        java.util.List<PropagationDirection> asked = new java.util.ArrayList<>();
        editor.setPropagationHandler((c, d) -> asked.add(d));
        command(EditorKeys.SELECT_OBJECT, "2");
        assertEquals(2, editor.currentObject());
        assertEquals(1, editor.objectTable().getSelectionIndex(), "the list shows the object the keys chose");
        command(EditorKeys.SELECT_OBJECT, "1");
        assertEquals(1, editor.currentObject());
        command(EditorKeys.PROPAGATE_FORWARD);
        command(EditorKeys.PROPAGATE_BACKWARD);
        assertEquals(java.util.List.of(PropagationDirection.FORWARD, PropagationDirection.BACKWARD), asked);
    }

    @Test
    void anAddedToolGetsAButtonAndReceivesCanvasEvents() {
        java.util.List<double[]> downs = new java.util.ArrayList<>();
        editor.addTool("click", "Click", "test tool", new org.vosbench.ui.CanvasTool() {
            @Override
            public void mouseDown(double x, double y, int stateMask) {
                downs.add(new double[] {x, y});
            }
        });
        pump();
        Event sel = new Event();
        editor.toolButton("click").setSelection(true);
        editor.toolButton("click").notifyListeners(SWT.Selection, sel);
        pump();
        assertEquals("click", editor.toolId());
        assertFalse(editor.toolButton(SequenceEditorControl.Tool.BRUSH).getSelection());
        mouse(SWT.MouseDown, 100, 120, 1);
        mouse(SWT.MouseUp, 100, 120, 1);
        assertEquals(1, downs.size());
        assertEquals(100, downs.get(0)[0], 1.0);
    }

    private static final class TableItemClick {
        static void check(org.eclipse.swt.widgets.Table table, int row, boolean checked) {
            table.getItem(row).setChecked(checked);
            Event e = new Event();
            e.item = table.getItem(row);
            e.detail = SWT.CHECK;
            table.notifyListeners(SWT.Selection, e);
        }
    }
}
