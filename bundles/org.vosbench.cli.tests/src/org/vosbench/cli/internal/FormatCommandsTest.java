package org.vosbench.cli.internal;

import static org.vosbench.cli.internal.CommandLineTest.vosbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosbench.core.MaskIO;
import org.vosbench.testing.SharedData;
import org.vosbench.cli.internal.CommandLineTest.Result;

/** {@code import-video}, {@code export-video}, {@code export} and {@code import} run in-process. */
class FormatCommandsTest {

    private static final Path DAVIS = SharedData.shared().resolve("data/davis-real");

    @Test
    void exportThenImportCocoRleGivesBackTheSameMasks(@TempDir Path dir) throws IOException {
        Path masks = DAVIS.resolve("Annotations/480p");

        Result export = vosbench("export", "--format", "coco-rle", "--results", masks.toString(), "--output",
                dir.resolve("rle").toString(), "--quiet");
        Result back = vosbench("import", dir.resolve("rle").toString(), "--format", "coco-rle", "--output",
                dir.resolve("back").toString(), "--quiet");

        assertEquals(0, export.code(), export.err());
        assertEquals(0, back.code(), back.err());
        assertTrue(Files.isRegularFile(dir.resolve("rle/car-roundabout.json")));
        for (String f : new String[] {"drift-straight/00000.png", "drift-straight/00049.png", "car-roundabout/00074.png"}) {
            assertEquals(MaskIO.read(masks.resolve(f)), MaskIO.read(dir.resolve("back").resolve(f)), f);
        }
    }

