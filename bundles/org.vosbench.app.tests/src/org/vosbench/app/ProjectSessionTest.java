package org.vosbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosbench.engine.PropagationReport;
import org.vosbench.engine.SessionSettings;
import org.vosbench.model.Dataset;
import org.vosbench.model.ReviewState;
import org.vosbench.model.Run;
import org.vosbench.model.RunStatus;
import org.vosbench.model.Sequence;
import org.vosbench.model.store.ProjectStore;

class ProjectSessionTest {

    @TempDir
    Path dir;

    @Test
    void addingDavisRealListsItsSequencesWithFramesAndObjects() throws Exception {
        ProjectSession session = ProjectSession.create(dir.resolve("p.vosbench"), "p", TestSupport.registry());
        Dataset d = session.addDataset(TestSupport.davisReal());
        assertEquals("davis", d.getFormatId(), "format detected through the extension point");
        // ImageSets/2017/val.txt order; frame counts from the shared data README
        assertEquals(List.of("car-roundabout", "drift-straight"),
                d.getSequences().stream().map(Sequence::getName).sorted().toList());
        Sequence car = d.findSequence("car-roundabout");
        assertEquals(75, car.getFrameCount());
        assertEquals(50, d.findSequence("drift-straight").getFrameCount());
        assertEquals(List.of(1), List.copyOf(car.getObjectIds()));
        assertEquals(List.of(0), List.copyOf(car.getAnnotatedFrames()), "DAVIS gives the first frame as input");
        assertEquals(ReviewState.NOT_STARTED, car.getReviewState());

        ProjectStore reloaded = ProjectStore.load(dir.resolve("p.vosbench"));
        assertEquals(2, reloaded.project().getDatasets().get(0).getSequences().size(), "saved at once");
    }

    @Test
    void aDatasetWithAnUnreadableFirstMaskIsRefusedNamingTheFileAndNothingIsAdded() throws Exception {
        Path root = dir.resolve("davis");
        for (String part : new String[] {"ImageSets/2017", "JPEGImages/480p/car-roundabout", "JPEGImages/480p/drift-straight",
                "Annotations/480p/car-roundabout", "Annotations/480p/drift-straight"}) {
            Files.createDirectories(root.resolve(part));
            try (var files = Files.list(TestSupport.davisReal().resolve(part))) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.copy(f, root.resolve(part).resolve(f.getFileName()));
                }
            }
        }
        Path bad = root.resolve("Annotations/480p/drift-straight/00000.png");
        Files.write(bad, new byte[] {1, 2, 3});
        ProjectSession session = ProjectSession.create(dir.resolve("p.vosbench"), "p", TestSupport.registry());

        java.io.IOException e = assertThrows(java.io.IOException.class, () -> session.addDataset(root));

        assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
        assertTrue(session.project().getDatasets().isEmpty(), "nothing half-added in the open project");
        assertTrue(ProjectStore.load(dir.resolve("p.vosbench")).project().getDatasets().isEmpty(), "nor on disk");
    }

    @Test
    void reviewStateIsSavedImmediately() throws Exception {
        ProjectSession session = ProjectSession.create(dir.resolve("p.vosbench"), "p", TestSupport.registry());
        Dataset d = session.addDataset(TestSupport.davisReal());
        session.setReviewState(d.findSequence("drift-straight"), ReviewState.APPROVED);
        Dataset again = ProjectStore.load(dir.resolve("p.vosbench")).project().getDatasets().get(0);
        assertEquals(ReviewState.APPROVED, again.findSequence("drift-straight").getReviewState());
        assertEquals(1, (int) ProjectStore.reviewStateCounts(again).get(ReviewState.APPROVED));
        assertEquals(1, (int) ProjectStore.reviewStateCounts(again).get(ReviewState.NOT_STARTED));
    }

    @Test
    void propagationIsRecordedAsARunAndMarksTheSequencePropagated() throws Exception {
        ProjectSession session = ProjectSession.create(dir.resolve("p.vosbench"), "p", TestSupport.registry());
        Dataset d = session.addDataset(TestSupport.davisReal());
        Sequence car = d.findSequence("car-roundabout");
        SessionSettings settings = SessionSettings.defaults("weightfree", null).withTopK(30);
        Instant start = Instant.parse("2026-01-01T10:00:00Z");
        Run run = session.recordPropagation(car, new ProjectSession.PropagationOutcome("DJL (test)", settings, "forward", 0,
                new PropagationReport(75, 15_000_000_000L, 1), 74, false, start, start.plusSeconds(16)),
                seqDir -> Files.createDirectories(seqDir).resolve("00001.png").toFile().createNewFile());
        Run saved = ProjectStore.load(dir.resolve("p.vosbench")).project().findRun(run.getId());
        assertEquals("weightfree", saved.getBackboneId());
        assertEquals(30, saved.getTopK());
        assertEquals(75, saved.getFrames());
        assertEquals(5.0, saved.getFramesPerSecond(), 1e-9);
        assertEquals(RunStatus.COMPLETED, saved.getStatus());
        assertEquals("forward", saved.getParameters().get("direction"));
        assertEquals(start, saved.getStartedAt());
        assertEquals(start.plusSeconds(16), saved.getFinishedAt());
        Path out = session.store().resolve(saved.getOutputPath());
        assertTrue(out.endsWith(Path.of("runs", run.getId())), out.toString());
        assertTrue(Files.isRegularFile(out.resolve("car-roundabout/00001.png")), "the run's own folder");
        assertEquals(ReviewState.PROPAGATED, car.getReviewState());
    }

    @Test
    void unknownFolderIsRefusedWithWhatEachFormatExpected() throws Exception {
        ProjectSession session = ProjectSession.create(dir.resolve("p.vosbench"), "p", TestSupport.registry());
        Path empty = Files.createDirectories(dir.resolve("nothing-here"));
        Exception e = assertThrows(java.io.IOException.class, () -> session.addDataset(empty));
        assertTrue(e.getMessage().contains("davis"), e.getMessage());
    }
}
