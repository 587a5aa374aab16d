package org.vosbench.engine.similarity.dot.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.vosbench.engine.ContributionInfo;
import org.vosbench.engine.EngineRegistry;

/** The engine's registry service reads both similarity contributions from the extension registry. */
class SimilarityRegistryTest {

    private static ServiceTracker<EngineRegistry, EngineRegistry> tracker;
    private static EngineRegistry registry;

    @BeforeAll
    static void getRegistry() throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(SimilarityRegistryTest.class).getBundleContext();
        tracker = new ServiceTracker<>(context, EngineRegistry.class, null);
        tracker.open();
        registry = tracker.waitForService(10_000);
        assertNotNull(registry, "EngineRegistry service not available");
    }

    @AfterAll
    static void close() {
        tracker.close();
    }

    @Test
    void registryListsDefaultL2AndContributedDot() {
        List<String> ids = registry.similarities().stream().map(ContributionInfo::id).toList();

        assertTrue(ids.contains("l2"), () -> "l2 missing from " + ids);
        assertTrue(ids.contains("dot"), () -> "dot missing from " + ids);
    }

    @Test
    void registryNamesThisBundleAsContributorOfDot() {
        ContributionInfo dot = registry.similarities().stream().filter(c -> c.id().equals("dot")).findFirst()
                .orElseThrow();

        assertEquals("org.vosbench.engine.similarity.dot", dot.contributor());
    }

    @Test
    void registryCreatesDotSimilarityById() {
        assertInstanceOf(DotSimilarity.class, registry.similarity("dot"));
    }
}
