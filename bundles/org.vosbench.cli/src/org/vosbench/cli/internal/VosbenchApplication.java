package org.vosbench.cli.internal;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.FrameworkUtil;
import org.vosbench.plugins.PluginManager;

/**
 * Entry point of {@code -application org.vosbench.cli.app}: parses the command line with
 * picocli and returns its exit code (0 success, 1 failure, 2 usage error) to the launcher.
 */
public final class VosbenchApplication implements IApplication {

    @Override
    public Object start(IApplicationContext context) {
        String[] args = (String[]) context.getArguments().getOrDefault(IApplicationContext.APPLICATION_ARGS, new String[0]);
        context.applicationRunning();
        try (Services services = new Services(FrameworkUtil.getBundle(VosbenchApplication.class).getBundleContext())) {
            // plugins added from outside (vosbench plugins add) join the framework before any command
            // reads an extension point; one that fails is reported and left out, the rest works
            for (String problem : services.get(PluginManager.class).synchronize()) {
                System.err.println("vosbench: warning: " + problem);
            }
            int code = Vosbench.run(services, args);
            System.out.flush();
            System.err.flush();
            return Integer.valueOf(code);
        }
    }

    @Override
    public void stop() {
        // sub-commands check their cancellation flag; nothing to release here
    }
}
