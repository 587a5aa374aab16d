package org.vosbench.dataset.bl30k.internal;

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
import org.vosbench.dataset.SequenceRef;

class Bl30kFormatTest {

    private final Bl30kFormat format = new Bl30kFormat();

    @TempDir
    Path tmp;

    /**
     * A BL30K video: 160 zero-byte frames {@code %05d.jpg}, a 768x512 palette mask with objects
     * 1, 2, 4 on frame 0 and zero-byte masks on the others (never decoded).
     */
    private void video(String name) throws IOException {
        Path images = Files.createDirectories(tmp.resolve("JPEGImages").resolve(name));
        Path masks = Files.createDirectories(tmp.resolve("Annotations").resolve(name));
        for (int f = 0; f < 160; f++) {
            Files.createFile(images.resolve(String.format("%05d.jpg", f)));
            if (f > 0) {
                Files.createFile(masks.resolve(String.format("%05d.png", f)));
            }
        }
        LabelMask first = LabelMask.empty(768, 512);
        first.set(10, 10, 1);
        first.set(700, 20, 2);
        first.set(300, 500, 4);
        MaskIO.write(masks.resolve("00000.png"), first);
    }

    @Test
    void opensVideosOf160FramesWithTheObjectsOfTheFirstMask() throws IOException {
        video("a0001");
        video("a0002");

        Dataset d = format.open(tmp, DatasetOptions.defaults());

        assertEquals("bl30k", d.formatId());
        assertEquals(List.of("a0001", "a0002"), d.sequences().stream().map(SequenceRef::name).toList());
        SequenceRef s = d.sequences().get(1);
        assertEquals(160, s.length());
        assertEquals("00159", s.frame(159).name());
        assertEquals(Set.of(0), s.annotations().keySet());
        assertEquals(160, s.groundTruth().size());
        assertEquals(Set.of(1, 2, 4), s.objectIds());
        assertEquals(Path.of("/out/a0002/00159.png"), d.resultPath(Path.of("/out"), s, "00159"));
    }

    @Test
    void detectsNumberedFramesWithAMaskOnEveryFrame() throws IOException {
        video("a0001");

        assertTrue(format.detect(tmp).matches());
    }

    @Test
    void doesNotTakeFoldersWithMasksOnSomeFramesOnly() throws IOException {
        Files.createDirectories(tmp.resolve("JPEGImages/v"));
        Files.createDirectories(tmp.resolve("Annotations/v"));
        Files.createFile(tmp.resolve("JPEGImages/v/00000.jpg"));
        Files.createFile(tmp.resolve("JPEGImages/v/00001.jpg"));
        Files.createFile(tmp.resolve("Annotations/v/00000.png"));

        var d = format.detect(tmp);

        assertFalse(d.matches());
        assertTrue(d.found().contains("2 frames") && d.found().contains("1 masks"), d.found());
    }

    @Test
    void rejectsAVideoWithoutMasks() throws IOException {
        video("a0001");
        Files.createDirectories(tmp.resolve("JPEGImages/a0002"));
        Files.createFile(tmp.resolve("JPEGImages/a0002/00000.jpg"));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> format.open(tmp, DatasetOptions.defaults()));

        assertEquals(tmp.resolve("Annotations/a0002"), e.file());
    }
}
