package org.vosbench.cli.internal;

import org.vosbench.plugins.PluginManager;

/**
 * Plugins added from outside ({@code vosbench plugins add}) join the framework before a command
 * reads an extension point: the command line, the Spark driver and each Spark executor start the
 * same way. A plugin that fails is reported and left out; the rest of VOS Bench keeps working.
 */
final class PluginStartup {

    private PluginStartup() {
    }

    static void synchronize(Services services) {
        for (String problem : services.get(PluginManager.class).synchronize()) {
            System.err.println("vosbench: warning: " + problem);
        }
    }
}
