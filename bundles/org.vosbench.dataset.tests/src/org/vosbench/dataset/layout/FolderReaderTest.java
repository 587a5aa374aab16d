package org.vosbench.dataset.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosbench.core.InvalidInputException;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.dataset.Dataset;
import org.vosbench.dataset.ObjectIdSource;
import org.vosbench.dataset.SequenceRef;
import org.vosbench.dataset.layout.FolderLayout.GivenMasks;

class FolderReaderTest {

    @TempDir
    Path root;

    private Path touch(String relative) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.write(file, new byte[0]);
    }

    private void mask(String relative, int... labels) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        byte[] pixels = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            pixels[i] = (byte) labels[i];
        }
        MaskIO.write(file, new LabelMask(labels.length, 1, pixels));
    }

    private FolderLayout.Builder generic() {
        return FolderLayout.builder("test", root, root.resolve("JPEGImages")).masks(root.resolve("Annotations"));
    }

    @Test
    void listsFramesInNaturalOrderKeepingTheirOriginalNames() throws IOException {
        touch("JPEGImages/v/frame10.jpg");
        touch("JPEGImages/v/frame2.jpg");
        touch("JPEGImages/v/frame1.png");
        touch("JPEGImages/v/notes.txt");

        SequenceRef v = FolderReader.read(generic().build()).sequences().get(0);

        assertEquals(List.of("frame1", "frame2", "frame10"), v.frameNames());
        assertEquals(root.resolve("JPEGImages/v/frame1.png"), v.frame(0).image());
        assertEquals(List.of(0, 1, 2), v.framesToWrite());
    }

    @Test
    void listsEverySequenceFolderInSortedOrderAsTheOfficialScriptsWithoutASplitFile() throws IOException {
        touch("JPEGImages/b/00000.jpg");
        touch("JPEGImages/0a2f/00000.jpg");
        touch("JPEGImages/00f8/00000.jpg");

        Dataset d = FolderReader.read(generic().build());

        assertEquals(List.of("00f8", "0a2f", "b"), d.sequences().stream().map(SequenceRef::name).toList());
    }

    @Test
    void givesEveryMaskPresentOrOnlyTheFirstAsTheLayoutSays() throws IOException {
        for (int i = 0; i < 5; i++) {
            touch("JPEGImages/v/0000" + i + ".jpg");
        }
        touch("Annotations/v/00001.png");
        touch("Annotations/v/00003.png");

        SequenceRef all = FolderReader.read(generic().givenMasks(GivenMasks.ALL).build()).sequences().get(0);
        SequenceRef first = FolderReader.read(generic().givenMasks(GivenMasks.FIRST).build()).sequences().get(0);

        assertEquals(Set.of(1, 3), all.annotations().keySet());
        assertEquals(Set.of(1), first.annotations().keySet());
        assertEquals(root.resolve("Annotations/v/00001.png"), first.annotations().get(1));
        assertEquals(Set.of(1, 3), first.groundTruth().keySet());
    }

    @Test
    void rejectsASequenceListedInTheSplitFileWithoutAFolder() throws IOException {
        touch("JPEGImages/present/00000.jpg");
        Path splitFile = touch("val.txt");

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> FolderReader.read(generic().sequences(List.of("present", "absent"), splitFile).build()));

        assertEquals(splitFile, e.file());
        assertTrue(e.getMessage().contains("'absent'"), e.getMessage());
        assertTrue(e.getMessage().contains(root.resolve("JPEGImages/absent").toString()), e.getMessage());
    }

    @Test
    void rejectsASplitEntryThatPointsOutsideTheDataset() throws IOException {
        touch("JPEGImages/v/00000.jpg");
        touch("outside/00000.jpg");
        Path splitFile = touch("val.txt");

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> FolderReader.read(generic().sequences(List.of("../outside"), splitFile).build()));

        assertEquals(splitFile, e.file());
    }

    @Test
    void rejectsAMaskWithoutAFrameOfTheSameName() throws IOException {
        touch("JPEGImages/v/00000.jpg");
        Path stray = touch("Annotations/v/00007.png");

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> FolderReader.read(generic().build()));

        assertEquals(stray, e.file());
    }

    @Test
    void rejectsASequenceFolderWithoutFrames() throws IOException {
        Files.createDirectories(root.resolve("JPEGImages/empty"));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> FolderReader.read(generic().build()));

        assertEquals(root.resolve("JPEGImages/empty"), e.file());
        assertTrue(e.getMessage().contains("no frames"), e.getMessage());
    }

    @Test
    void rejectsTwoFramesWithTheSameName() throws IOException {
        touch("JPEGImages/v/00000.jpg");
        touch("JPEGImages/v/00000.png");

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> FolderReader.read(generic().build()));

        assertTrue(e.getMessage().contains("'00000'"), e.getMessage());
    }

    @Test
    void rejectsAMissingImageFolder() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> FolderReader.read(generic().build()));

        assertEquals(root.resolve("JPEGImages"), e.file());
        assertTrue(e.getMessage().contains("no such folder"), e.getMessage());
    }

    @Test
    void rejectsAFileWhereAFolderIsExpected() throws IOException {
        touch("JPEGImages");

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> FolderReader.read(generic().build()));

        assertEquals(root.resolve("JPEGImages"), e.file());
        assertTrue(e.getMessage().contains("not a folder"), e.getMessage());
    }

    @Test
    void rejectsAMissingRequiredMaskFolder() throws IOException {
        touch("JPEGImages/v/00000.jpg");

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> FolderReader.read(generic().masksRequired(true).build()));

        assertEquals(root.resolve("Annotations/v"), e.file());
    }

    @Test
    void rejectsAnUnreadableSequenceFolder() throws IOException {
        touch("JPEGImages/v/00000.jpg");
        Path v = root.resolve("JPEGImages/v");
        Files.setPosixFilePermissions(v, PosixFilePermissions.fromString("---------"));
        try {
            Assumptions.assumeFalse(Files.isReadable(v), "permissions are not enforced for this user (root)");

            InvalidInputException e = assertThrows(InvalidInputException.class, () -> FolderReader.read(generic().build()));

            assertEquals(v, e.file());
            assertTrue(e.getMessage().contains("cannot be read"), e.getMessage());
        } finally {
            Files.setPosixFilePermissions(v, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void writesOnlyTheFramesPresentInTheFramesToWriteFolder() throws IOException {
        for (String f : List.of("00000", "00001", "00002", "00003", "00004", "00005")) {
            touch("all/v/" + f + ".jpg");
        }
        touch("sparse/v/00000.jpg");
        touch("sparse/v/00005.jpg");

        SequenceRef v = FolderReader.read(FolderLayout.builder("test", root, root.resolve("all"))
                .framesToWriteFrom(root.resolve("sparse")).build()).sequences().get(0);

        assertEquals(6, v.length());
        assertEquals(List.of(0, 5), v.framesToWrite());
        assertTrue(v.isFrameToWrite(5));
        assertFalse(v.isFrameToWrite(1));
    }

    @Test
    void putsResultsUnderTheFrameNameWithPngInTheResultLayout() throws IOException {
        touch("JPEGImages/v/00017.jpg");
        Path out = Path.of("/out");

        Dataset plain = FolderReader.read(generic().build());
        Dataset youtube = FolderReader.read(generic().resultSubfolder("Annotations").build());
        SequenceRef v = plain.sequences().get(0);

        assertEquals(Path.of("/out/v/00017.png"), plain.resultPath(out, v, "00017"));
        assertEquals(Path.of("/out/v/00017.png"), plain.resultPath(out, v, "00017.jpg"));
        assertEquals(Path.of("/out/Annotations/v/00017.png"), youtube.resultPath(out, v, v.frame(0).name()));
    }

    @Test
    void listsWithoutDecodingAndDecodesOnlyWhenObjectIdsAreAsked() throws IOException {
        touch("JPEGImages/v/00000.jpg");
        Path emptyPng = touch("Annotations/v/00000.png"); // zero bytes: decoding it fails

        SequenceRef v = FolderReader.read(generic().objectIds(s -> ObjectIdSource.firstAnnotatedFrame()).build())
                .sequences().get(0);

        assertFalse(v.objectIdsKnown());
        InvalidInputException e = assertThrows(InvalidInputException.class, v::objectIds);
        assertEquals(emptyPng, e.file());
    }

    @Test
    void decodesTheObjectIdsOnceAndRemembersThem() throws IOException {
        touch("JPEGImages/v/00000.jpg");
        touch("JPEGImages/v/00001.jpg");
        mask("Annotations/v/00000.png", 0, 2, 5, 255);
        mask("Annotations/v/00001.png", 0, 7);

        SequenceRef v = FolderReader.read(generic().objectIds(s -> ObjectIdSource.firstAnnotatedFrame()).build())
                .sequences().get(0);

        assertEquals(Set.of(2, 5), v.objectIds());
        Files.delete(root.resolve("Annotations/v/00000.png"));
        assertEquals(Set.of(2, 5), v.objectIds());
        assertTrue(v.objectIdsKnown());
    }

    @Test
    void takesTheUnionOfAllGivenMasksForObjectsAppearingLater() throws IOException {
        touch("JPEGImages/v/00000.jpg");
        touch("JPEGImages/v/00001.jpg");
        mask("Annotations/v/00000.png", 0, 1);
        mask("Annotations/v/00001.png", 0, 4, 255);

        SequenceRef v = FolderReader.read(generic().build()).sequences().get(0);

        assertEquals(Set.of(1, 4), v.objectIds());
    }

    @Test
    void passesCategoriesAndKnownIdsThroughWithoutDecoding() throws IOException {
        touch("JPEGImages/v/00000.jpg");
        touch("Annotations/v/00000.png");

        SequenceRef v = FolderReader.read(generic().objectIds(s -> ObjectIdSource.known(Set.of(3, 1)))
                .categories(s -> Map.of(1, "cat", 3, "dog")).build()).sequences().get(0);

        assertTrue(v.objectIdsKnown());
        assertEquals(List.of(1, 3), List.copyOf(v.objectIds()));
        assertEquals("dog", v.objectCategories().get(3));
    }
}
