package org.vosbench.app;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.graphics.Point;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.ui.application.IActionBarConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;

/**
 * Window size, title, status line with progress; after opening, the project named by {@code --project
 * <file>} (or the system property {@code vosbench.project}), else the last one used. (The docs'
 * screenshot tour is a separate bundle, {@code org.vosbench.app.tour}, not in the product.)
 */
final class VosBenchWindowAdvisor extends WorkbenchWindowAdvisor {

    private final String[] args;

    VosBenchWindowAdvisor(IWorkbenchWindowConfigurer configurer, String[] args) {
        super(configurer);
        this.args = args;
    }

    @Override
    public ActionBarAdvisor createActionBarAdvisor(IActionBarConfigurer configurer) {
        return new VosBenchActionBarAdvisor(configurer);
    }

    @Override
    public void preWindowOpen() {
        IWorkbenchWindowConfigurer configurer = getWindowConfigurer();
        configurer.setInitialSize(new Point(1500, 950));
        configurer.setShowCoolBar(false);
        configurer.setShowStatusLine(true);
        configurer.setShowProgressIndicator(true);
        configurer.setShowPerspectiveBar(false);
        configurer.setTitle("VOS Bench");
    }

    @Override
    public void postWindowOpen() {
        IWorkbenchPage page = getWindowConfigurer().getWindow().getActivePage();
        ProjectExplorerView explorer;
        try {
            explorer = (ProjectExplorerView) page.showView(ProjectExplorerView.ID);
        } catch (PartInitException e) {
            MessageDialog.openError(getWindowConfigurer().getWindow().getShell(), "VOS Bench", e.getMessage());
            return;
        }
        Path project = projectArgument();
        if (project == null) {
            project = explorer.lastProject();
        }
        if (project != null && Files.isRegularFile(project)) {
            explorer.openProject(project);
        }
    }

    private Path projectArgument() {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--project") || args[i].equals("-project")) {
                return resolve(args[i + 1]);
            }
        }
        String prop = System.getProperty("vosbench.project");
        return prop == null ? null : resolve(prop);
    }

    private static Path resolve(String file) {
        Path p = Path.of(file);
        String cwd = System.getProperty("vosbench.cwd");
        return p.isAbsolute() || cwd == null ? p.toAbsolutePath() : Path.of(cwd).resolve(p).normalize();
    }
}
