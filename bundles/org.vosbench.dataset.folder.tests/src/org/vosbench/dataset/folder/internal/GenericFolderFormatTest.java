package org.vosbench.dataset.folder.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosbench.core.InvalidInputException;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.dataset.Dataset;
import org.vosbench.dataset.DatasetOptions;
import org.vosbench.dataset.Detection;
import org.vosbench.dataset.SequenceRef;
import org.vosbench.testing.SharedData;

class GenericFolderFormatTest {

    private final GenericFolderFormat format = new GenericFolderFormat();

    @TempDir
    Path tmp;

    private Path touch(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, new byte[0]);
    }

    private void mask(Path file, int... labels) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] pixels = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            pixels[i] = (byte) labels[i];
        }
        MaskIO.write(file, new LabelMask(labels.length, 1, pixels));
    }

    @Test
    void opensTheStcnGenericLayoutWithAnObjectAppearingLater() throws IOException {
        Path root = SharedData.shared().resolve("fixtures/stcn-parity/late-object");

        Dataset d = format.open(root, DatasetOptions.defaults());

        assertEquals("folder", d.formatId());
        SequenceRef s = d.sequences().get(0);
        assertEquals("late-object", s.name());
        assertEquals(8, s.length());
        assertEquals(root.resolve("JPEGImages/late-object/00003.png"), s.frame(3).image());
        assertEquals(Set.of(0, 3), s.annotations().keySet()); // settings.json: annotated_frames [0, 3]
        assertEquals(Set.of(1, 3), s.objectIds()); // settings.json: object_ids [1, 3]
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), s.framesToWrite());
        assertEquals(Path.of("/out/late-object/00006.png"), d.resultPath(Path.of("/out"), s, "00006"));
    }

    @Test
    void detectsTheGenericLayout() {
        Detection d = format.detect(SharedData.shared().resolve("fixtures/stcn-parity/late-object"));

        assertTrue(d.matches());
        assertEquals(10, d.specificity());
    }

    @Test
    void opensOneFolderOfFramesInNaturalOrderWithMatchingMasks() throws IOException {
        Path video = tmp.resolve("my video");
        for (String f : List.of("frame10.jpg", "frame9.jpg", "frame1.jpg")) {
            touch(video.resolve(f));
        }
        mask(video.resolve("Annotations/frame9.png"), 0, 2, 7);

        assertTrue(format.detect(video).matches());
        Dataset d = format.open(video, DatasetOptions.defaults());
        SequenceRef s = d.sequences().get(0);

        assertEquals("my video", s.name());
        assertEquals(List.of("frame1", "frame9", "frame10"), s.frameNames());
        assertEquals(Set.of(1), s.annotations().keySet());
        assertEquals(Set.of(2, 7), s.objectIds());
    }

    @Test
    void opensOneFolderOfFramesWithAMaskFolderGivenElsewhere() throws IOException {
        Path video = tmp.resolve("frames");
        touch(video.resolve("a.png"));
        touch(video.resolve("b.png"));
        Path masks = tmp.resolve("elsewhere");
        touch(masks.resolve("b.png"));

        SequenceRef s = format.open(video, DatasetOptions.defaults().withMasks(masks)).sequences().get(0);

        assertEquals(Set.of(1), s.annotations().keySet());
        assertEquals(masks.resolve("b.png"), s.annotations().get(1));
    }

    @Test
    void opensOneFolderOfFramesWithoutMasks() throws IOException {
        Path video = tmp.resolve("frames");
        touch(video.resolve("00000.jpg"));

        SequenceRef s = format.open(video, DatasetOptions.defaults()).sequences().get(0);

        assertTrue(s.annotations().isEmpty());
        assertEquals(Set.of(), s.objectIds());
    }

    @Test
    void rejectsAMaskWhoseNameMatchesNoFrame() throws IOException {
        Path video = tmp.resolve("frames");
        touch(video.resolve("00000.jpg"));
        Path stray = touch(video.resolve("masks/00009.png"));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> format.open(video, DatasetOptions.defaults()));

        assertEquals(stray, e.file());
    }

    @Test
    void rejectsAMaskFolderThatDoesNotExist() throws IOException {
        Path video = tmp.resolve("frames");
        touch(video.resolve("00000.jpg"));

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> format.open(video, DatasetOptions.defaults().withMasks(tmp.resolve("nope"))));

        assertEquals(tmp.resolve("nope"), e.file());
    }

    @Test
    void doesNotTakeAFolderWithoutFrames() throws IOException {
        touch(tmp.resolve("readme.txt"));

        Detection d = format.detect(tmp);

        assertFalse(d.matches());
        assertTrue(d.found().contains("readme.txt"), d.found());
    }
}
