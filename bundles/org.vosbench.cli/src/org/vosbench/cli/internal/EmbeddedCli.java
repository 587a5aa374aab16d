package org.vosbench.cli.internal;

import org.osgi.framework.BundleContext;

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
            int code = Vosbench.run(services, args);
            System.out.flush();
            System.err.flush();
            return code;
        }
    }
}
