package org.vosbench.app;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.BusyIndicator;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;
import org.vosbench.plugins.Plugin;
import org.vosbench.plugins.PluginException;
import org.vosbench.plugins.PluginManager;

/**
 * Help ▸ Install Plugin…: adds a plugin bundle jar built outside VOS Bench (for example with
 * {@code vosbench plugin new}) through the same {@link PluginManager} as {@code vosbench plugins
 * add}: it is checked first, and on any problem nothing is added and the dialog says why.
 */
public final class InstallPluginHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        Shell shell = HandlerUtil.getActiveShell(event);
        FileDialog dialog = new FileDialog(shell, SWT.OPEN);
        dialog.setText("Install Plugin");
        dialog.setFilterNames(new String[] {"Plugin bundles (*.jar)"});
        dialog.setFilterExtensions(new String[] {"*.jar"});
        String chosen = dialog.open();
        if (chosen != null) {
            install(shell, Path.of(chosen));
        }
        return null;
    }

    /**
     * Adds the plugin and tells the person what happened.
     *
     * @param shell the parent of the message
     * @param source a bundle jar, a folder of jars or a p2 repository
     */
    static void install(Shell shell, Path source) {
        PluginManager plugins = Plugins.manager();
        if (plugins == null) {
            MessageDialog.openError(shell, "Install Plugin", "The plugin service of this installation is not running.");
            return;
        }
        try {
            List<Plugin> added = addBusy(shell, plugins, source);
            String what = added.stream().map(p -> p.symbolicName() + " " + p.version() + ": "
                    + p.contributions().stream().map(c -> c.kind() + " '" + c.id() + "'").collect(Collectors.joining(", ")))
                    .collect(Collectors.joining("\n"));
            MessageDialog.openInformation(shell, "Install Plugin", "Installed\n" + what
                    + "\n\nIt can be chosen now (Window ▸ Preferences ▸ VOS Bench for engines and similarities).\n"
                    + "Plugin folder: " + plugins.folder());
        } catch (PluginException e) {
            MessageDialog.openError(shell, "Install Plugin", e.getMessage());
        }
    }

    private static List<Plugin> addBusy(Shell shell, PluginManager plugins, Path source) throws PluginException {
        PluginException[] failure = new PluginException[1];
        @SuppressWarnings("unchecked")
        List<Plugin>[] result = new List[1];
        BusyIndicator.showWhile(shell.getDisplay(), () -> {
            try {
                result[0] = plugins.add(source);
            } catch (PluginException e) {
                failure[0] = e;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        return result[0];
    }
}
