package org.vosbench.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosbench.core.InvalidInputException;
import org.vosbench.dataset.DatasetFormatRegistry;
import org.vosbench.model.Dataset;
import org.vosbench.model.ReviewState;
import org.vosbench.model.store.ProjectStore;
import org.vosbench.testing.OsgiServices;
import org.vosbench.testing.SharedData;

/** Fine-tuning data: a project's Reviewed and Approved sequences, with the masks its people saved. */
class ProjectDataTest {

    private static DatasetFormatRegistry registry;

    @BeforeAll
    static void services() {
        registry = OsgiServices.get(ProjectDataTest.class, DatasetFormatRegistry.class);
    }

    /** A project on davis-real with the given review states of drift-straight and car-roundabout. */
    private static ProjectStore project(Path dir, ReviewState drift, ReviewState car) throws IOException {
        ProjectStore store = ProjectStore.create(dir.resolve("p.vosbench"), "p");
        Dataset d = store.ensureDataset(SharedData.davisReal(), "davis");
        ProjectStore.setReviewState(ProjectStore.ensureSequence(d, "drift-straight"), drift);
        ProjectStore.setReviewState(ProjectStore.ensureSequence(d, "car-roundabout"), car);
        store.save();
        return store;
    }

    @Test
    void onlyReviewedAndApprovedSequencesAreTrainedOnWithTheirSavedMasks(@TempDir Path dir) throws IOException {
        ProjectStore store = project(dir, ReviewState.REVIEWED, ReviewState.IN_PROGRESS);
        // the workbench saved masks for frames 0-4 of drift-straight; frame 3 has none
        Path work = store.directory().resolve("annotations").resolve("davis-real").resolve("drift-straight");
        Files.createDirectories(work);
        Path gt = SharedData.davisReal().resolve("Annotations/480p/drift-straight");
        StringBuilder tsv = new StringBuilder("# frame\tstate\n");
        String[] states = {"ANNOTATED", "PROPAGATED", "EDITED", "NONE", "PROPAGATED"};
        for (int f = 0; f < states.length; f++) {
            String stem = String.format("%05d", f);
            tsv.append(stem).append('\t').append(states[f]).append('\n');
            if (!states[f].equals("NONE")) {
                Files.copy(gt.resolve(stem + ".png"), work.resolve(stem + ".png"));
            }
        }
        Files.writeString(work.resolve("frames.tsv"), tsv);
        VosSource source = TrainingData.project(registry, store.file(), 32);
        assertEquals(1, source.size(), "car-roundabout is still in progress");
        VosSource.Clip clip = source.clips().get(0);
        assertEquals("drift-straight", clip.name());
        assertEquals(List.of(work.resolve("00000.png"), work.resolve("00001.png"), work.resolve("00002.png"),
                work.resolve("00004.png")), clip.masks());
        assertEquals(SharedData.davisReal().resolve("JPEGImages/480p/drift-straight/00004.jpg").toAbsolutePath().normalize(),
                clip.images().get(3).toAbsolutePath().normalize());
        TrainingSample s = source.sample(new SplittableRandom(1), 3);
        assertNull(s.second());
        assertTrue(s.info().startsWith("drift-straight ["), s.info());
    }

    @Test
    void anApprovedSequenceNeverEditedTrainsOnItsDatasetMasks(@TempDir Path dir) throws IOException {
        ProjectStore store = project(dir, ReviewState.NOT_STARTED, ReviewState.APPROVED);
        VosSource source = TrainingData.project(registry, store.file(), 32);
        assertEquals(1, source.size());
        assertEquals("car-roundabout", source.clips().get(0).name());
        assertEquals(75, source.clips().get(0).length());
    }

    @Test
    void aProjectWithoutReviewedSequencesIsRefused(@TempDir Path dir) throws IOException {
        ProjectStore store = project(dir, ReviewState.PROPAGATED, ReviewState.IN_PROGRESS);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TrainingData.project(registry, store.file(), 32));
        assertEquals(store.file(), e.file());
        assertTrue(e.getMessage().contains("no sequence is Reviewed or Approved (of 2 sequences)"), e.getMessage());
    }

    @Test
    void aBadFrameListIsRefusedByFileAndLine(@TempDir Path dir) throws IOException {
        ProjectStore store = project(dir, ReviewState.REVIEWED, ReviewState.IN_PROGRESS);
        Path work = Files.createDirectories(store.directory().resolve("annotations/davis-real/drift-straight"));
        Files.writeString(work.resolve("frames.tsv"), "# frame\tstate\n00000\tDRAWN\n");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TrainingData.project(registry, store.file(), 32));
        assertEquals(work.resolve("frames.tsv"), e.file());
        assertTrue(e.getMessage().contains("line 2: unknown frame state 'DRAWN'"), e.getMessage());
    }
}
