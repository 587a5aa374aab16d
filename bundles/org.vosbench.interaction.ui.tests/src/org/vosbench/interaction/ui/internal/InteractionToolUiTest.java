package org.vosbench.interaction.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.commands.operations.DefaultOperationHistory;
import org.eclipse.core.runtime.RegistryFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.engine.djl.DjlRuntime;
import org.vosbench.interaction.InteractionSettings;
import org.vosbench.interaction.internal.InteractionRegistryComponent;
import org.vosbench.interaction.internal.InteractionServiceComponent;
import org.vosbench.testing.SharedData;
import org.vosbench.testing.dataset.DavisSequences;
import org.vosbench.ui.ViewTransform;
import org.vosbench.ui.editor.SequenceDocument;
import org.vosbench.ui.editor.SequenceEditorControl;

/**
 * The Click, Box and Scribble tools in a real sequence editor on DAVIS car-roundabout, with the real
 * interaction service and GrabCut: mouse events on the canvas, the frame's mask, the undo history.
 * The click test saves the editor as {@code target/screenshots/editor-click-segmentation.png}
 * (docs/ shows it).
 */
class InteractionToolUiTest {

    @TempDir
    Path work;

    private Display display;
    private Shell shell;
    private SequenceDocument doc;
    private SequenceEditorControl editor;
    private final List<String> problems = new ArrayList<>();
    /** The threads the model was asked for on (the settings are read where the model runs). */
    private final List<Thread> modelThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
    private InteractionTool[] tools;
    private LabelMask truth;

    @BeforeEach
    void open() throws Exception {
        display = Display.getDefault();
        shell = new Shell(display);
        shell.setText("VOS Bench — car-roundabout");
        shell.setLayout(new FillLayout());
        shell.setSize(1100, 720);
        Path davis = SharedData.davisReal();
        truth = MaskIO.read(davis.resolve("Annotations/480p/car-roundabout/00000.png"));
        DefaultOperationHistory history = new DefaultOperationHistory();
        doc = SequenceDocument.open(DavisSequences.of(davis, "car-roundabout"), work.resolve("car-roundabout"), history);
        editor = new SequenceEditorControl(shell, SWT.NONE, doc);
        var service = new InteractionServiceComponent(new InteractionRegistryComponent(RegistryFactory.getRegistry()),
                new DjlRuntime());
        tools = new InteractionToolsContribution(service).contribute(editor, () -> {
            modelThreads.add(Thread.currentThread());
            return InteractionSettings.of("grabcut", null);
        }, problems::add);
        shell.open();
        pump();
        doc.edit(0, "Clear", m -> {
            java.util.Arrays.fill(m.labels(), (byte) 0);
            return 1;
        });
        pump();
    }

    @AfterEach
    void close() {
        shell.dispose();
        doc.close();
        pump();
    }

    @Test
    void threeLeftClicksOnTheCarMakeItsMaskEachOneUndoableStep() throws ExecutionException, IOException {
        editor.selectTool(InteractionToolsContribution.CLICK);
        // the three positive clicks the RITM protocol of GrabCutDavisTest places on this frame
        int[][] points = {{382, 254}, {526, 272}, {495, 208}};
        LabelMask afterTwo = null;
        for (int i = 0; i < points.length; i++) {
            click(points[i][0], points[i][1], 1);
            System.out.printf("Click tool: IoU %.3f after click %d at %d,%d (%d ms)%n", iou(doc.mask(0), truth, 1),
                    i + 1, points[i][0], points[i][1], tools[0].lastMillis());
            if (i == 1) {
                afterTwo = doc.mask(0).copy();
            }
        }
        assertTrue(problems.isEmpty(), problems.toString());
        assertFalse(modelThreads.isEmpty());
        assertTrue(modelThreads.stream().noneMatch(t -> t == display.getThread()), "the model ran on the UI thread");
        assertEquals(1, doc.mask(0).get(points[0][0], points[0][1]));
        double iou = iou(doc.mask(0), truth, 1);
        assertTrue(iou > 0.3, "IoU " + iou);
        screenshot();
        doc.history().undo(doc.undoContext(), null, null);
        pump();
        assertEquals(afterTwo, doc.mask(0), "one undo takes back the last click only");
    }

    @Test
    void aClickBeforeTheLastResultArrivedSupersedesItAndOnlyTheNewestResultIsOneUndoableStep()
            throws ExecutionException {
        editor.selectTool(InteractionToolsContribution.CLICK);
        mouse(SWT.MouseDown, 382, 254, 1);
        mouse(SWT.MouseUp, 382, 254, 1); // no event loop in between: the first result cannot be applied yet
        mouse(SWT.MouseDown, 526, 272, 1);
        mouse(SWT.MouseUp, 526, 272, 1);
        settle();
        assertTrue(problems.isEmpty(), problems.toString());
        assertEquals(1, doc.mask(0).get(526, 272));
        doc.history().undo(doc.undoContext(), null, null);
        pump();
        assertTrue(doc.mask(0).objectIds().isEmpty(), "one undo takes back both clicks: one result was applied");
    }

    @Test
    void aRightClickIsANegativeClickAndRemovesWhatItHits() {
        editor.selectTool(InteractionToolsContribution.CLICK);
        int[] inside = deepestPixel(truth, 1, 0, truth.width());
        click(inside[0], inside[1], 1);
        click(inside[0], inside[1] + 1, 3);
        assertTrue(problems.isEmpty(), problems.toString());
        assertEquals(0, doc.mask(0).get(inside[0], inside[1] + 1), "a negative click is background");
    }

