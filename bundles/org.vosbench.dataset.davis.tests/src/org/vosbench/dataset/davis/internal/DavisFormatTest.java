package org.vosbench.dataset.davis.internal;

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
import org.vosbench.testing.SharedData;

class DavisFormatTest {

    private final DavisFormat davis = new DavisFormat();

    @TempDir
    Path tmp;

    private Path touch(String relative) throws IOException {
        Path file = tmp.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.write(file, new byte[0]);
    }

    private Path text(String relative, String content) throws IOException {
        Path file = tmp.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private void mask(String relative, int... labels) throws IOException {
        Path file = tmp.resolve(relative);
        Files.createDirectories(file.getParent());
        byte[] pixels = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            pixels[i] = (byte) labels[i];
        }
        MaskIO.write(file, new LabelMask(labels.length, 1, pixels));
    }

    @Test
    void opensTheRealDavisValidationSetInSplitFileOrder() throws IOException {
        Path root = SharedData.shared().resolve("data/davis-real");

        Dataset d = davis.open(root, DatasetOptions.defaults());

        assertEquals("davis", d.formatId());
        assertEquals("DAVIS 2017 val (480p)", d.description());
        assertEquals(List.of("drift-straight", "car-roundabout"), d.sequences().stream().map(SequenceRef::name).toList());
        SequenceRef drift = d.sequences().get(0);
        assertEquals(50, drift.length());
        assertEquals("00000", drift.frame(0).name());
        assertEquals("00049", drift.frame(49).name());
        assertEquals(root.resolve("JPEGImages/480p/drift-straight/00007.jpg"), drift.frame(7).image());
        assertEquals(Set.of(0), drift.annotations().keySet());
        assertEquals(50, drift.groundTruth().size());
        assertEquals(50, drift.framesToWrite().size());
        assertEquals(75, d.sequences().get(1).length());
    }

    @Test
    void takesTheObjectsFromTheLabelsOfTheFirstAnnotatedFrame() throws IOException {
        Dataset real = davis.open(SharedData.shared().resolve("data/davis-real"), DatasetOptions.defaults());
        Dataset multi = davis.open(SharedData.shared().resolve("data/davis-multi-pseudo"), DatasetOptions.defaults());

        assertFalse(real.sequences().get(0).objectIdsKnown());
        assertEquals(Set.of(1), real.sequences().get(0).objectIds());
        assertEquals(Set.of(1, 2), multi.sequence("horsejump-high").orElseThrow().objectIds());
        assertEquals(Set.of(1, 2, 3), multi.sequence("soapbox").orElseThrow().objectIds());
    }

    @Test
    void writesResultsInTheDavisResultLayoutUnderTheOriginalFrameNames() throws IOException {
        Dataset d = davis.open(SharedData.shared().resolve("data/davis-real"), DatasetOptions.defaults());
        SequenceRef car = d.sequence("car-roundabout").orElseThrow();

        assertEquals(Path.of("/out/car-roundabout/00012.png"), d.resultPath(Path.of("/out"), car, car.frame(12).name()));
    }

    @Test
    void detectsTheRealDavisFolderAndRejectsOthers() throws IOException {
        assertTrue(davis.detect(SharedData.shared().resolve("data/davis-multi-pseudo")).matches());
        touch("JPEGImages/video/00000.jpg");
        var miss = davis.detect(tmp);
        assertFalse(miss.matches());
        assertTrue(miss.found().contains("JPEGImages/"), miss.found());
    }

    @Test
    void opensTestDevWhereOnlyTheFirstFrameIsAnnotated() throws IOException {
        text("ImageSets/2017/test-dev.txt", "aerobatics\n");
        for (int i = 0; i < 4; i++) {
            touch("JPEGImages/480p/aerobatics/0000" + i + ".jpg");
        }
        mask("Annotations/480p/aerobatics/00000.png", 0, 1, 2, 4);

        SequenceRef s = davis.open(tmp, DatasetOptions.defaults().withSplit("test-dev")).sequences().get(0);

        assertEquals(4, s.length());
        assertEquals(Set.of(0), s.annotations().keySet());
        assertEquals(Set.of(0), s.groundTruth().keySet());
        assertEquals(List.of(0, 1, 2, 3), s.framesToWrite());
        assertEquals(Set.of(1, 2, 4), s.objectIds());
    }

