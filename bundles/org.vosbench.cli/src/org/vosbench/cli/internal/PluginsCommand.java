package org.vosbench.cli.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.vosbench.plugins.Plugin;
import org.vosbench.plugins.PluginException;
import org.vosbench.plugins.PluginManager;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code vosbench plugins add|list|remove}: plugins built outside the repository, added to this installation. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = {"Adds, lists and removes plugins (OSGi bundles built outside VOS Bench, e.g. with "
                + "'vosbench plugin new').",
                "Plugins live in one folder (-Dvosbench.plugins, default ~/.vosbench/plugins, VOSBENCH_PLUGINS in "
                        + "./vosbench); the command line, the workbench and 'vosbench batch' all use it."},
        subcommands = {PluginsCommand.Add.class, PluginsCommand.ListPlugins.class, PluginsCommand.Remove.class})
final class PluginsCommand implements Runnable {

    @ParentCommand
    Vosbench root;

    @Override
    public void run() {
        throw new Vosbench.UsageException("plugins needs a sub-command: add, list or remove (see 'vosbench plugins --help')");
    }

    static String describe(Plugin p) {
        String contributions = p.contributions().isEmpty() ? "no contribution"
                : p.contributions().stream().map(c -> c.kind() + " '" + c.id() + "'").collect(Collectors.joining(", "));
        return p.symbolicName() + " " + p.version() + ": " + contributions;
    }

    /** {@code vosbench plugins add <bundle.jar | p2 repository | folder>}. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Checks a plugin against this installation and adds it: a bundle jar, a folder of jars or a "
                    + "p2 repository (its plugins/*.jar).",
                    "It must resolve (its imports), its contribution ids must be new, and each contributed class must "
                            + "load, implement the extension point's interface and construct; otherwise nothing is added."})
    static final class Add implements Callable<Integer> {
        @ParentCommand
        PluginsCommand parent;

        @Parameters(index = "0", paramLabel = "<bundle.jar|repository|folder>", description = "What to add.")
        Path source;

        @Override
        public Integer call() throws PluginException {
            PluginManager plugins = parent.root.services.get(PluginManager.class);
            for (Plugin p : plugins.add(source)) {
                System.out.println("added " + describe(p));
            }
            System.out.println("into " + plugins.folder());
            return 0;
        }
    }

    /** {@code vosbench plugins list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the plugins added to this installation.")
    static final class ListPlugins implements Callable<Integer> {
        @ParentCommand
        PluginsCommand parent;

        @Override
        public Integer call() {
            PluginManager plugins = parent.root.services.get(PluginManager.class);
            List<Plugin> all = plugins.list();
            System.out.println("Plugin folder: " + plugins.folder());
            if (all.isEmpty()) {
                System.out.println("no plugins");
            }
            for (Plugin p : all) {
                System.out.println("  " + describe(p) + (p.ok() ? "" : "  [NOT WORKING: " + p.problem() + "]"));
            }
            return all.stream().allMatch(Plugin::ok) ? 0 : Vosbench.EXIT_FAILURE;
        }
    }

    /** {@code vosbench plugins remove <id>}. */
    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Removes a plugin, named by its bundle's symbolic name or one of its contribution ids.")
    static final class Remove implements Callable<Integer> {
        @ParentCommand
        PluginsCommand parent;

        @Parameters(index = "0", paramLabel = "<id>", description = "Bundle symbolic name or contribution id.")
        String name;

        @Override
        public Integer call() throws PluginException {
            Plugin removed = parent.root.services.get(PluginManager.class).remove(name);
            System.out.println("removed " + describe(removed));
            return 0;
        }
    }
}
