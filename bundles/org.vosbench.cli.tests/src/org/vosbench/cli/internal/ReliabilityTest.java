package org.vosbench.cli.internal;

import static org.vosbench.cli.internal.CommandLineTest.vosbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosbench.core.OutputLock;
import org.vosbench.core.RunOutput;
import org.vosbench.testing.SharedData;
import org.vosbench.cli.internal.CommandLineTest.Result;

/** Issue 14's faults, each through the real command: outputs a run owns, inputs checked, messages that name the file. */
class ReliabilityTest {

    private static Result propagate(Path data, Path out, String... extra) {
        String[] args = Stream.concat(Stream.of("propagate", "--dataset", data.toString(), "--output", out.toString(),
                "--quiet"), Stream.of(extra)).toArray(String[]::new);
        return vosbench(args);
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    // 1
    @Test
    void aRunIsRefusedAFolderAnotherLiveRunHoldsAndWritesNothing(@TempDir Path tmp) throws IOException {
        Path data = TestDatasets.synthetic(tmp.resolve("data"), List.of("s1", "s2"), 4);
        Path out = tmp.resolve("out");
        try (RunOutput other = RunOutput.begin("workbench editor", true)) {
            other.claim(out.resolve("s2"));
            Result r = propagate(data, out, "--project", tmp.resolve("p.vosbench").toString());
            assertEquals(1, r.code());
            assertTrue(r.err().contains("s2") && r.err().contains("being written by another run")
                    && r.err().contains(other.runId()) && r.err().contains("workbench editor"), r.err());
        }
        assertEquals(List.of(), names(out).stream().filter(n -> !n.startsWith(".")).toList(), "neither sequence written");
        assertEquals(List.of(), names(out).stream().filter(n -> !n.endsWith(".vosbench-lock")).toList(), "no staging left");
        assertFalse(Files.exists(tmp.resolve("p.vosbench")), "a refused run is not recorded");
    }

    // 2
    @Test
    void rerunIsRefusedWithoutOverwriteAndReplacesTheWholeFolderWithIt(@TempDir Path tmp) throws IOException {
        Path data = TestDatasets.synthetic(tmp.resolve("data"), List.of("s1"), 4);
        Path out = tmp.resolve("out");
        assertEquals(0, propagate(data, out, "--save-probabilities").code());
        assertTrue(Files.exists(out.resolve("s1/00003.npy")));
        byte[] before = Files.readAllBytes(out.resolve("s1/00003.png"));

        Result refused = propagate(data, out, "--top-k", "1");
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("--overwrite") && refused.err().contains(out.resolve("s1").toString()),
                refused.err());
        assertArrayEquals(before, Files.readAllBytes(out.resolve("s1/00003.png")));

        assertEquals(0, propagate(data, out, "--overwrite").code());
        assertFalse(names(out.resolve("s1")).stream().anyMatch(n -> n.endsWith(".npy")), "no stale .npy of the earlier run");
        assertEquals(5, names(out.resolve("s1")).size(), "4 masks and the run file");
        assertTrue(vosbench("propagate", "--help").out().contains("--overwrite"));
    }

    // 3
    @Test
    void masksCsvFilesAndTheProjectGetTheUmasksMode(@TempDir Path tmp) throws IOException {
        Path data = TestDatasets.synthetic(tmp.resolve("data"), List.of("s1"), 4);
        Path out = tmp.resolve("out");
        Path project = tmp.resolve("p.vosbench");
        Path reference = Files.createFile(tmp.resolve("reference")); // the mode the OS gives a new file
        assertEquals(0, propagate(data, out, "--project", project.toString()).code());
        copyGroundTruth(data, "s1");
        assertEquals(0, vosbench("evaluate", "--davis", data.toString(), "--results", out.toString(), "--quiet").code());
        var expected = Files.getPosixFilePermissions(reference);
        for (Path p : List.of(out.resolve("s1/00003.png"), out.resolve("global_results-val.csv"), project)) {
            assertEquals(expected, Files.getPosixFilePermissions(p), p.toString());
        }
    }

