package org.vosbench.dataset.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.vosbench.dataset.DatasetFormat;
import org.vosbench.dataset.DatasetFormatRegistry;
import org.vosbench.dataset.UnrecognizedDatasetException;
import org.vosbench.testing.SharedData;

/** Runs inside OSGi (Tycho surefire): the DS service reads the extension point's contributions. */
class DatasetFormatRegistryTest {

    private static ServiceTracker<DatasetFormatRegistry, DatasetFormatRegistry> tracker;
    private static DatasetFormatRegistry registry;

    @BeforeAll
    static void getService() throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(DatasetFormatRegistryTest.class).getBundleContext();
        tracker = new ServiceTracker<>(context, DatasetFormatRegistry.class, null);
        tracker.open();
        registry = tracker.waitForService(10_000);
        assertNotNull(registry, "no DatasetFormatRegistry service within 10 s (is Felix SCR running?)");
    }

    @AfterAll
    static void close() {
        tracker.close();
    }

    @Test
    void findsTheFourFormatsOfThisRepositoryThroughTheExtensionPoint() {
        List<String> ids = registry.formats().stream().map(DatasetFormat::id).toList();

        assertEquals(List.of("bl30k", "davis", "folder", "youtubevos"), ids);
        assertEquals("DAVIS 2016/2017", registry.byId("davis").orElseThrow().name());
        assertTrue(registry.byId("nope").isEmpty());
    }

    @Test
    void detectsDavisAndTheGenericLayoutOnRealData() throws Exception {
        Path shared = SharedData.shared();

        assertEquals("davis", registry.detect(shared.resolve("data/davis-real")).format().id());
        assertEquals("folder", registry.detect(shared.resolve("fixtures/stcn-parity/late-object")).format().id());
    }

    @Test
    void listsWhatEveryFormatExpectedWhenNothingMatches(@TempDir Path empty) {
        UnrecognizedDatasetException e = assertThrows(UnrecognizedDatasetException.class, () -> registry.detect(empty));

        assertEquals(List.of("bl30k", "davis", "folder", "youtubevos"), List.copyOf(e.attempts().keySet()));
        assertTrue(e.getMessage().contains("davis: expected JPEGImages/<480p|Full-Resolution>"), e.getMessage());
        assertTrue(e.getMessage().contains("found an empty folder"), e.getMessage());
    }
}
