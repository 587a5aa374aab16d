package org.vosbench.app;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;
import org.vosbench.ui.eval.EvaluationView;

/** Project explorer on the left, editors in the middle, evaluation and progress views below. */
public final class VosBenchPerspective implements IPerspectiveFactory {

    public static final String ID = "org.vosbench.app.perspective";
    /** The platform Progress view (contributed by this bundle through org.eclipse.ui.ExtensionFactory). */
    public static final String PROGRESS_VIEW = "org.eclipse.ui.views.ProgressView";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editorArea = layout.getEditorArea();
        layout.setEditorAreaVisible(true);
        layout.addView(ProjectExplorerView.ID, IPageLayout.LEFT, 0.24f, editorArea);
        IFolderLayout bottom = layout.createFolder("bottom", IPageLayout.BOTTOM, 0.68f, editorArea);
        bottom.addView(EvaluationView.ID);
        bottom.addPlaceholder(PROGRESS_VIEW);
        layout.addShowViewShortcut(ProjectExplorerView.ID);
        layout.addShowViewShortcut(EvaluationView.ID);
        layout.addShowViewShortcut(PROGRESS_VIEW);
    }
}
