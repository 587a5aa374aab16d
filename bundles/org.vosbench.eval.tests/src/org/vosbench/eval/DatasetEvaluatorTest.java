package org.vosbench.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosbench.core.CancelledException;
import org.vosbench.core.InvalidInputException;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.core.ProgressMonitor;
import org.vosbench.dataset.Dataset;
import org.vosbench.dataset.DatasetFormatRegistry;
import org.vosbench.dataset.DatasetOptions;
import org.vosbench.testing.OsgiServices;

/**
 * The one evaluator on a small synthetic DAVIS tree opened by the DAVIS format: strict (bad input
 * gives a clear error naming the file, and no CSV is written) and lenient (incomplete sequences
 * are skipped and listed).
 */
class DatasetEvaluatorTest {

    private static final int FRAMES = 5;

    @TempDir
    Path dir;

    private Path davis;
    private Path results;

    @BeforeEach
    void createDataset() throws IOException {
        davis = dir.resolve("davis");
        results = dir.resolve("results");
        Files.createDirectories(davis.resolve("ImageSets/2017"));
        Files.writeString(davis.resolve("ImageSets/2017/val.txt"), "alpha\nbeta\n");
        for (String sequence : List.of("alpha", "beta")) {
            for (int t = 0; t < FRAMES; t++) {
                LabelMask mask = LabelMask.empty(40, 30);
                for (int y = 5; y < 15; y++) {
                    for (int x = 5 + t; x < 15 + t; x++) {
                        mask.set(x, y, 1);
                        mask.set(x + 15, y + 10, 2);
                    }
                }
                String frame = String.format("%05d.png", t);
                MaskIO.write(davis.resolve("Annotations/480p").resolve(sequence).resolve(frame), mask);
                // frames are listed, never decoded, for evaluation
                Files.createDirectories(davis.resolve("JPEGImages/480p").resolve(sequence));
                Files.writeString(davis.resolve("JPEGImages/480p").resolve(sequence)
                        .resolve(String.format("%05d.jpg", t)), "");
                MaskIO.write(results.resolve(sequence).resolve(frame), mask);
            }
        }
    }

    @Test
    void perfectResultsScoreOneAndWriteBothFiles() throws IOException {
        AtomicInteger worked = new AtomicInteger();
        EvaluationResult result = evaluate(countingMonitor(worked));

        EvaluationFiles.writeCsv(result, results, "val");

        assertEquals(2 * (FRAMES - 2), worked.get());
        assertEquals(List.of("alpha_1", "alpha_2", "beta_1", "beta_2"),
                result.objects().stream().map(ObjectResult::name).toList());
        assertEquals("J&F-Mean,J-Mean,J-Recall,J-Decay,F-Mean,F-Recall,F-Decay\n"
                + "1.000,1.000,1.000,0.000,1.000,1.000,0.000\n",
                Files.readString(results.resolve("global_results-val.csv")));
        assertTrue(Files.readString(results.resolve("per-sequence_results-val.csv"))
                .startsWith("Sequence,J-Mean,F-Mean\nalpha_1,1.000,1.000\n"));
    }

    @Test
    void rejectsMaskWithMoreObjectsThanGroundTruth() throws IOException {
        Path frame = results.resolve("beta/00002.png");
        LabelMask mask = MaskIO.read(frame);
        mask.set(0, 0, 3);
        MaskIO.write(frame, mask);

        InvalidInputException e = assertFailsWithoutCsv();

        assertEquals(frame, e.file());
        assertTrue(e.getMessage().contains("object label 3"), e.getMessage());
    }

    @Test
    void padsResultsWithFewerObjects() throws IOException {
        for (int t = 1; t < FRAMES - 1; t++) {
            Path frame = results.resolve(String.format("alpha/%05d.png", t));
            LabelMask mask = MaskIO.read(frame);
            byte[] labels = mask.labels();
            for (int i = 0; i < labels.length; i++) {
                labels[i] = labels[i] == 2 ? 0 : labels[i];
            }
            MaskIO.write(frame, mask);
        }

        EvaluationResult result = evaluate(ProgressMonitor.NULL);

        assertEquals(1.0, result.objects().get(0).j().mean());
        assertEquals(0.0, result.objects().get(1).j().mean());
        assertEquals(0.0, result.objects().get(1).f().mean());
    }

