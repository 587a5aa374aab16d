package org.vosbench.cli.internal;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.vosbench.plugins.PluginException;
import org.vosbench.plugins.PluginManager;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code vosbench plugin new <kind> <id> --output <dir>}: a plugin project to start from. */
@Command(name = "plugin", mixinStandardHelpOptions = true,
        description = "Starts a plugin project outside the repository (see 'vosbench plugin new --help').",
        subcommands = {PluginCommand.New.class})
final class PluginCommand implements Runnable {

    @ParentCommand
    Vosbench root;

    @Override
    public void run() {
        throw new Vosbench.UsageException("plugin needs a sub-command: new (see 'vosbench plugin new --help')");
    }

    /** {@code vosbench plugin new}. */
    @Command(name = "new", mixinStandardHelpOptions = true,
            description = {"Writes a minimal, working plugin project: a bundle (manifest importing VOS Bench's API with "
                    + "version ranges, plugin.xml, one real example), a JUnit 5 test fragment, a README and a Maven "
                    + "(Tycho) build against this installation.",
                    "Then: (cd <dir> && ./mvnw verify) leaves target/<id>-*.jar for 'vosbench plugins add'.",
                    "Examples: similarity = cosine similarity, format = a thin folder layout, backbone = a small "
                            + "training-free backbone."})
    static final class New implements Callable<Integer> {
        @ParentCommand
        PluginCommand parent;

        @Parameters(index = "0", paramLabel = "<kind>", description = "backbone, similarity, format or interaction.")
        String kind;

        @Parameters(index = "1", paramLabel = "<id>", description = "The contribution id (lower-case letters and digits).")
        String id;

        @Option(names = "--output", required = true, paramLabel = "<dir>", description = "A new (or empty) folder.")
        Path output;

        @Override
        public Integer call() throws PluginException {
            var files = parent.root.services.get(PluginManager.class).newProject(kind, id, output);
            System.out.println("wrote " + files.size() + " files into " + output.toAbsolutePath().normalize());
            System.out.println("next: (cd " + output + " && ./mvnw verify) && vosbench plugins add " + output
                    + "/target/" + id + "-*.jar");
            return 0;
        }
    }
}