    // 4
    @Test
    void aTemporaryFileAKilledRunLeftIsRemovedByTheNextRun(@TempDir Path tmp) throws IOException {
        Path data = TestDatasets.synthetic(tmp.resolve("data"), List.of("s1"), 4);
        Path out = Files.createDirectories(tmp.resolve("out/s1"));
        Path leftover = Files.writeString(out.resolve(".00007.png.4738291.tmp"), "half a PNG");
        Files.setLastModifiedTime(leftover, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        Result r = propagate(data, tmp.resolve("out"));
        assertEquals(0, r.code(), r.err());
        assertFalse(Files.exists(leftover));
        assertTrue(r.err().contains("temporary file"), r.err());
    }

    // 5
    @Test
    void aTruncatedFrameStopsTheRunBeforeAnythingIsWrittenOrSkipsItsSequenceWithKeepGoing(@TempDir Path tmp)
            throws IOException {
        Path data = TestDatasets.davisReal(tmp.resolve("data"), 5);
        Path bad = data.resolve("JPEGImages/480p/car-roundabout/00004.jpg");
        byte[] whole = Files.readAllBytes(bad);
        Files.write(bad, Arrays.copyOf(whole, whole.length / 2));
        Path out = tmp.resolve("out");

        Result stopped = propagate(data, out);
        assertEquals(1, stopped.code());
        assertTrue(stopped.err().contains(bad.toString()) && stopped.err().contains("car-roundabout")
                && stopped.err().contains("truncated"), stopped.err());
        assertFalse(Files.exists(out), "nothing written");

        Result going = propagate(data, out, "--keep-going");
        assertEquals(1, going.code());
        assertEquals(6, names(out.resolve("drift-straight")).size(), "the good sequence is whole: " + going.err());
        assertFalse(Files.exists(out.resolve("car-roundabout")));
        assertTrue(going.err().contains("1 of 2 sequence(s) failed") && going.err().contains("car-roundabout: "),
                going.err());
    }

    // 6
    @Test
    void aFrameOfAnotherSizeIsNamedWithItsSequence(@TempDir Path tmp) throws IOException {
        Path data = TestDatasets.davisReal(tmp.resolve("data"), 6);
        Path odd = data.resolve("JPEGImages/480p/drift-straight/00003.jpg");
        var image = javax.imageio.ImageIO.read(odd.toFile());
        var small = new java.awt.image.BufferedImage(640, 360, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        small.getGraphics().drawImage(image, 0, 0, 640, 360, null);
        javax.imageio.ImageIO.write(small, "jpg", odd.toFile());
        Result r = propagate(data, tmp.resolve("out"));
        assertEquals(1, r.code());
        assertTrue(r.err().contains(odd.toString()) && r.err().contains("drift-straight") && r.err().contains("640x360"),
                r.err());
    }

    // 7
    @Test
    void anOutputThatIsAFileIsSaidToBeOne(@TempDir Path tmp) throws IOException {
        Path data = TestDatasets.synthetic(tmp.resolve("data"), List.of("s1"), 4);
        Path file = Files.writeString(tmp.resolve("f"), "x");
        Result p = propagate(data, file);
        assertEquals(1, p.code());
        assertTrue(p.err().contains(file + ": is a file"), p.err());

        Path results = tmp.resolve("results");
        assertEquals(0, propagate(data, results).code());
        copyGroundTruth(data, "s1");
        Result e = vosbench("evaluate", "--davis", data.toString(), "--results", results.toString(), "--output",
                file.toString(), "--quiet");
        assertEquals(1, e.code());
        assertTrue(e.err().contains(file + ": is a file"), e.err());

        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve("s1"), "a file where the sequence folder goes");
        Result s = propagate(data, out);
        assertEquals(1, s.code());
        assertTrue(s.err().contains(out.resolve("s1") + ": is a file"), s.err());
    }

    @Test
    void aBadProjectIsFoundBeforeAnythingIsWrittenAndAFileInTheOutputPathIsNamed(@TempDir Path tmp) throws IOException {
        Path data = TestDatasets.synthetic(tmp.resolve("data"), List.of("s1"), 4);
        Path out = tmp.resolve("out");
        Result r = propagate(data, out, "--project", tmp.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(tmp + ": is a folder"), r.err());
        assertFalse(Files.exists(out), "nothing written before the project was found unusable");

        Path file = Files.writeString(tmp.resolve("f"), "x");
        Result under = propagate(data, file.resolve("out"));
        assertEquals(1, under.code());
        assertTrue(under.err().contains(file + ": is a file"), under.err());
    }

    // 10
    @Test
    void weightsThatAreAFolderAreSaidToBeOne(@TempDir Path tmp) throws IOException {
        Path data = TestDatasets.synthetic(tmp.resolve("data"), List.of("s1"), 4);
        Result r = propagate(data, tmp.resolve("out"), "--weights", tmp.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("is a folder"), r.err());
    }

    @Test
    void eachOutOfRangeOptionIsNamedAloneAndIsAUsageError(@TempDir Path tmp) throws IOException {
        Path data = TestDatasets.synthetic(tmp.resolve("data"), List.of("s1"), 4);
        Result k = propagate(data, tmp.resolve("out"), "--top-k", "0");
        assertEquals(2, k.code());
        assertTrue(k.err().contains("--top-k 0") && !k.err().contains("--mem-every"), k.err());
        Result t = propagate(data, tmp.resolve("out"), "--threads", "-1");
        assertEquals(2, t.code(), t.err());
        assertTrue(t.err().contains("--threads -1"), t.err());
    }

    @Test
    void invalidWeightsLeaveNoOutputFolder(@TempDir Path tmp) throws IOException {
        Path data = TestDatasets.synthetic(tmp.resolve("data"), List.of("s1"), 4);
        Path weights = Files.writeString(tmp.resolve("stcn.pth"), "not a checkpoint");
        Path out = tmp.resolve("out");
        Result r = propagate(data, out, "--weights", weights.toString());
        assertEquals(1, r.code());
        assertFalse(Files.exists(out), r.err());
    }

    @Test
    void aSequenceNamedTwiceIsPropagatedOnce(@TempDir Path tmp) throws IOException {
        Path data = TestDatasets.synthetic(tmp.resolve("data"), List.of("s1", "s2"), 4);
        Result r = propagate(data, tmp.resolve("out"), "--sequences", "s1,s1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Wrote 4 mask files"), r.out());
        assertTrue(r.out().contains("of 1 sequence(s)"), r.out());
    }

