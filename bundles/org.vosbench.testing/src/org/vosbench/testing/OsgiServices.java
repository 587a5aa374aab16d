package org.vosbench.testing;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** Looks up an OSGi service from a test, waiting for Declarative Services to start it. */
public final class OsgiServices {

    private static final long WAIT_MILLIS = 20_000;

    private OsgiServices() {
    }

    /**
     * @param caller a class of the test fragment (its bundle's context is used)
     * @param type the service interface
     * @return the service
     * @throws IllegalStateException when it does not appear within 20 s
     */
    public static <T> T get(Class<?> caller, Class<T> type) {
        Bundle bundle = FrameworkUtil.getBundle(caller);
        if (bundle == null || bundle.getBundleContext() == null) {
            throw new IllegalStateException(caller.getName() + " does not run in a started OSGi bundle");
        }
        ServiceTracker<T, T> tracker = new ServiceTracker<>(bundle.getBundleContext(), type, null);
        tracker.open();
        try {
            T service = tracker.waitForService(WAIT_MILLIS);
            if (service == null) {
                throw new IllegalStateException("No " + type.getName() + " service within " + WAIT_MILLIS + " ms");
            }
            return service;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + type.getName(), e);
        }
    }
}