    @Test
    void aDraggedBoxAroundTheCarSegmentsIt() {
        editor.selectTool(InteractionToolsContribution.BOX);
        int[] b = bbox(truth, 1);
        mouse(SWT.MouseDown, b[0], b[1], 1);
        mouse(SWT.MouseMove, (b[0] + b[2]) / 2.0, (b[1] + b[3]) / 2.0, 1);
        mouse(SWT.MouseUp, b[2], b[3], 1);
        settle();
        double iou = iou(doc.mask(0), truth, 1);
        System.out.printf("Box tool: IoU %.3f in %d ms%n", iou, tools[1].lastMillis());
        assertTrue(iou > 0.6, "IoU " + iou);
    }

    @Test
    void aScribbleOnTheCarMarksIt() {
        editor.selectTool(InteractionToolsContribution.SCRIBBLE);
        int[] b = bbox(truth, 1);
        int[] inside = deepestPixel(truth, 1, 0, truth.width());
        mouse(SWT.MouseDown, inside[0] - 20, inside[1], 1);
        mouse(SWT.MouseMove, inside[0], inside[1], 1);
        mouse(SWT.MouseUp, inside[0] + 20, inside[1], 1);
        settle();
        assertTrue(problems.isEmpty(), problems.toString());
        assertEquals(1, doc.mask(0).get(inside[0], inside[1]));
        assertEquals(0, doc.mask(0).get(Math.max(0, b[0] - 40), Math.max(0, b[1] - 40)));
    }

    // ---- helpers

    private void click(double x, double y, int button) {
        mouse(SWT.MouseDown, x, y, button);
        mouse(SWT.MouseUp, x, y, button);
        settle();
    }

    /** Waits for the interaction Job and lets the UI thread apply its result. */
    private void settle() {
        for (InteractionTool tool : tools) {
            org.eclipse.core.runtime.jobs.Job job = tool.running();
            while (job != null && job == tool.running()) {
                if (!display.readAndDispatch()) {
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        pump();
    }

    private void mouse(int type, double imageX, double imageY, int button) {
        ViewTransform v = editor.canvas().view();
        Event e = new Event();
        e.x = (int) Math.round(v.toScreenX(imageX + 0.5));
        e.y = (int) Math.round(v.toScreenY(imageY + 0.5));
        e.button = type == SWT.MouseMove ? 0 : button;
        e.stateMask = type == SWT.MouseMove ? (button == 1 ? SWT.BUTTON1 : SWT.BUTTON3) : 0;
        editor.canvas().notifyListeners(type, e);
    }

    private void pump() {
        for (int i = 0; i < 50; i++) {
            while (display.readAndDispatch()) {
                // drain
            }
        }
    }

    private void screenshot() throws IOException {
        String target = System.getProperty("vosbench.screenshot", "target/screenshots/editor-click-segmentation.png");
        pump();
        GC gc = new GC(shell);
        Image image = new Image(display, shell.getClientArea().width, shell.getClientArea().height);
        gc.copyArea(image, 0, 0);
        gc.dispose();
        ImageData data = image.getImageData();
        image.dispose();
        ImageLoader loader = new ImageLoader();
        loader.data = new ImageData[] {data};
        Files.createDirectories(Path.of(target).toAbsolutePath().getParent());
        loader.save(target, SWT.IMAGE_PNG);
    }

    private static boolean hasObject(LabelMask m, int id) {
        if (m == null) {
            return false;
        }
        for (byte b : m.labels()) {
            if ((b & 0xFF) == id) {
                return true;
            }
        }
        return false;
    }

    private static double iou(LabelMask a, LabelMask b, int id) {
        long inter = 0;
        long union = 0;
        for (int i = 0; i < a.labels().length; i++) {
            boolean x = (a.labels()[i] & 0xFF) == id;
            boolean y = (b.labels()[i] & 0xFF) == id;
            inter += x && y ? 1 : 0;
            union += x || y ? 1 : 0;
        }
        return union == 0 ? 0 : (double) inter / union;
    }

    private static int[] bbox(LabelMask m, int id) {
        int[] b = {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1};
        for (int y = 0; y < m.height(); y++) {
            for (int x = 0; x < m.width(); x++) {
                if (m.get(x, y) == id) {
                    b[0] = Math.min(b[0], x);
                    b[1] = Math.min(b[1], y);
                    b[2] = Math.max(b[2], x + 1);
                    b[3] = Math.max(b[3], y + 1);
                }
            }
        }
        return b;
    }

    /** The object's pixel with the most object pixels around it (a 31x31 window): well inside it. */
    private static int[] deepestPixel(LabelMask m, int id, int xFrom, int xTo) {
        int[] best = null;
        int bestCount = -1;
        for (int y = 15; y < m.height() - 15; y += 3) {
            for (int x = Math.max(15, xFrom); x < Math.min(m.width() - 15, xTo); x += 3) {
                if (m.get(x, y) != id) {
                    continue;
                }
                int count = 0;
                for (int dy = -15; dy <= 15; dy += 3) {
                    for (int dx = -15; dx <= 15; dx += 3) {
                        count += m.get(x + dx, y + dy) == id ? 1 : 0;
                    }
                }
                if (count > bestCount) {
                    bestCount = count;
                    best = new int[] {x, y};
                }
            }
        }
        return best;
    }
}
