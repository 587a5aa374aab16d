package org.vosbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.vosbench.engine.EngineChoices;
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

    private static EngineChoices choices(String backbone, Path weights) {
        EngineChoices d = EngineChoices.defaults();
        return new EngineChoices(backbone, weights, d.similarity(), d.topK(), d.memEvery(), d.includeLast(),
                d.memory(), d.maxMemoryFrames(), d.device(), d.amp(), d.threads(), d.precision());
    }

    @Test
    void noWeightsFileResolvesToTheTrainingFreeDefaultAndOpensIt() {
        WeightsCheck.Outcome outcome = WeightsCheck.check(service, choices("", null));

        assertNull(outcome.problem());
        assertEquals("weightfree", outcome.settings().backboneId());
    }

    @Test
    void stcnChosenWithoutWeightsIsReported() {
        WeightsCheck.Outcome outcome = WeightsCheck.check(service, choices("stcn", null));

        assertNull(outcome.settings());
        assertTrue(outcome.problem().startsWith("Weights file:") && outcome.problem().contains("stcn"),
                outcome.problem());
    }

    @Test
    void missingFileIsReportedOnApply() {
        String problem = WeightsCheck.check(service, choices("", dir.resolve("stcn.pth"))).problem();
        assertTrue(problem.contains("stcn.pth") && problem.contains("no such file"), problem);
    }

    @Test
    void fileThatIsNotAPyTorchCheckpointIsReportedWithItsName() throws Exception {
        Path bogus = Files.writeString(dir.resolve("notes.pth"), "these are not weights");
        WeightsCheck.Outcome outcome = WeightsCheck.check(service, choices("", bogus));
        assertEquals("stcn", outcome.settings().backboneId(), "automatic backbone + a weights file means STCN");
        assertNotNull(outcome.problem(), "which must reject it");
        assertTrue(outcome.problem().contains("notes.pth"), outcome.problem());
    }

    @Test
    void weightsAreIgnoredWhenTheChosenBackboneNeedsNone() throws Exception {
        Path bogus = Files.writeString(dir.resolve("notes.pth"), "these are not weights");
        WeightsCheck.Outcome outcome = WeightsCheck.check(service, choices("weightfree", bogus));
        assertNull(outcome.problem());
        assertTrue(outcome.settings().weights().isEmpty());
    }

    @Test
    void anUnknownSimilarityIsReported() {
        EngineChoices d = choices("", null);
        EngineChoices wrong = new EngineChoices(d.backbone(), null, "cosine", d.topK(), d.memEvery(), false,
                d.memory(), d.maxMemoryFrames(), d.device(), false, 0, d.precision());
        String problem = WeightsCheck.check(service, wrong).problem();
        assertTrue(problem.startsWith("Similarity cosine:"), problem);
    }
}
