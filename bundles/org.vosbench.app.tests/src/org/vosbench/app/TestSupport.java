package org.vosbench.app;

import java.nio.file.Path;

import org.eclipse.swt.widgets.Display;
import org.vosbench.dataset.DatasetFormatRegistry;

/** ../shared lookup, the dataset registry service, an event pump. */
final class TestSupport {

    private TestSupport() {
    }

    static Path shared() {
        return org.vosbench.testing.SharedData.shared();
    }

    static Path davisReal() {
        return shared().resolve("data/davis-real");
    }

    static DatasetFormatRegistry registry() throws InterruptedException {
        return org.vosbench.testing.OsgiServices.get(TestSupport.class, DatasetFormatRegistry.class);
    }

    static void pump(Display display) {
        for (int i = 0; i < 20; i++) {
            while (display.readAndDispatch()) {
                // drain
            }
        }
    }
}
