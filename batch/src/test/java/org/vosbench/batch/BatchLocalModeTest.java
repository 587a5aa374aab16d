package org.vosbench.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vosbench batch} on Spark's local mode, against {@code vosbench propagate} run by the same
 * product: three short sequences cut from the bundled DAVIS sample (6 frames each, the first
 * frame's ground truth as the given mask), the training-free backbone.
 */
class BatchLocalModeTest {

    private static final Path PRODUCT = Path.of(System.getProperty("vosbench.product"));
    private static final String MARKER = ".vosbench-batch.properties";

    @TempDir
    static Path tmp;
    static Path dataset;
    static Path reference;

    @BeforeAll
    static void propagateOnOneMachine() throws IOException {
        dataset = shortSequences(tmp.resolve("davis"));
        reference = tmp.resolve("reference");
        int code = EmbeddedVosbench.get(PRODUCT).runCommand(new String[] {"propagate", "--dataset",
                dataset.toString(), "--output", reference.toString(), "--quiet"});
        assertEquals(0, code, "vosbench propagate");
    }

    @Test
    void batchWritesTheSameBytesAsPropagateAndARerunSkipsThem() throws IOException {
        Path out = tmp.resolve("batch");
        assertEquals(0, batch(out));
        assertSameMasks(reference, out);
        Map<Path, FileTime> written = times(out);

        assertEquals(0, batch(out));
        assertEquals(written, times(out), "a rerun with the same settings rewrote finished sequences");
    }

    @Test
    void rerunWithOtherSettingsIsRefusedUnlessOverwrite() throws IOException {
        Path out = tmp.resolve("settings");
        assertEquals(0, batch(out));
        Map<Path, FileTime> written = times(out);

        assertEquals(1, batch(out, "--top-k", "5"));
        assertEquals(written, times(out), "a refused run touched the result folder");

        assertEquals(0, batch(out, "--top-k", "5", "--overwrite"));
        for (String s : List.of("drift-a", "drift-b", "drift-c")) {
            Properties marker = new Properties();
            marker.load(new StringReader(Files.readString(out.resolve(s).resolve(MARKER))));
            assertTrue(marker.getProperty("settings").contains(" top-k=5 "), s + ": " + marker);
        }
    }

    @Test
    void taskThatFailsHalfWayIsRetriedAndTheOutputIsWhole() throws IOException {
        Path out = tmp.resolve("retried");
        Path fault = Files.createFile(tmp.resolve("fail-once"));
        System.setProperty("vosbench.batch.failOnce", fault.toString());
        try {
            assertEquals(0, batch(out));
        } finally {
            System.clearProperty("vosbench.batch.failOnce");
        }
        assertFalse(Files.exists(fault), "no attempt failed");
        assertSameMasks(reference, out);
        try (Stream<Path> all = Files.walk(out)) {
            assertEquals(List.of(), all.filter(p -> p.getFileName().toString().endsWith(".partial")
                    || p.getFileName().toString().endsWith(".old")).toList(), "an attempt's folder was left behind");
        }
    }

    @Test
    void evaluateWritesTheCsvOfVosbenchEvaluateAndTheProjectRecordsTheRun() throws IOException {
        Path out = tmp.resolve("evaluated");
        Path project = tmp.resolve("p.vosbench");
        assertEquals(0, batch(out, "--evaluate", "--project", project.toString()));
        assertTrue(Files.readString(project).contains("batch: weightfree on"), "no batch run in the project");
        Path csvs = tmp.resolve("evaluate-csv");
        assertEquals(0, EmbeddedVosbench.get(PRODUCT).runCommand(new String[] {"evaluate", "--davis",
                dataset.toString(), "--results", reference.toString(), "--output", csvs.toString(), "--quiet"}));
        for (String csv : List.of("global_results-val.csv", "per-sequence_results-val.csv")) {
            assertEquals(Files.readString(csvs.resolve(csv)), Files.readString(out.resolve(csv)), csv);
        }
    }

    /**
     * Dataset and result folder as {@code file://} URIs, so both go through Hadoop's FileSystem API
     * (LocalFileSystem): the same bytes as propagate, nothing but the sequences in the result
     * folder, and a rerun reads the markers through the API and skips every sequence.
     */
    @Test
    void fileUrisGoThroughHadoopsFileSystemWithTheSameBytesAndARerunSkips() throws IOException {
        Path out = tmp.resolve("uri-out");
        List<String> args = List.of("--product", PRODUCT.toString(), "--master", "local[2]", "--dataset",
                dataset.toUri().toString(), "--output", out.toUri().toString(), "--quiet");
        assertEquals(0, BatchMain.run(args.toArray(String[]::new)));
        assertSameMasks(reference, out);
        try (Stream<Path> top = Files.list(out)) {
            assertEquals(List.of("drift-a", "drift-b", "drift-c"),
                    top.map(p -> p.getFileName().toString()).sorted().toList(), "attempt folders left behind");
        }
        Map<Path, FileTime> written = times(out);
        assertEquals(0, BatchMain.run(args.toArray(String[]::new)));
        assertEquals(written, times(out), "a rerun with the same settings rewrote finished sequences");
        List<String> other = new ArrayList<>(args);
        other.addAll(List.of("--top-k", "5"));
        assertEquals(1, BatchMain.run(other.toArray(String[]::new)), "other settings must be refused");
        assertEquals(written, times(out), "a refused run touched the result folder");
    }

    @Test
    void datasetWithoutSequencesFailsWithoutWriting() throws IOException {
        Path empty = tmp.resolve("empty");
        Files.createDirectories(empty.resolve("frames"));
        Path out = tmp.resolve("nothing");
        assertEquals(1, BatchMain.run(new String[] {"--product", PRODUCT.toString(), "--master", "local[2]",
                "--dataset", empty.toString(), "--format", "folder", "--output", out.toString(), "--quiet"}));
        assertFalse(Files.exists(out), "the result folder was created");
    }

    /**
     * STCN with the random-weight parity fixture's weights (its synthetic case, 8 frames 96x160,
     * one network thread): the weights sent with the job (--ship-weights, Spark's addFile) and
     * read from the executor's SparkFiles copy; every mask byte-identical to vosbench propagate.
     */
    @Test
    void stcnWithShippedWeightsWritesTheSameBytesAsPropagate() throws IOException {
        Path fixtures = Path.of(System.getProperty("vosbench.shared")).resolve("fixtures/stcn-parity");
        Path weights = tmp.resolve("weights/stcn.pth");
        Files.createDirectories(weights.getParent());
        try (InputStream in = new GZIPInputStream(Files.newInputStream(fixtures.resolve("weights.pth.gz")))) {
            Files.copy(in, weights);
        }
        Path data = fixtures.resolve("synthetic");
        Path expected = tmp.resolve("stcn-propagate");
        List<String> engine = List.of("--weights", weights.toString(), "--threads", "1", "--quiet");
        List<String> propagate = new ArrayList<>(List.of("propagate", "--dataset", data.toString(), "--output",
                expected.toString()));
        propagate.addAll(engine);
        assertEquals(0, EmbeddedVosbench.get(PRODUCT).runCommand(propagate.toArray(String[]::new)));

        Path out = tmp.resolve("stcn-batch");
        List<String> args = new ArrayList<>(List.of("--product", PRODUCT.toString(), "--master", "local[2]",
                "--dataset", data.toString(), "--output", out.toString(), "--ship-weights"));
        args.addAll(engine);
        assertEquals(0, BatchMain.run(args.toArray(String[]::new)));

        Map<Path, byte[]> want = masks(expected);
        assertEquals(8, want.size());
        Map<Path, byte[]> got = masks(out);
        assertEquals(want.keySet(), got.keySet());
        for (Path p : want.keySet()) {
            assertArrayEquals(want.get(p), got.get(p), p.toString());
        }
        Properties marker = new Properties();
        marker.load(new StringReader(Files.readString(out.resolve("synthetic").resolve(MARKER))));
        Path read = Path.of(marker.getProperty("weights"));
        assertEquals("stcn.pth", read.getFileName().toString());
        assertFalse(read.startsWith(weights.getParent()), "the executor read the driver's file, not the shipped copy: " + read);
    }

    private static int batch(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("--product", PRODUCT.toString(), "--master", "local[2]",
                "--dataset", dataset.toString(), "--output", out.toString(), "--quiet"));
        args.addAll(List.of(more));
        return BatchMain.run(args.toArray(String[]::new));
    }

    /** Every mask of {@code expected} exists in {@code actual} with the same bytes, and no other. */
    private static void assertSameMasks(Path expected, Path actual) throws IOException {
        Map<Path, byte[]> want = masks(expected);
        Map<Path, byte[]> got = masks(actual);
        assertEquals(want.keySet(), got.keySet());
        assertEquals(18, want.size());
        for (Path p : want.keySet()) {
            assertArrayEquals(want.get(p), got.get(p), p.toString());
        }
    }

    private static Map<Path, byte[]> masks(Path root) throws IOException {
        Map<Path, byte[]> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(p -> p.toString().endsWith(".png")).toList()) {
                files.put(root.relativize(p), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private static Map<Path, FileTime> times(Path root) throws IOException {
        Map<Path, FileTime> t = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                t.put(root.relativize(p), Files.getLastModifiedTime(p));
            }
        }
        return t;
    }

    /** Three 6-frame DAVIS sequences from the bundled sample, starting at frames 0, 20 and 40. */
    static Path shortSequences(Path root) throws IOException {
        Path sample = Path.of(System.getProperty("vosbench.sample"));
        Path images = sample.resolve("JPEGImages/480p/drift-straight");
        Path truth = sample.resolve("Annotations/480p/drift-straight");
        List<String> names = List.of("drift-a", "drift-b", "drift-c");
        for (int s = 0; s < names.size(); s++) {
            Path jpg = Files.createDirectories(root.resolve("JPEGImages/480p").resolve(names.get(s)));
            Path png = Files.createDirectories(root.resolve("Annotations/480p").resolve(names.get(s)));
            for (int f = 0; f < 6; f++) {
                String from = String.format("%05d", 20 * s + f);
                String to = String.format("%05d", f);
                Files.copy(images.resolve(from + ".jpg"), jpg.resolve(to + ".jpg"));
                Files.copy(truth.resolve(from + ".png"), png.resolve(to + ".png"));
            }
        }
        Files.createDirectories(root.resolve("ImageSets/2017"));
        Files.writeString(root.resolve("ImageSets/2017/val.txt"), String.join("\n", names) + "\n");
        return root;
    }
}
