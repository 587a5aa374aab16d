package org.vosbench.app;

import java.util.function.Consumer;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.GroupMarker;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.actions.ActionFactory.IWorkbenchAction;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.ui.application.IActionBarConfigurer;
import org.vosbench.ui.eval.EvaluationView;

/**
 * The menu skeleton (File, Edit, Window, Help) with the platform's own actions (save, quit, undo, redo,
 * preferences, about) and the recent-projects list; the project commands are contributed into its
 * groups through org.eclipse.ui.menus, with handlers and key bindings in plugin.xml.
 */
final class VosBenchActionBarAdvisor extends ActionBarAdvisor {

    private IWorkbenchAction save;
    private IWorkbenchAction saveAll;
    private IWorkbenchAction quit;
    private IWorkbenchAction undo;
    private IWorkbenchAction redo;
    private IWorkbenchAction preferences;
    private IWorkbenchAction about;
    private IWorkbenchWindow window;

    VosBenchActionBarAdvisor(IActionBarConfigurer configurer) {
        super(configurer);
    }

    @Override
    protected void makeActions(IWorkbenchWindow w) {
        window = w;
        save = register(ActionFactory.SAVE.create(w));
        saveAll = register(ActionFactory.SAVE_ALL.create(w));
        quit = register(ActionFactory.QUIT.create(w));
        undo = register(ActionFactory.UNDO.create(w));
        redo = register(ActionFactory.REDO.create(w));
        preferences = register(ActionFactory.PREFERENCES.create(w));
        about = register(ActionFactory.ABOUT.create(w));
    }

    /** The process memory beside the platform's heap gauge (which sees the Java heap only). */
    @Override
    protected void fillStatusLine(org.eclipse.jface.action.IStatusLineManager statusLine) {
        statusLine.add(new ProcessMemoryGauge());
    }

    private IWorkbenchAction register(IWorkbenchAction action) {
        super.register(action);
        return action;
    }

    private Action explorerAction(String text, Consumer<ProjectExplorerView> body) {
        return new Action(text) {
            @Override
            public void run() {
                try {
                    body.accept((ProjectExplorerView) window.getActivePage().showView(ProjectExplorerView.ID));
                } catch (PartInitException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    private Action showView(String text, String id) {
        return new Action(text) {
            @Override
            public void run() {
                try {
                    window.getActivePage().showView(id);
                } catch (PartInitException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    private void fillRecent(IMenuManager menu) {
        ProjectExplorerView explorer = (ProjectExplorerView) window.getActivePage().findView(ProjectExplorerView.ID);
        java.util.List<java.nio.file.Path> recent = explorer == null ? java.util.List.of() : explorer.recentProjects();
        if (recent.isEmpty()) {
            Action none = new Action("(no recent projects)") {
            };
            none.setEnabled(false);
            menu.add(none);
        }
        int n = 1;
        for (java.nio.file.Path p : recent) {
            menu.add(explorerAction("&" + n++ + "  " + p, v -> v.openProject(p)));
        }
    }

    @Override
    protected void fillMenuBar(IMenuManager menuBar) {
        MenuManager file = new MenuManager("&File", IWorkbenchActionConstants.M_FILE);
        // the project commands (plugin.xml) go into these groups
        file.add(new GroupMarker("org.vosbench.app.project"));
        MenuManager recent = new MenuManager("&Recent Projects", "org.vosbench.app.recent");
        recent.setRemoveAllWhenShown(true);
        recent.addMenuListener(m -> fillRecent(m));
        recent.add(new Action("(none)") {
        });
        file.add(recent);
        file.add(new GroupMarker("org.vosbench.app.projectEnd"));
        file.add(new Separator());
        file.add(save);
        file.add(saveAll);
        file.add(new Separator(IWorkbenchActionConstants.MB_ADDITIONS));
        file.add(new Separator());
        file.add(quit);
        MenuManager edit = new MenuManager("&Edit", IWorkbenchActionConstants.M_EDIT);
        edit.add(undo);
        edit.add(redo);
        MenuManager windowMenu = new MenuManager("&Window", IWorkbenchActionConstants.M_WINDOW);
        windowMenu.add(showView("Project Explorer", ProjectExplorerView.ID));
        windowMenu.add(showView("Evaluation", EvaluationView.ID));
        windowMenu.add(showView("Progress", VosBenchPerspective.PROGRESS_VIEW));
        windowMenu.add(new Separator());
        windowMenu.add(preferences);
        MenuManager help = new MenuManager("&Help", IWorkbenchActionConstants.M_HELP);
        help.add(new GroupMarker("org.vosbench.app.helpEnd"));
        help.add(about);
        menuBar.add(file);
        menuBar.add(edit);
        menuBar.add(windowMenu);
        menuBar.add(help);
    }
}
