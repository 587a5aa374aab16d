package org.vosbench.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.core.Npy;

/**
 * The {@code vosbench} command run in-process in the OSGi test runtime, with the real services:
 * exit codes, messages, and the files it writes, checked against the official toolkit's and
 * STCN's outputs in ../shared.
 */
class CommandLineTest {

    record Result(int code, String out, String err) {
    }

    static Result vosbench(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Services services = new Services(FrameworkUtil.getBundle(CommandLineTest.class).getBundleContext())) {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Vosbench.run(services, args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void unknownOptionIsAUsageErrorWithExitCode2() {
        Result r = vosbench("evaluate", "--davis", "x", "--results", "y", "--no-such-option");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--no-such-option"), r.err());
    }

    @Test
    void evaluateWritesTheToolkitsCsvFilesForAnOracleCase(@TempDir Path out) throws IOException {
        Path shared = SharedData.root();
        Path expected = shared.resolve("data/eval-oracle/davis-multi-pseudo/expected/erode2");
        Result r = vosbench("evaluate", "--davis", shared.resolve("data/davis-multi-pseudo").toString(), "--results",
                shared.resolve("data/eval-oracle/davis-multi-pseudo/results/erode2").toString(), "--output",
                out.toString(), "--quiet", "--project", out.resolve("p.vosbench").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(Files.readString(expected.resolve("global_results-val.csv")),
                Files.readString(out.resolve("global_results-val.csv")));
        assertEquals(Files.readString(expected.resolve("per-sequence_results-val.csv")),
                Files.readString(out.resolve("per-sequence_results-val.csv")));
        assertTrue(Files.readString(out.resolve("p.vosbench")).contains("<evaluations"), "recorded in the project");
    }

    @Test
    void evaluateNamesAMissingResultFrameExitsWith1AndWritesNoCsv(@TempDir Path tmp) throws IOException {
        Path shared = SharedData.root();
        Path results = tmp.resolve("results");
        copyTree(shared.resolve("data/eval-oracle/davis-real/results/gt_identity"), results);
        Path missing = results.resolve("drift-straight/00017.png");
        Files.delete(missing);
        Result r = vosbench("evaluate", "--davis", shared.resolve("data/davis-real").toString(), "--results",
                results.toString(), "--quiet");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("00017.png"), r.err());
        assertFalse(Files.exists(results.resolve("global_results-val.csv")));
        assertFalse(Files.exists(results.resolve("per-sequence_results-val.csv")));
    }

    @Test
    void datasetsListsTheDavisSequencesWithFramesAndObjects() {
        Result r = vosbench("datasets", SharedData.root().resolve("data/davis-multi-pseudo").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("davis"), r.out());
        assertTrue(r.out().matches("(?s).*horsejump-high\\s+50\\s+2 \\(1,2\\).*"), r.out());
        assertTrue(r.out().matches("(?s).*soapbox\\s+99\\s+3 \\(1,2,3\\).*"), r.out());
    }

    @Test
    void datasetsExplainsAFolderNoFormatRecognises(@TempDir Path empty) {
        Result r = vosbench("datasets", empty.toString());
        assertEquals(1, r.code());
        for (String format : new String[] {"davis", "youtubevos", "bl30k", "folder"}) {
            assertTrue(r.err().contains(format + ":"), r.err());
        }
    }

    @Test
    void propagateWithTheParityWeightsReproducesTheOfficialStcnLabels(@TempDir Path tmp) throws IOException {
        Path fixtures = SharedData.root().resolve("fixtures/stcn-parity");
        Path weights = parityWeights(fixtures, tmp);
        Path out = tmp.resolve("out");
        Result r = vosbench("propagate", "--dataset", fixtures.resolve("synthetic").toString(), "--weights",
                weights.toString(), "--output", out.toString(), "--save-probabilities", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("frames/s"), r.out());
        List<Path> expected;
        try (Stream<Path> files = Files.list(fixtures.resolve("expected/synthetic"))) {
            expected = files.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        }
        assertEquals(8, expected.size());
        for (Path e : expected) {
            Path written = out.resolve("synthetic").resolve(e.getFileName());
            LabelMask want = MaskIO.read(e);
            LabelMask got = MaskIO.read(written);
            int differ = 0;
            for (int i = 0; i < want.labels().length; i++) {
                differ += want.labels()[i] != got.labels()[i] ? 1 : 0;
            }
            // the fixture README allows flips only where the official top two differ by < 1e-4 (~0.01%)
            assertTrue(differ <= want.labels().length / 1000, e.getFileName() + ": " + differ + " labels differ");
            assertTrue(Files.isRegularFile(written.resolveSibling(e.getFileName().toString().replace(".png", ".npy"))));
        }
    }

    /** @return the fixtures' weights, decompressed into {@code tmp} */
    static Path parityWeights(Path fixtures, Path tmp) throws IOException {
        Path weights = tmp.resolve("weights.pth");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(fixtures.resolve("weights.pth.gz")))) {
            Files.copy(in, weights);
        }
        return weights;
    }

