package org.vosbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosbench.model.Dataset;
import org.vosbench.model.ReviewState;
import org.vosbench.model.Sequence;
import org.vosbench.model.store.ProjectStore;

/** The explorer tree and its one-click review buttons on a project over davis-real. */
class ProjectExplorerControlTest {

    @TempDir
    Path dir;

    private Display display;
    private Shell shell;
    private ProjectExplorerControl explorer;
    private ProjectSession session;
    private Dataset dataset;

    @BeforeEach
    void open() throws Exception {
        display = Display.getDefault();
        shell = new Shell(display);
        shell.setLayout(new FillLayout());
        shell.setSize(500, 600);
        explorer = new ProjectExplorerControl(shell, SWT.NONE);
        session = ProjectSession.create(dir.resolve("review.vosbench"), "review", TestSupport.registry());
        dataset = session.addDataset(TestSupport.davisReal());
        explorer.setSession(session);
        shell.open();
        TestSupport.pump(display);
    }

    @AfterEach
    void close() {
        shell.dispose();
    }

    @Test
    void treeShowsDatasetCountsThenSequencesRunsAndEvaluations() {
        TreeItem[] top = explorer.viewer().getTree().getItems();
        assertEquals(3, top.length);
        assertTrue(top[0].getText().contains("davis, 2 sequences: 2 not started"), top[0].getText());
        assertEquals("Runs (0)", top[1].getText());
        assertEquals("Evaluations (0)", top[2].getText());
        TreeItem car = null;
        for (TreeItem item : top[0].getItems()) {
            if (item.getText().startsWith("car-roundabout")) {
                car = item;
            }
        }
        assertEquals("car-roundabout  —  75 frames, 1 object  ·  not started", car.getText());
    }

    @Test
    void oneClickOnAReviewButtonSavesTheSelectedSequencesState() throws Exception {
        Sequence drift = dataset.findSequence("drift-straight");
        assertFalse(explorer.reviewButton(ReviewState.REVIEWED).isEnabled(), "nothing selected yet");
        explorer.viewer().setSelection(new StructuredSelection(drift), true);
        assertTrue(explorer.reviewButton(ReviewState.REVIEWED).isEnabled());
        explorer.reviewButton(ReviewState.REVIEWED).notifyListeners(SWT.Selection, new Event());
        TestSupport.pump(display);

        Dataset onDisk = ProjectStore.load(dir.resolve("review.vosbench")).project().getDatasets().get(0);
        assertEquals(ReviewState.REVIEWED, onDisk.findSequence("drift-straight").getReviewState());
        assertEquals(ReviewState.NOT_STARTED, onDisk.findSequence("car-roundabout").getReviewState());
        TreeItem datasetRow = explorer.viewer().getTree().getItems()[0];
        assertTrue(datasetRow.getText().contains("1 not started · 1 reviewed"), datasetRow.getText());
    }
}
