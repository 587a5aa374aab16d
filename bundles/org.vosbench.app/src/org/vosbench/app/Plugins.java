package org.vosbench.app;

import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.vosbench.plugins.PluginManager;

/** The workbench's way to the plugin service (looked up when asked, never held in a static field). */
final class Plugins {

    private Plugins() {
    }

    /** @return the service, waiting briefly for Declarative Services to register it; null if it never does */
    static PluginManager manager() {
        BundleContext context = FrameworkUtil.getBundle(Plugins.class).getBundleContext();
        ServiceTracker<PluginManager, PluginManager> tracker = new ServiceTracker<>(context, PluginManager.class, null);
        tracker.open();
        try {
            return tracker.waitForService(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            tracker.close();
        }
    }

    /** @return the problems of the plugin folder's bundles, after installing them into this framework */
    static List<String> synchronize() {
        PluginManager manager = manager();
        return manager == null ? List.of("the plugin service is not running: plugins are not loaded")
                : manager.synchronize();
    }
}