    @Test
    void importOfJsonThatIsNotCocoFailsNamingTheFile(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("list.json");
        Files.writeString(json, "[1, 2, 3]");

        Result r = vosbench("import", json.toString(), "--format", "coco", "--output", dir.resolve("out").toString());

        assertEquals(1, r.code());
        assertTrue(r.err().contains(json.toString()), r.err());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void exportVideoThenImportVideoKeepsEveryFrame(@TempDir Path dir) {
        Path video = dir.resolve("drift.mp4");

        Result export = vosbench("export-video", "--dataset", DAVIS.toString(), "--results",
                DAVIS.resolve("Annotations/480p").toString(), "--sequence", "drift-straight", "--output", video.toString(),
                "--overlay", "contour", "--quiet");
        Result imported = vosbench("import-video", video.toString(), "--output", dir.resolve("data").toString(),
                "--max-side", "427", "--quiet");

        assertEquals(0, export.code(), export.err());
        assertEquals(0, imported.code(), imported.err());
        assertTrue(imported.out().startsWith("Imported 50 of 50 frames"), imported.out());
        assertTrue(Files.isRegularFile(dir.resolve("data/JPEGImages/drift/00049.jpg")));
    }

    @Test
    void importVideoOfADamagedFileFailsNamingItAndLeavesNothing(@TempDir Path dir) throws IOException {
        Path video = dir.resolve("broken.mov");
        Files.write(video, new byte[] {0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'q', 't', 0, 0});

        Result r = vosbench("import-video", video.toString(), "--output", dir.resolve("data").toString());

        assertEquals(1, r.code());
        assertTrue(r.err().contains(video.toString()), r.err());
        assertFalse(Files.exists(dir.resolve("data/JPEGImages/broken")));
    }

    @Test
    void anyFolderEvaluationGivesTheToolkitsNumbersOnDavisFolders(@TempDir Path dir) throws IOException {
        Path oracle = SharedData.shared().resolve("data/eval-oracle");
        for (String data : new String[] {"davis-real", "davis-multi-pseudo"}) {
            for (String name : new String[] {"gt_identity", "erode2", "shift12r_6d", "progressive_shift", "drop_obj1"}) {
                Path out = dir.resolve(data + "-" + name);
                Result r = vosbench("evaluate", "--gt", SharedData.shared().resolve("data").resolve(data)
                        .resolve("Annotations/480p").toString(), "--results",
                        oracle.resolve(data).resolve("results").resolve(name).toString(), "--output", out.toString(),
                        "--quiet");
                assertEquals(0, r.code(), r.err());
                Path expected = oracle.resolve(data).resolve("expected").resolve(name);
                assertEquals(Files.readString(expected.resolve("global_results-val.csv")),
                        Files.readString(out.resolve("global_results-val.csv")), data + " " + name);
                // the toolkit lists sequences in val.txt order, --gt in folder order: compare the rows
                assertEquals(sortedLines(expected.resolve("per-sequence_results-val.csv")),
                        sortedLines(out.resolve("per-sequence_results-val.csv")), data + " " + name);
            }
        }
    }

    private static java.util.List<String> sortedLines(Path file) throws IOException {
        return Files.readAllLines(file).stream().sorted().toList();
    }

    /**
     * A YouTube-VOS root made of DAVIS frames: valid video "a" (drift-straight, a "car", a category
     * of the training videos) and "b" (soapbox, objects of categories no training video has), ground
     * truth on every frame. Results: "a" right except on frame 00000 (where objects are given, not
     * scored), "b" empty. By hand: J and F seen 1, unseen 0, G 0.5.
     */
    @Test
    void youtubeVosScoresSeenAndUnseenCategories(@TempDir Path dir) throws IOException {
        Path root = dir.resolve("ytvos");
        Path results = dir.resolve("results");
        Path multi = SharedData.shared().resolve("data/davis-multi-pseudo");
        for (int i = 0; i < 4; i++) {
            String name = String.format("%05d", 5 * i);
            ytvosFrame(root.resolve("valid"), DAVIS, "drift-straight", "a", name);
            ytvosFrame(root.resolve("valid"), multi, "soapbox", "b", name);
            org.vosbench.core.LabelMask a = MaskIO.read(DAVIS.resolve("Annotations/480p/drift-straight/" + name + ".png"));
            MaskIO.write(results.resolve("Annotations/a/" + name + ".png"), i == 0 ? org.vosbench.core.LabelMask.empty(854, 480) : a);
            MaskIO.write(results.resolve("Annotations/b/" + name + ".png"), org.vosbench.core.LabelMask.empty(854, 480));
        }
        ytvosFrame(root.resolve("train"), DAVIS, "car-roundabout", "t", "00000");
        Files.writeString(root.resolve("train/meta.json"),
                "{\"videos\": {\"t\": {\"objects\": {\"1\": {\"category\": \"car\", \"frames\": [\"00000\"]}}}}}");
        Files.writeString(root.resolve("valid/meta.json"), "{\"videos\": {"
                + "\"a\": {\"objects\": {\"1\": {\"category\": \"car\"}}},"
                + "\"b\": {\"objects\": {\"1\": {\"category\": \"box\"}, \"2\": {\"category\": \"person\"},"
                + " \"3\": {\"category\": \"person\"}}}}}");

        Result r = vosbench("evaluate", "--youtubevos", root.toString(), "--split", "valid", "--results",
                results.toString(), "--output", dir.resolve("out").toString(), "--quiet");

        assertEquals(0, r.code(), r.err());
        assertEquals("G,J-Seen,F-Seen,J-Unseen,F-Unseen,Seen-Objects,Unseen-Objects\n0.500,1.000,1.000,0.000,0.000,1,3\n",
                Files.readString(dir.resolve("out/youtubevos_results-valid.csv")));
        assertTrue(Files.isRegularFile(dir.resolve("out/per-sequence_results-valid.csv")));
    }

    private static void ytvosFrame(Path split, Path davis, String sequence, String video, String name) throws IOException {
        Path jpg = split.resolve("JPEGImages").resolve(video).resolve(name + ".jpg");
        Files.createDirectories(jpg.getParent());
        Files.copy(davis.resolve("JPEGImages/480p").resolve(sequence).resolve(name + ".jpg"), jpg);
        MaskIO.write(split.resolve("Annotations").resolve(video).resolve(name + ".png"),
                MaskIO.read(davis.resolve("Annotations/480p").resolve(sequence).resolve(name + ".png")));
    }

    @Test
    void youtubeVosSubmissionZipFromTheCommandLine(@TempDir Path dir) throws IOException {
        Path root = dir.resolve("ytvos");
        Path results = dir.resolve("results");
        for (int i = 0; i < 3; i++) {
            String name = String.format("%05d", 5 * i);
            ytvosFrame(root.resolve("valid"), DAVIS, "drift-straight", "a", name);
            if (i < 2) {
                MaskIO.write(results.resolve("Annotations/a/" + name + ".png"),
                        MaskIO.read(DAVIS.resolve("Annotations/480p/drift-straight/" + name + ".png")));
            }
        }
        Files.writeString(root.resolve("valid/meta.json"),
                "{\"videos\": {\"a\": {\"objects\": {\"1\": {\"category\": \"car\", \"frames\": [\"00000\", \"00005\","
                        + " \"00010\"]}}}}}");

        Result missing = vosbench("export", "--format", "youtubevos-submission", "--dataset", root.toString(),
                "--results", results.toString(), "--output", dir.resolve("sub.zip").toString(), "--quiet");
        MaskIO.write(results.resolve("Annotations/a/00010.png"),
                MaskIO.read(DAVIS.resolve("Annotations/480p/drift-straight/00010.png")));
        Result complete = vosbench("export", "--format", "youtubevos-submission", "--dataset", root.toString(),
                "--results", results.toString(), "--output", dir.resolve("sub.zip").toString(), "--quiet");

        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("a/00010.png"), missing.err());
        assertEquals(0, complete.code(), complete.err());
        assertTrue(complete.out().contains("1 videos, 3 masks"), complete.out());
    }
}
