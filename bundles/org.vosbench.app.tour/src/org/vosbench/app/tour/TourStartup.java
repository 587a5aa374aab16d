package org.vosbench.app.tour;

import java.nio.file.Path;

import org.eclipse.ui.IStartup;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.vosbench.app.ProjectExplorerView;

/**
 * Runs the {@link ScreenshotTour} when the workbench was started with {@code -Dvosbench.tour=<folder>};
 * does nothing otherwise.
 */
public final class TourStartup implements IStartup {

    @Override
    public void earlyStartup() {
        String tour = System.getProperty("vosbench.tour");
        if (tour == null) {
            return;
        }
        IWorkbench workbench = PlatformUI.getWorkbench();
        workbench.getDisplay().asyncExec(() -> {
            IWorkbenchWindow window = workbench.getActiveWorkbenchWindow();
            if (window == null && workbench.getWorkbenchWindowCount() > 0) {
                window = workbench.getWorkbenchWindows()[0];
            }
            if (window == null || window.getActivePage() == null) {
                System.err.println("vosbench tour: no workbench window to walk through");
                return;
            }
            ProjectExplorerView explorer = (ProjectExplorerView) window.getActivePage().findView(ProjectExplorerView.ID);
            if (explorer == null) {
                System.err.println("vosbench tour: the project explorer is not open");
                return;
            }
            new ScreenshotTour(window, explorer, Path.of(tour)).start();
        });
    }
}
