package org.vosbench.app;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;

/**
 * The handler of the project commands declared in this bundle's plugin.xml (File ▸ New / Open /
 * Sample / Close Project, Add Dataset, Import Video, Fine-tune on Reviewed Sequences, Help ▸ Keys): each runs the project explorer's action of the same
 * name, so the menus, key bindings and any other caller of the command do the same thing.
 */
public final class ProjectCommandHandler extends AbstractHandler {

    static final String NEW_PROJECT = "org.vosbench.app.newProject";
    static final String OPEN_PROJECT = "org.vosbench.app.openProject";
    static final String OPEN_SAMPLE = "org.vosbench.app.openSample";
    static final String CLOSE_PROJECT = "org.vosbench.app.closeProject";
    static final String ADD_DATASET = "org.vosbench.app.addDataset";
    static final String IMPORT_VIDEO = "org.vosbench.app.importVideo";
    static final String FINE_TUNE = "org.vosbench.app.fineTune";
    static final String SHOW_KEYS = "org.vosbench.app.showKeys";

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        String id = event.getCommand().getId();
        if (SHOW_KEYS.equals(id)) {
            new KeysDialog(window.getShell()).open();
            return null;
        }
        ProjectExplorerView explorer;
        try {
            explorer = (ProjectExplorerView) window.getActivePage().showView(ProjectExplorerView.ID);
        } catch (PartInitException e) {
            throw new ExecutionException("Cannot show the project explorer", e);
        }
        switch (id) {
            case NEW_PROJECT -> explorer.newProjectDialog();
            case OPEN_PROJECT -> explorer.openProjectDialog();
            case OPEN_SAMPLE -> explorer.openSample();
            case CLOSE_PROJECT -> explorer.closeProject();
            case ADD_DATASET -> explorer.addDatasetDialog();
            case IMPORT_VIDEO -> explorer.importVideoDialog();
            case FINE_TUNE -> explorer.fineTuneDialog();
            default -> throw new ExecutionException("No handler for command " + id);
        }
        return null;
    }
}
