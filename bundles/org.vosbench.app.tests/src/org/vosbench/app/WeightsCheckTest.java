package org.vosbench.app;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.vosbench.engine.PropagationService;

/** The preference page's weights check, through the real engine service. */
class WeightsCheckTest {

    private static ServiceTracker<PropagationService, PropagationService> tracker;
    private static PropagationService service;

    @TempDir
    Path dir;

    @BeforeAll
    static void engine() throws InterruptedException {
        tracker = new ServiceTracker<>(FrameworkUtil.getBundle(WeightsCheckTest.class).getBundleContext(),
                PropagationService.class, null);
        tracker.open();
        service = tracker.waitForService(20_000);
        assertNotNull(service, "PropagationService not available");
    }

    @AfterAll
    static void close() {
        tracker.close();
    }

    @Test
    void noWeightsFileIsFineForTheTrainingFreeDefault() {
        assertNull(WeightsCheck.problem(service, "", "cpu", ""));
    }

    @Test
    void missingFileIsReportedOnApply() {
        String problem = WeightsCheck.problem(service, "", "cpu", dir.resolve("stcn.pth").toString());
        assertTrue(problem.contains("stcn.pth") && problem.contains("does not exist"), problem);
    }

    @Test
    void fileThatIsNotAPyTorchCheckpointIsReportedWithItsName() throws Exception {
        Path bogus = Files.writeString(dir.resolve("notes.pth"), "these are not weights");
        String problem = WeightsCheck.problem(service, "", "cpu", bogus.toString());
        assertNotNull(problem, "automatic backbone + a weights file means STCN, which must reject it");
        assertTrue(problem.contains("notes.pth"), problem);
    }

    @Test
    void weightsAreIgnoredWhenTheChosenBackboneNeedsNone() throws Exception {
        Path bogus = Files.writeString(dir.resolve("notes.pth"), "these are not weights");
        assertNull(WeightsCheck.problem(service, "weightfree", "cpu", bogus.toString()));
    }
}
