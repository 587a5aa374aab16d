package org.vosbench.dataset.youtubevos.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosbench.core.InvalidInputException;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.dataset.Dataset;
import org.vosbench.dataset.DatasetOptions;
import org.vosbench.dataset.SequenceRef;

class YouTubeVosFormatTest {

    private static final String META = """
            {"videos": {
              "0a2f2bd294": {"objects": {
                "1": {"category": "person", "frames": ["00010", "00015", "00020"]},
                "3": {"category": "dog", "frames": ["00015", "00020"]}}},
              "00f88c4f0a": {"objects": {
                "2": {"category": "ape", "frames": ["00000"]}}}
            }}""";

    private final YouTubeVosFormat format = new YouTubeVosFormat();

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

    /** The valid split: sparse frames 00010, 00015, 00020 (not from 0); masks where objects first appear. */
    private void validSplit() throws IOException {
        text("valid/meta.json", META);
        for (String f : List.of("00010", "00015", "00020")) {
            touch("valid/JPEGImages/0a2f2bd294/" + f + ".jpg");
        }
        touch("valid/Annotations/0a2f2bd294/00010.png");
        touch("valid/Annotations/0a2f2bd294/00015.png");
        touch("valid/JPEGImages/00f88c4f0a/00000.jpg");
        touch("valid/Annotations/00f88c4f0a/00000.png");
    }

    @Test
    void opensTheValidSplitWithTheIdsAndCategoriesOfMetaJson() throws IOException {
        validSplit();

        Dataset d = format.open(tmp, DatasetOptions.defaults());

        assertEquals("youtubevos", d.formatId());
        assertEquals(List.of("00f88c4f0a", "0a2f2bd294"), d.sequences().stream().map(SequenceRef::name).toList());
        SequenceRef v = d.sequence("0a2f2bd294").orElseThrow();
        assertEquals(List.of("00010", "00015", "00020"), v.frameNames());
        assertEquals(Set.of(0, 1), v.annotations().keySet());
        assertTrue(v.objectIdsKnown());
        assertEquals(List.of(1, 3), List.copyOf(v.objectIds())); // masks are zero bytes: nothing was decoded
        assertEquals(Map.of(1, "person", 3, "dog"), v.objectCategories());
        assertEquals(List.of(0, 1, 2), v.framesToWrite());
    }

    @Test
    void writesResultsUnderAnnotationsWithTheOriginalFrameNames() throws IOException {
        validSplit();
        Dataset d = format.open(tmp, DatasetOptions.defaults());
        SequenceRef v = d.sequence("0a2f2bd294").orElseThrow();

        assertEquals(Path.of("/out/Annotations/0a2f2bd294/00015.png"), d.resultPath(Path.of("/out"), v, v.frame(1).name()));
    }

    @Test
    void opensTheSplitFolderItselfToo() throws IOException {
        validSplit();

        Dataset d = format.open(tmp.resolve("valid"), DatasetOptions.defaults());

        assertEquals(2, d.sequences().size());
        assertTrue(format.detect(tmp.resolve("valid")).matches());
        assertTrue(format.detect(tmp).matches());
    }

    @Test
    void readsAllFramesButWritesOnlyTheFramesOfTheSparseSplit() throws IOException {
        validSplit();
        for (int f = 10; f <= 20; f++) {
            touch(String.format("all_frames/valid_all_frames/JPEGImages/0a2f2bd294/%05d.jpg", f));
        }
        touch("all_frames/valid_all_frames/JPEGImages/00f88c4f0a/00000.jpg");
        touch("all_frames/valid_all_frames/JPEGImages/00f88c4f0a/00001.jpg");

        Dataset d = format.open(tmp, DatasetOptions.defaults().withAllFrames(true));
        SequenceRef v = d.sequence("0a2f2bd294").orElseThrow();

        assertEquals(11, v.length());
        assertEquals(List.of(0, 5, 10), v.framesToWrite());
        assertEquals(Set.of(0, 5), v.annotations().keySet()); // 00010 and 00015
        assertEquals(tmp.resolve("all_frames/valid_all_frames/JPEGImages/0a2f2bd294/00011.jpg"), v.frame(1).image());
    }

    @Test
    void rejectsAllFramesWhenTheFolderIsMissing() throws IOException {
        validSplit();

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> format.open(tmp, DatasetOptions.defaults().withAllFrames(true)));