    @Test
    void rejectsMissingResultFrame() throws IOException {
        Path frame = results.resolve("alpha/00003.png");
        Files.delete(frame);

        InvalidInputException e = assertFailsWithoutCsv();

        assertEquals(frame, e.file());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void firstAndLastResultFramesAreNotNeeded() throws IOException {
        Files.delete(results.resolve("alpha/00000.png"));
        Files.delete(results.resolve("alpha/00004.png"));

        assertEquals(1.0, evaluate(ProgressMonitor.NULL).global().jAndFMean());
    }

    @Test
    void rejectsResultOfAnotherSize() throws IOException {
        Path frame = results.resolve("beta/00001.png");
        MaskIO.write(frame, LabelMask.empty(41, 30));

        InvalidInputException e = assertFailsWithoutCsv();

        assertEquals(frame, e.file());
        assertTrue(e.getMessage().contains("41x30") && e.getMessage().contains("40x30"), e.getMessage());
    }

    @Test
    void rejectsTruncatedResult() throws IOException {
        Path frame = results.resolve("beta/00003.png");
        byte[] bytes = Files.readAllBytes(frame);
        Files.write(frame, java.util.Arrays.copyOf(bytes, bytes.length - 20));

        assertEquals(frame, assertFailsWithoutCsv().file());
    }

    @Test
    void rejectsSequenceWithoutAnnotationFolder() throws IOException {
        Files.writeString(davis.resolve("ImageSets/2017/val.txt"), "alpha\ngamma\n");
        Files.createDirectories(davis.resolve("JPEGImages/480p/gamma"));
        Files.writeString(davis.resolve("JPEGImages/480p/gamma/00000.jpg"), "");

        InvalidInputException e = assertFailsWithoutCsv();

        assertEquals(davis.resolve("Annotations/480p/gamma"), e.file());
    }

    @Test
    void reportsTheFirstBadFrameInSequenceOrder() throws IOException {
        Files.delete(results.resolve("beta/00001.png"));
        Files.delete(results.resolve("alpha/00003.png"));

        assertEquals(results.resolve("alpha/00003.png"), assertFailsWithoutCsv().file());
    }

    @Test
    void stopsWhenCancelled() {
        ProgressMonitor cancelled = new ProgressMonitor() {
            @Override
            public void begin(String task, int totalWork) {
            }

            @Override
            public void worked(int work) {
            }

            @Override
            public void subTask(String name) {
            }

            @Override
            public boolean isCanceled() {
                return true;
            }

            @Override
            public void done() {
            }
        };

        assertThrows(CancelledException.class, () -> evaluate(cancelled));
    }

    @Test
    void rejectsGroundTruthThatDoesNotCoverEveryFrame() throws IOException {
        Files.delete(davis.resolve("Annotations/480p/beta/00002.png"));

        InvalidInputException e = assertFailsWithoutCsv();

        assertEquals(davis.resolve("Annotations/480p/beta"), e.file());
        assertTrue(e.getMessage().contains("4 of 5"), e.getMessage());
    }

    @Test
    void lenientScoresCompleteSequencesAndListsTheOthers() throws IOException {
        Files.delete(results.resolve("alpha/00003.png"));

        DatasetEvaluator.Outcome outcome = DatasetEvaluator.evaluate(open(), results, "val", "2017",
                DatasetEvaluator.Strictness.LENIENT, ProgressMonitor.NULL);

        assertEquals(List.of("beta"), outcome.result().sequences().stream().map(SequenceResult::name).toList());
        assertEquals(List.of("alpha"), List.copyOf(outcome.skipped().keySet()));
        assertTrue(outcome.skipped().get("alpha").contains("00003.png"), outcome.skipped().toString());
    }

    @Test
    void lenientStillRejectsDamagedResults() throws IOException {
        Path frame = results.resolve("beta/00003.png");
        byte[] bytes = Files.readAllBytes(frame);
        Files.write(frame, java.util.Arrays.copyOf(bytes, bytes.length - 20));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DatasetEvaluator.evaluate(open(),
                results, "val", "2017", DatasetEvaluator.Strictness.LENIENT, ProgressMonitor.NULL));

        assertEquals(frame, e.file());
    }

    @Test
    void perFrameScoresMatchTheSequenceScoresAndSkipEnds() throws IOException {
        Path frame = results.resolve("alpha/00002.png");
        LabelMask onlyFirst = MaskIO.read(frame);
        byte[] labels = onlyFirst.labels();
        for (int i = 0; i < labels.length; i++) {
            labels[i] = labels[i] == 2 ? 0 : labels[i];
        }
        MaskIO.write(frame, onlyFirst);
        Dataset dataset = open();
        var alpha = dataset.sequence("alpha").orElseThrow();

        double[] perFrame = DatasetEvaluator.perFrameJAndF(alpha, i -> dataset.resultPath(results, alpha,
                alpha.frame(i).name()), ProgressMonitor.NULL);
        SequenceResult whole = evaluate(ProgressMonitor.NULL).sequences().get(0);

        assertTrue(Double.isNaN(perFrame[0]) && Double.isNaN(perFrame[FRAMES - 1]), "first and last not scored");
        assertEquals(1.0, perFrame[1]);
        assertEquals(0.5, perFrame[2], "object 1 scores 1, the missing object 2 scores 0");
        double mean = 0;
        for (ObjectResult object : whole.objects()) {
            mean += (object.jaccard()[1] + object.boundaryF()[1]) / 2 / whole.objects().size();
        }
        assertEquals(mean, perFrame[2], 1e-15);
        assertEquals(2, DatasetEvaluator.worstFirst(perFrame)[0]);
    }

    private Dataset open() throws IOException {
        return OsgiServices.get(DatasetEvaluatorTest.class, DatasetFormatRegistry.class).byId("davis").orElseThrow()
                .open(davis, DatasetOptions.defaults());
    }

    private EvaluationResult evaluate(ProgressMonitor monitor) throws IOException {
        return DatasetEvaluator.evaluate(open(), results, "val", "2017", DatasetEvaluator.Strictness.STRICT, monitor)
                .result();
    }

    /** Runs what the command does (evaluate, then write the CSV files) and expects it to fail cleanly. */
    private InvalidInputException assertFailsWithoutCsv() throws IOException {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> {
            EvaluationResult result = evaluate(ProgressMonitor.NULL);
            EvaluationFiles.writeCsv(result, results, "val");
        });
        assertTrue(e.getMessage().startsWith(e.file().toString()), e.getMessage());
        try (Stream<Path> files = Files.list(results)) {
            assertEquals(List.of(), files.filter(p -> p.toString().endsWith(".csv")).toList());
        }
        return e;
    }

    private static ProgressMonitor countingMonitor(AtomicInteger worked) {
        return new ProgressMonitor() {
            @Override
            public void begin(String task, int totalWork) {
            }

            @Override
            public void worked(int work) {
                worked.addAndGet(work);
            }

            @Override
            public void subTask(String name) {
            }

            @Override
            public boolean isCanceled() {
                return false;
            }

            @Override
            public void done() {
            }
        };
    }
}