    @Test
    void opensFullResolutionWhenAskedOrWhenItIsTheOnlyOne() throws IOException {
        text("ImageSets/2017/val.txt", "bear\n");
        touch("JPEGImages/Full-Resolution/bear/00000.jpg");
        touch("Annotations/Full-Resolution/bear/00000.png");

        Dataset asked = davis.open(tmp, DatasetOptions.defaults().withResolution("Full-Resolution"));
        Dataset alone = davis.open(tmp, DatasetOptions.defaults());

        assertEquals(tmp.resolve("JPEGImages/Full-Resolution/bear/00000.jpg"), asked.sequences().get(0).frame(0).image());
        assertEquals("DAVIS 2017 val (Full-Resolution)", alone.description());
        assertTrue(davis.detect(tmp).matches());
    }

    @Test
    void readsTheDavis2016SplitFilesOfImageAndMaskPaths() throws IOException {
        text("ImageSets/480p/val.txt", "/JPEGImages/480p/bear/00000.jpg /Annotations/480p/bear/00000.png\n"
                + "/JPEGImages/480p/bear/00001.jpg /Annotations/480p/bear/00001.png\n"
                + "/JPEGImages/480p/cows/00000.jpg /Annotations/480p/cows/00000.png\n");
        touch("JPEGImages/480p/bear/00000.jpg");
        touch("JPEGImages/480p/bear/00001.jpg");
        touch("JPEGImages/480p/cows/00000.jpg");
        mask("Annotations/480p/bear/00000.png", 0, 255);
        mask("Annotations/480p/cows/00000.png", 0, 0, 1, 2);

        Dataset d = davis.open(tmp, DatasetOptions.defaults().withYear("2016"));

        assertEquals(List.of("bear", "cows"), d.sequences().stream().map(SequenceRef::name).toList());
        assertEquals(Set.of(), d.sequences().get(0).objectIds()); // 255 is void, not an object
        assertEquals(Set.of(1), d.sequences().get(1).objectIds()); // 2016: one object per sequence
    }

    @Test
    void rejectsASequenceInTheSplitFileWithoutAFolder() throws IOException {
        Path split = text("ImageSets/2017/val.txt", "bear\nghost\n");
        touch("JPEGImages/480p/bear/00000.jpg");
        touch("Annotations/480p/bear/00000.png");

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> davis.open(tmp, DatasetOptions.defaults()));

        assertEquals(split, e.file());
        assertTrue(e.getMessage().contains("'ghost'"), e.getMessage());
    }

    @Test
    void rejectsAnUnknownSplitListingTheSplitsThere() throws IOException {
        text("ImageSets/2017/val.txt", "bear\n");
        text("ImageSets/2017/train.txt", "bear\n");
        touch("JPEGImages/480p/bear/00000.jpg");

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> davis.open(tmp, DatasetOptions.defaults().withSplit("tset")));

        assertEquals(tmp.resolve("ImageSets/2017/tset.txt"), e.file());
        assertTrue(e.getMessage().contains("train, val"), e.getMessage());
    }

    @Test
    void rejectsASequenceWithoutAnnotationFolder() throws IOException {
        text("ImageSets/2017/val.txt", "bear\n");
        touch("JPEGImages/480p/bear/00000.jpg");

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> davis.open(tmp, DatasetOptions.defaults()));

        assertEquals(tmp.resolve("Annotations/480p/bear"), e.file());
    }

    @Test
    void rejectsAnEmptySplitFile() throws IOException {
        Path split = text("ImageSets/2017/val.txt", "\n\n");
        touch("JPEGImages/480p/bear/00000.jpg");

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> davis.open(tmp, DatasetOptions.defaults()));

        assertEquals(split, e.file());
    }
}
