package org.vosbench.engine.weightfree.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.vosbench.core.LabelMask;
import org.vosbench.core.RgbImage;
import org.vosbench.engine.ContributionInfo;
import org.vosbench.engine.EngineDevice;
import org.vosbench.engine.PropagationService;
import org.vosbench.engine.PropagationSession;
import org.vosbench.engine.SessionSettings;
import org.vosbench.engine.StepResult;

/** The backbone found through the engine's registry, and a propagation through the engine's service. */
class WeightFreePropagationTest {

    private static final int WIDTH = 96;
    private static final int HEIGHT = 64;
    private static final int SIDE = 20;

    private static ServiceTracker<PropagationService, PropagationService> tracker;
    private static PropagationService service;

    @BeforeAll
    static void getService() throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(WeightFreePropagationTest.class).getBundleContext();
        tracker = new ServiceTracker<>(context, PropagationService.class, null);
        tracker.open();
        service = tracker.waitForService(10_000);
        assertNotNull(service, "PropagationService not available");
    }

    @AfterAll
    static void close() {
        tracker.close();
    }

    @Test
    void registryListsWeightFreeBackboneAsNeedingNoWeights() {
        List<ContributionInfo> backbones = service.registry().backbones();

        ContributionInfo weightFree = backbones.stream().filter(b -> b.id().equals("weightfree")).findFirst()
                .orElseThrow(() -> new AssertionError("weightfree missing from " + backbones));
        assertFalse(weightFree.requiresWeights());
        assertEquals("org.vosbench.engine.weightfree", weightFree.contributor());
        assertInstanceOf(WeightFreeBackboneProvider.class, service.registry().backbone("weightfree"));
    }

    @Test
    void providerRefusesAWeightsFileItCannotUse() {
        WeightFreeBackboneProvider provider = new WeightFreeBackboneProvider();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> provider.load(Optional.of(Path.of("stcn.pth")), EngineDevice.CPU, null));
        assertTrue(e.getMessage().contains("stcn.pth"), e.getMessage());
    }

    @Test
    void masksFollowTwoColouredObjectsToWhereTheyMovedInTheNextFrame() throws Exception {
        // frame 0: red square at (10, 10), green square at (60, 30); frame 1: both moved 12 px right, 4 px down
        RgbImage first = frame(10, 10, 60, 30);
        RgbImage second = frame(22, 14, 72, 34);
        LabelMask mask = LabelMask.empty(WIDTH, HEIGHT);
        fill(mask, 10, 10, 1);
        fill(mask, 60, 30, 3);

        try (PropagationSession session = service.open(SessionSettings.defaults("weightfree", null))) {
            session.step(0, first, mask);
            StepResult result = session.step(1, second, null);

            LabelMask expected = LabelMask.empty(WIDTH, HEIGHT);
            fill(expected, 22, 14, 1);
            fill(expected, 72, 34, 3);
            assertEquals(List.of(1, 3), result.objectIds());
            // a copy of the first mask would score J = 0.19 (8 x 16 overlap); stride-16 cells on 20-pixel
            // squares leave some error at the corners
            assertTrue(jaccard(result.labels(), expected, 1) > 0.8, "object 1 J " + jaccard(result.labels(), expected, 1));
            assertTrue(jaccard(result.labels(), expected, 3) > 0.8, "object 3 J " + jaccard(result.labels(), expected, 3));
            // where the red square was and no longer is, the background is back
            assertEquals(0, result.labels().get(12, 12));
        }
    }

    private static RgbImage frame(int redX, int redY, int greenX, int greenY) {
        byte[] rgb = new byte[WIDTH * HEIGHT * 3];
        for (int i = 0; i < WIDTH * HEIGHT; i++) {
            rgb[3 * i] = (byte) 70; // grey-blue background
            rgb[3 * i + 1] = (byte) 90;
            rgb[3 * i + 2] = (byte) 140;
        }
        paint(rgb, redX, redY, 220, 30, 30);
        paint(rgb, greenX, greenY, 40, 200, 60);
        return new RgbImage(WIDTH, HEIGHT, rgb);
    }

    private static void paint(byte[] rgb, int x0, int y0, int r, int g, int b) {
        for (int y = y0; y < y0 + SIDE; y++) {
            for (int x = x0; x < x0 + SIDE; x++) {
                int i = 3 * (y * WIDTH + x);
                rgb[i] = (byte) r;
                rgb[i + 1] = (byte) g;
                rgb[i + 2] = (byte) b;
            }
        }
    }

    private static void fill(LabelMask mask, int x0, int y0, int label) {
        for (int y = y0; y < y0 + SIDE; y++) {
            for (int x = x0; x < x0 + SIDE; x++) {
                mask.set(x, y, label);
            }
        }
    }

    private static double jaccard(LabelMask actual, LabelMask expected, int label) {
        int intersection = 0;
        int union = 0;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                boolean a = actual.get(x, y) == label;
                boolean e = expected.get(x, y) == label;
                intersection += a && e ? 1 : 0;
                union += a || e ? 1 : 0;
            }
        }
        return union == 0 ? 1 : (double) intersection / union;
    }
}
