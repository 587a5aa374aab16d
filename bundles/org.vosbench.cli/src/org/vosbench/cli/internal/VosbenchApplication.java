package org.vosbench.cli.internal;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.FrameworkUtil;

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
            PluginStartup.synchronize(services);
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
