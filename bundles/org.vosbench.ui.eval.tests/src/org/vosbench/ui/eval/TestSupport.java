package org.vosbench.ui.eval;

import java.nio.file.Path;

import org.vosbench.dataset.Dataset;
import org.vosbench.dataset.DatasetFormatRegistry;
import org.vosbench.dataset.DatasetOptions;
import org.eclipse.swt.widgets.Display;

/** ../shared lookup, the dataset registry service, and an event pump. */
final class TestSupport {

    private TestSupport() {
    }

    static Path shared() {
        return org.vosbench.testing.SharedData.shared();
    }

    static Path davisReal() {
        return shared().resolve("data/davis-real");
    }

    static Path oracle() {
        return shared().resolve("data/eval-oracle/davis-real");
    }

    static DatasetFormatRegistry registry() throws InterruptedException {
        return org.vosbench.testing.OsgiServices.get(TestSupport.class, DatasetFormatRegistry.class);
    }

    static Dataset openDavisReal() throws Exception {
        return registry().detect(davisReal()).open(DatasetOptions.defaults());
    }

    static void pump(Display display) {
        for (int i = 0; i < 20; i++) {
            while (display.readAndDispatch()) {
                // drain
            }
        }
    }

    /** Pumps events until the condition holds or 60 s pass. */
    static void pumpUntil(Display display, java.util.function.BooleanSupplier condition) {
        long end = System.currentTimeMillis() + 60_000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < end) {
            if (!display.readAndDispatch()) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