        assertEquals(tmp.resolve("all_frames/valid_all_frames/JPEGImages"), e.file());
    }

    @Test
    void opensTrain480pWithTheMetaJsonOfTrain() throws IOException {
        text("train/meta.json", "{\"videos\": {\"abc\": {\"objects\": {\"2\": {\"category\": \"cat\"}}}}}");
        touch("train/JPEGImages/abc/00000.jpg");
        touch("train_480p/JPEGImages/abc/00000.jpg");
        touch("train_480p/JPEGImages/abc/00005.jpg");
        touch("train_480p/Annotations/abc/00000.png");
        touch("train_480p/Annotations/abc/00005.png");

        Dataset d = format.open(tmp, DatasetOptions.defaults().withSplit("train_480p"));
        SequenceRef v = d.sequences().get(0);

        assertEquals(tmp.resolve("train_480p/JPEGImages/abc/00005.jpg"), v.frame(1).image());
        assertEquals(Set.of(0, 1), v.annotations().keySet());
        assertEquals(Set.of(2), v.objectIds());
    }

    @Test
    void opensTrain480pWithoutMetaJsonTakingObjectsFromTheMasks() throws IOException {
        touch("train_480p/JPEGImages/abc/00000.jpg");
        touch("train_480p/JPEGImages/abc/00005.jpg");
        mask("train_480p/Annotations/abc/00000.png", 0, 1);
        mask("train_480p/Annotations/abc/00005.png", 0, 1, 4);

        assertTrue(format.detect(tmp).matches());
        SequenceRef v = format.open(tmp, DatasetOptions.defaults()).sequences().get(0);

        assertFalse(v.objectIdsKnown());
        assertEquals(Set.of(1, 4), v.objectIds());
    }

    @Test
    void rejectsMalformedMetaJsonNamingTheFile() throws IOException {
        validSplit();
        Path meta = text("valid/meta.json", "{\"videos\": {\"0a2f2bd294\": {\"objects\": {\"1\": ");

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> format.open(tmp, DatasetOptions.defaults()));

        assertEquals(meta, e.file());
        assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
    }

    @Test
    void rejectsMetaJsonWithoutVideos() throws IOException {
        validSplit();
        Path meta = text("valid/meta.json", "{\"vids\": {}}");

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> format.open(tmp, DatasetOptions.defaults()));

        assertEquals(meta, e.file());
        assertTrue(e.getMessage().contains("\"videos\" is missing"), e.getMessage());
    }

    @Test
    void rejectsAnObjectIdThatIsNotALabel() throws IOException {
        validSplit();
        Path meta = text("valid/meta.json", "{\"videos\": {\"0a2f2bd294\": {\"objects\": {\"one\": {}}}}}");

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> format.open(tmp, DatasetOptions.defaults()));

        assertEquals(meta, e.file());
        assertTrue(e.getMessage().contains("\"one\""), e.getMessage());
    }

    @Test
    void rejectsAVideoOfMetaJsonWithoutAFolder() throws IOException {
        validSplit();
        Path meta = text("valid/meta.json", "{\"videos\": {\"missing\": {\"objects\": {}}}}");

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> format.open(tmp, DatasetOptions.defaults()));

        assertEquals(meta, e.file());
        assertTrue(e.getMessage().contains("'missing'"), e.getMessage());
    }

    @Test
    void doesNotTakeAGenericFolderWithoutMetaJsonForYouTubeVos() throws IOException {
        touch("JPEGImages/v/00000.jpg");

        assertFalse(format.detect(tmp).matches());
    }

    @Test
    void listsThousandsOfZeroByteFramesWithoutDecodingAny() throws IOException {
        SyntheticYouTubeVos.build(tmp, "train", 600, 8, false);

        Dataset d = format.open(tmp, DatasetOptions.defaults().withSplit("train"));

        assertEquals(600, d.sequences().size());
        for (SequenceRef s : d.sequences()) {
            assertEquals(8, s.length());
            assertEquals("00005", s.frame(0).name());
            assertEquals(Set.of(0), s.annotations().keySet());
            assertEquals(Set.of(1, 3), s.objectIds()); // from meta.json: decoding a zero-byte mask would throw
        }
    }
}
