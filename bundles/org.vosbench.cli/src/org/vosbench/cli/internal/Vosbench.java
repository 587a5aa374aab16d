package org.vosbench.cli.internal;

import java.io.PrintWriter;

import org.vosbench.core.CancelledException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** The {@code vosbench} command and its sub-commands. */
@Command(name = "vosbench", mixinStandardHelpOptions = true, version = "VOS Bench 0.1.0",
        description = "Semi-supervised video object segmentation: datasets, propagation (STCN), DAVIS evaluation.",
        subcommands = {DatasetsCommand.class, EvaluateCommand.class, PropagateCommand.class, BatchCommand.class, DemoCommand.class,
                BenchCommand.class, InfoCommand.class, ImportVideoCommand.class, ExportVideoCommand.class,
                ExportCommand.class, ImportCommand.class, InteractCommand.class, TrainCommand.class,
                PluginsCommand.class, PluginCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Run the workbench with: ./vosbench workbench",
                "Exit codes: 0 success, 1 failure, 2 usage error."})
public final class Vosbench implements Runnable {

    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of failures.")
    boolean debug;

    final Services services;

    Vosbench(Services services) {
        this.services = services;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is required (see --help)");
    }

    static int run(Services services, String[] args) {
        Vosbench root = new Vosbench(services);
        CommandLine cl = new CommandLine(root);
        cl.setExitCodeExceptionMapper(t -> t instanceof CommandLine.ParameterException ? EXIT_USAGE : EXIT_FAILURE);
        cl.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("vosbench: " + ex.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
                err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            }
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler(new Failure(root));
        Cancellation.install();
        try {
            return cl.execute(args);
        } finally {
            Cancellation.finished();
        }
    }

    /** One clear line per failure; the stack trace only with --debug. */
    private record Failure(Vosbench root) implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
            PrintWriter err = cl.getErr();
            if (ex instanceof CancelledException) {
                err.println("vosbench: cancelled; what was finished is complete and nothing half-written was left.");
                return 130;
            }
            if (ex instanceof UsageException) {
                err.println("vosbench: " + ex.getMessage());
                return EXIT_USAGE;
            }
            err.println("vosbench: " + Messages.describe(ex));
            if (root.debug) {
                ex.printStackTrace(err);
            }
            err.flush();
            return EXIT_FAILURE;
        }
    }

    /** A usage problem found after parsing (for example an option that needs another). */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
