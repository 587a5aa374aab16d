package org.vosbench.app;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.swt.widgets.Display;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.vosbench.dataset.DatasetFormatRegistry;

/** ../shared lookup, the dataset registry service, an event pump. */
final class TestSupport {

    private TestSupport() {
    }

    static Path shared() {
        String prop = System.getProperty("vosbench.shared");
        if (prop != null) {
            return Path.of(prop);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolveSibling("shared").resolve("DESIGN.md"))) {
                return dir.resolveSibling("shared");
            }
        }
        throw new IllegalStateException("No ../shared with DESIGN.md above " + Path.of("").toAbsolutePath());
    }

    static Path davisReal() {
        return shared().resolve("data/davis-real");
    }

    static DatasetFormatRegistry registry() throws InterruptedException {
        var context = FrameworkUtil.getBundle(TestSupport.class).getBundleContext();
        ServiceTracker<DatasetFormatRegistry, DatasetFormatRegistry> tracker = new ServiceTracker<>(context,
                DatasetFormatRegistry.class, null);
        tracker.open();
        DatasetFormatRegistry registry = tracker.waitForService(10_000);
        if (registry == null) {
            throw new IllegalStateException("No DatasetFormatRegistry service");
        }
        return registry;
    }

    static void pump(Display display) {
        for (int i = 0; i < 20; i++) {
            while (display.readAndDispatch()) {
                // drain
            }
        }
    }
}
