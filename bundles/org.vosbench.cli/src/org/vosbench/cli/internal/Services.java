package org.vosbench.cli.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The OSGi services a command needs, looked up when first asked for and released at the end of
 * the command. Declarative Services start lazily, so a lookup waits briefly for the component.
 */
final class Services implements AutoCloseable {

    private static final long WAIT_MILLIS = TimeUnit.SECONDS.toMillis(20);

    private final BundleContext context;
    private final List<ServiceTracker<?, ?>> trackers = new ArrayList<>();

    Services(BundleContext context) {
        this.context = context;
    }

    <T> T get(Class<T> type) {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        trackers.add(tracker);
        try {
            T service = tracker.waitForService(WAIT_MILLIS);
            if (service == null) {
                throw new IllegalStateException("the service " + type.getName()
                        + " is not available: a bundle of the installation is missing or failed to start");
            }
            return service;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + type.getName(), e);
        }
    }

    @Override
    public void close() {
        trackers.forEach(ServiceTracker::close);
    }
}
