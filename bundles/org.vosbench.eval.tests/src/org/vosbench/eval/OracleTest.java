package org.vosbench.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vosbench.core.ProgressMonitor;
import org.vosbench.dataset.DatasetFormatRegistry;
import org.vosbench.dataset.DatasetOptions;
import org.vosbench.testing.OsgiServices;
import org.vosbench.testing.SharedData;

/**
 * Every case of {@code shared/data/eval-oracle}: what the official davis2017-evaluation toolkit
 * wrote for each result folder, reproduced to the byte (CSV, printed tables) and to 1e-6 (per
 * frame) or better (per object, global).
 */
class OracleTest {

    private static final double PER_FRAME_TOLERANCE = 1e-6;
    private static final double STATS_TOLERANCE = 1e-9;

    @TempDir
    Path output;

    static Stream<Arguments> oracleCases() throws IOException {
        Path oracle = SharedData.data().resolve("eval-oracle");
        List<Arguments> cases = new ArrayList<>();
        try (Stream<Path> groundTruths = Files.list(oracle)) {
            for (Path gtCase : groundTruths.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> results = Files.list(gtCase.resolve("results"))) {
                    for (Path result : results.filter(Files::isDirectory).sorted().toList()) {
                        String name = result.getFileName().toString();
                        cases.add(Arguments.of(gtCase.getFileName() + "/" + name,
                                SharedData.data().resolve(gtCase.getFileName().toString()), result,
                                gtCase.resolve("expected").resolve(name)));
                    }
                }
            }
        }
        assertTrue(cases.size() >= 18, "expected the oracle cases, found " + cases.size());
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oracleCases")
    void reproducesTheToolkit(String name, Path davisRoot, Path results, Path expected) throws IOException {
        var dataset = OsgiServices.get(OracleTest.class, DatasetFormatRegistry.class).byId("davis").orElseThrow()
                .open(davisRoot, DatasetOptions.defaults());
        EvaluationResult result = DatasetEvaluator.evaluate(dataset, results, "val", "2017",
                DatasetEvaluator.Strictness.STRICT, ProgressMonitor.NULL).result();
        EvaluationFiles.writeCsv(result, output, "val");

        assertEquals(Files.readString(expected.resolve("global_results-val.csv")),
                Files.readString(output.resolve("global_results-val.csv")), name);
        assertEquals(Files.readString(expected.resolve("per-sequence_results-val.csv")),
                Files.readString(output.resolve("per-sequence_results-val.csv")), name);
        assertEquals(printedTables(expected.resolve("toolkit_stdout.txt")),
                EvaluationFiles.formatTables(result).stripTrailing(), name);
        assertPerFrame(expected.resolve("per-frame_J_F-val.csv"), result);
        assertPerObject(expected.resolve("per-object_stats_fullprecision-val.csv"), result);
        assertGlobal(expected.resolve("global_fullprecision-val.csv"), result.global());
    }

    private static String printedTables(Path stdout) throws IOException {
        String text = Files.readString(stdout).replace("\r\n", "\n");
        int start = text.indexOf("--------------------------- Global results");
        int end = text.indexOf("\nTotal time");
        return (end < 0 ? text.substring(start) : text.substring(start, end)).stripTrailing();
    }

    private static void assertPerFrame(Path csv, EvaluationResult result) throws IOException {
        Map<String, ObjectResult> objects = byName(result);
        List<String> rows = rows(csv);
        assertEquals("Sequence,Object,Frame,J,F", rows.get(0));
        int compared = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",");
            ObjectResult object = objects.get(cells[0] + "_" + cells[1]);
            SequenceResult sequence = result.sequences().stream().filter(s -> s.name().equals(cells[0]))
                    .findFirst().orElseThrow();
            int frame = sequence.frames().indexOf(cells[2]);
            assertTrue(frame >= 0, "frame " + cells[2] + " of " + cells[0] + " not evaluated");
            assertEquals(Double.parseDouble(cells[3]), object.jaccard()[frame], PER_FRAME_TOLERANCE, row);
            assertEquals(Double.parseDouble(cells[4]), object.boundaryF()[frame], PER_FRAME_TOLERANCE, row);
            compared++;
        }
        assertEquals(result.objects().stream().mapToInt(o -> o.jaccard().length).sum(), compared);
    }

    private static void assertPerObject(Path csv, EvaluationResult result) throws IOException {
        Map<String, ObjectResult> objects = byName(result);
        List<String> rows = rows(csv);
        assertEquals(result.objects().size(), rows.size() - 1);
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",", -1);
            ObjectResult object = objects.get(cells[0]);
            double[] actual = {object.j().mean(), object.j().recall(), object.j().decay(), object.f().mean(),
                object.f().recall(), object.f().decay()};
            for (int i = 0; i < actual.length; i++) {
                assertClose(cells[i + 1], actual[i], row);
            }
        }
    }

    private static void assertGlobal(Path csv, GlobalResult global) throws IOException {
        String[] cells = rows(csv).get(1).split(",", -1);
        double[] actual = global.toArray();
        for (int i = 0; i < actual.length; i++) {
            assertClose(cells[i], actual[i], "global column " + i);
        }
    }

    private static void assertClose(String expected, double actual, String message) {
        if (expected.isEmpty() || expected.equalsIgnoreCase("nan")) {
            assertTrue(Double.isNaN(actual), message);
        } else {
            assertEquals(Double.parseDouble(expected), actual, STATS_TOLERANCE, message);
        }
    }

    private static Map<String, ObjectResult> byName(EvaluationResult result) {
        Map<String, ObjectResult> objects = new HashMap<>();
        result.objects().forEach(o -> objects.put(o.name(), o));
        return objects;
    }

    private static List<String> rows(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
