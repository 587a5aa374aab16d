package org.vosbench.engine.similarity.dot.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.vosbench.engine.ContributionInfo;
import org.vosbench.core.LabelMask;
import org.vosbench.core.RgbImage;
import org.vosbench.engine.EngineRegistry;
import org.vosbench.engine.PropagationService;
import org.vosbench.engine.PropagationSession;
import org.vosbench.engine.SessionSettings;
import org.vosbench.testing.OsgiServices;

/**
 * The engine's registry service reads both similarity contributions from the extension registry,
 * and the propagation service uses the one a session's settings name.
 */
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

    /**
     * The same sequence propagated through the OSGi propagation service with l2 and with dot: the
     * training-free backbone's keys (Lab colour and position) differ in norm, so the two affinities
     * rank memory differently and the probabilities differ; each similarity is deterministic.
     */
    @Test
    void theChosenSimilarityChangesAPropagation() throws Exception {
        PropagationService service = OsgiServices.get(SimilarityRegistryTest.class, PropagationService.class);
        SessionSettings l2 = SessionSettings.defaults("weightfree", null).withTopK(4);

        float[] withL2 = propagate(service, l2);
        float[] withL2Again = propagate(service, l2);
        float[] withDot = propagate(service, l2.withSimilarity("dot"));

        assertArrayEquals(withL2, withL2Again, "l2 is deterministic");
        assertFalse(Arrays.equals(withL2, withDot), "dot must read memory differently from l2");
    }

    /** A bright square moving over a colour ramp, its mask given on frame 0; frame 3's probabilities. */
    private static float[] propagate(PropagationService service, SessionSettings settings) throws Exception {
        int w = 64;
        int h = 48;
        try (PropagationSession session = service.open(settings)) {
            float[] last = null;
            for (int t = 0; t < 4; t++) {
                byte[] rgb = new byte[w * h * 3];
                byte[] labels = new byte[w * h];
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int p = y * w + x;
                        boolean inside = x >= 10 + 4 * t && x < 30 + 4 * t && y >= 12 && y < 32;
                        rgb[3 * p] = (byte) (inside ? 240 : 3 * x);
                        rgb[3 * p + 1] = (byte) (inside ? 200 : 4 * y);
                        rgb[3 * p + 2] = (byte) (inside ? 30 : 120);
                        labels[p] = (byte) (inside ? 1 : 0);
                    }
                }
                LabelMask mask = t == 0 ? new LabelMask(w, h, labels) : null;
                last = session.step(t, new RgbImage(w, h, rgb), mask).probabilities().data();
            }
            return last;
        }
    }
}