    @Test
    void datasetsNamesABrokenMaskWithoutAJavaClassName(@TempDir Path tmp) throws IOException {
        Path data = TestDatasets.synthetic(tmp.resolve("data"), List.of("s1"), 4);
        Path mask = data.resolve("Annotations/480p/s1/00000.png");
        byte[] whole = Files.readAllBytes(mask);
        Files.write(mask, Arrays.copyOf(whole, 40));
        Result r = vosbench("datasets", data.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(mask.toString()), r.err());
        assertFalse(r.err().contains("org.vosbench") || r.err().contains("Exception"), r.err());
    }

    @Test
    void theLockOfAFinishedRunIsReleased(@TempDir Path tmp) throws IOException {
        Path data = TestDatasets.synthetic(tmp.resolve("data"), List.of("s1"), 4);
        Path out = tmp.resolve("out");
        assertEquals(0, propagate(data, out).code());
        assertTrue(OutputLock.holder(out.resolve("s1")).isEmpty());
    }

    @Test
    void theProgressBarPutsASpaceBeforeTheSequenceName() {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            CliProgress progress = new CliProgress("frames", false);
            progress.begin("propagate", 4);
            progress.subTask("drift-straight");
            progress.worked(2);
            progress.done();
        } finally {
            System.setErr(old);
        }
        String bar = err.toString(StandardCharsets.UTF_8);
        assertTrue(bar.contains("frames/s drift-straight"), bar);
    }

    @Test
    void aSequenceNameWithACommaIsQuotedInTheCsv(@TempDir Path tmp) throws IOException {
        Path data = TestDatasets.synthetic(tmp.resolve("data"), List.of("a,b"), 4);
        Path results = tmp.resolve("results");
        assertEquals(0, propagate(data, results).code());
        copyGroundTruth(data, "a,b");
        assertEquals(0, vosbench("evaluate", "--davis", data.toString(), "--results", results.toString(), "--quiet").code());
        List<String> rows = Files.readAllLines(results.resolve("per-sequence_results-val.csv"));
        // pandas' to_csv (QUOTE_MINIMAL) quotes a field holding the separator
        assertTrue(rows.get(1).startsWith("\"a,b_1\","), rows.toString());
        assertEquals(3, rows.get(1).split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)").length, rows.get(1));
    }

    @Test
    void missingObjectIdsBelowTheLargestAreScoredAsTheToolkitDoesButWarnedAbout(@TempDir Path tmp) throws IOException {
        Path data = TestDatasets.synthetic(tmp.resolve("data"), List.of("s1"), 4);
        copyGroundTruth(data, "s1");
        Path results = Files.createDirectories(tmp.resolve("results/s1"));
        for (int i = 0; i < 4; i++) {
            Path gt = data.resolve(String.format("Annotations/480p/s1/%05d.png", i));
            org.vosbench.core.LabelMask m = org.vosbench.core.MaskIO.read(gt);
            byte[] labels = m.labels().clone();
            for (int p = 0; p < labels.length; p++) {
                labels[p] = labels[p] == 2 ? 7 : labels[p];
            }
            org.vosbench.core.LabelMask ids17 = new org.vosbench.core.LabelMask(m.width(), m.height(), labels);
            org.vosbench.core.MaskIO.write(gt, ids17);
            org.vosbench.core.MaskIO.write(results.resolve(String.format("%05d.png", i)), ids17);
        }
        Result r = vosbench("evaluate", "--davis", data.toString(), "--results", results.getParent().toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("object ids [1, 7]") && r.err().contains("missing ids [2, 3, 4, 5, 6]"), r.err());
        // the toolkit's numbers: 7 objects, each J = F = 1 (identical or both empty)
        assertEquals(8, Files.readAllLines(results.getParent().resolve("per-sequence_results-val.csv")).size());
    }

    /** The synthetic sequence's ground truth is its first-frame mask only: evaluation needs one per frame. */
    private static void copyGroundTruth(Path data, String sequence) throws IOException {
        Path masks = data.resolve("Annotations/480p").resolve(sequence);
        Path first = masks.resolve("00000.png");
        Path expected = SharedData.shared().resolve("fixtures/stcn-parity/expected/synthetic");
        for (int i = 1; i < 4; i++) {
            Files.copy(expected.resolve(String.format("%05d.png", i)), masks.resolve(String.format("%05d.png", i)));
        }
        assertTrue(Files.exists(first));
    }
}
