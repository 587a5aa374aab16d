package org.vosbench.cli.internal;

import org.osgi.framework.BundleContext;
import org.vosbench.plugins.PluginManager;

/**
 * The {@code vosbench} command for a launcher that embeds this framework instead of running it
 * as an Eclipse application (the Spark driver of {@code vosbench batch}).
 */
public final class EmbeddedCli {

    private EmbeddedCli() {
    }

    /**
     * @param context the context of this bundle (the launcher starts it)
     * @param args the command line, e.g. {@code batch --master local[2] ...}
     * @return the exit code: 0 success, 1 failure, 2 usage error
     */
    public static int run(BundleContext context, String[] args) {
        try (Services services = new Services(context)) {
            synchronizePlugins(services);
            int code = Vosbench.run(services, args);
            System.out.flush();
            System.err.flush();
            return code;
        }
    }

    /** Plugins added from outside (vosbench plugins add) join this framework too, as in the product. */
    static void synchronizePlugins(Services services) {
        for (String problem : services.get(PluginManager.class).synchronize()) {
            System.err.println("vosbench: warning: " + problem);
        }
    }
}