    /**
     * The late-object fixture (generic folder layout; id 1 given on frame 0, id 3 on frame 3): the
     * labels of the official YouTube-VOS-style run, and probability files laid out as the
     * official ones, one channel per object of the sequence, zero before the object is given.
     */
    @Test
    void propagateALateObjectWritesTheOfficialLabelsAndProbabilityLayout(@TempDir Path tmp) throws IOException {
        Path fixtures = SharedData.root().resolve("fixtures/stcn-parity");
        Path weights = parityWeights(fixtures, tmp);
        Path out = tmp.resolve("out");
        Result r = vosbench("propagate", "--dataset", fixtures.resolve("late-object").toString(), "--format", "folder",
                "--weights", weights.toString(), "--output", out.toString(), "--save-probabilities", "--quiet");
        assertEquals(0, r.code(), r.err());
        for (int frame = 0; frame < 8; frame++) {
            String name = String.format("%05d", frame);
            Path expected = fixtures.resolve("expected/late-object");
            Path written = out.resolve("late-object");
            assertEquals(java.util.Arrays.toString(MaskIO.read(expected.resolve(name + ".png")).labels()),
                    java.util.Arrays.toString(MaskIO.read(written.resolve(name + ".png")).labels()), name);
            Npy.NpyArray want = Npy.read(expected.resolve(name + ".npy"));
            Npy.NpyArray got = Npy.read(written.resolve(name + ".npy"));
            assertEquals(java.util.Arrays.toString(want.shape()), java.util.Arrays.toString(got.shape()), name);
            if (frame > 0 && frame < 3) { // id 3 is not given yet: its channel is all zero, as in the fixture
                int plane = got.shape()[1] * got.shape()[2];
                for (int i = 2 * plane; i < 3 * plane; i++) {
                    assertEquals(0f, got.data()[i], name);
                }
            }
        }
    }

    @Test
    void propagateRejectsAMaskOfTheWrongSizeNamingItAndWritesNothing(@TempDir Path tmp) throws IOException {
        Path dataset = tmp.resolve("data");
        copyTree(SharedData.root().resolve("fixtures/stcn-parity/synthetic"), dataset);
        Path mask = dataset.resolve("Annotations/480p/synthetic/00000.png");
        MaskIO.write(mask, LabelMask.empty(40, 30));
        Path out = tmp.resolve("out");
        Result r = vosbench("propagate", "--dataset", dataset.toString(), "--output", out.toString(), "--quiet");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("00000.png") && r.err().contains("40x30"), r.err());
        assertFalse(Files.exists(out.resolve("synthetic")), "no partial output");
    }

    @Test
    void propagateWithoutWeightsForStcnIsAUsageError(@TempDir Path tmp) {
        Result r = vosbench("propagate", "--dataset", SharedData.root().resolve("fixtures/stcn-parity/synthetic").toString(),
                "--backbone", "stcn", "--output", tmp.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--weights"), r.err());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    try (InputStream in = Files.newInputStream(p); OutputStream o = Files.newOutputStream(target)) {
                        in.transferTo(o);
                    }
                }
            }
        }
    }
}
