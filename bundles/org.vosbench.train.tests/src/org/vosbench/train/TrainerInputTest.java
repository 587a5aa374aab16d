package org.vosbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosbench.core.InvalidInputException;
import org.vosbench.core.ProgressMonitor;
import org.vosbench.engine.Precision;
import org.vosbench.engine.djl.DjlRuntime;
import org.vosbench.engine.stcn.training.StcnTraining;
import org.vosbench.testing.SharedData;

/** Bad input stops a training run before anything is written, with one message naming the file. */
class TrainerInputTest {

    private final Trainer trainer = new Trainer(new DjlRuntime());
    private final SyntheticSource source = new SyntheticSource(64, 4, true);

    private static TrainingOptions options(Path output, Path weights) {
        return TrainingOptions.defaults(Stage.FINETUNE, output, weights).withIterations(1).withBatchSize(1);
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void weightsOfTheWrongShapeNameTheFileAndTheKey(@TempDir Path tmp) throws IOException {
        Map<String, Object> wrong = new LinkedHashMap<>();
        for (String key : StcnTraining.officialStateDict().keySet()) {
            wrong.put(key, new TorchSave.Tensor(new long[] {1}, new double[] {0}, false));
        }
        Path file = tmp.resolve("wrong.pth");
        TorchSave.write(file, "wrong", new TorchSave.StateDict(wrong));
        Path out = tmp.resolve("out");

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> trainer.train(options(out, file), source, TrainingListener.NONE, ProgressMonitor.NULL));

        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("key_encoder.conv1.weight")
                && e.getMessage().contains("expected shape [64, 3, 7, 7]"), e.getMessage());
        assertEquals(List.of(), files(out));
    }

    @Test
    void aCheckpointOfAnotherNetworkIsRefused(@TempDir Path tmp) throws IOException {
        Map<String, Object> other = new LinkedHashMap<>();
        other.put("it", 5);
        other.put("network", new TorchSave.StateDict(Map.of("fc.weight",
                new TorchSave.Tensor(new long[] {2, 2}, new double[] {1, 2, 3, 4}, false))));
        other.put("optimizer", Map.of("state", Map.of(), "param_groups", List.of()));
        other.put("scheduler", Map.of());
        Path file = tmp.resolve("other_checkpoint.pth");
        TorchSave.write(file, "archive", other);
        Path out = tmp.resolve("out");

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> trainer.train(
                options(out, null).withResume(file), source, TrainingListener.NONE, ProgressMonitor.NULL));

        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("not an STCN checkpoint"),
                e.getMessage());
        assertEquals(List.of(), files(out));
    }

    @Test
    void weightsGivenAsACheckpointToResumeSayWhatIsMissing(@TempDir Path tmp) throws IOException {
        Path weights = tmp.resolve("weights.pth");
        try (InputStream in = new GZIPInputStream(
                Files.newInputStream(SharedData.fixtures().resolve("stcn-parity/weights.pth.gz")))) {
            Files.copy(in, weights);
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> trainer.train(
                options(tmp.resolve("out"), null).withResume(weights), source, TrainingListener.NONE,
                ProgressMonitor.NULL));

        assertTrue(e.getMessage().contains(weights.toString()) && e.getMessage().contains("--weights"), e.getMessage());
        assertEquals(List.of(), files(tmp.resolve("out")));
    }

    @Test
    void emptyTrainingDataIsRefused(@TempDir Path tmp) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.train(
                options(tmp.resolve("out"), tmp.resolve("w.pth")), new SyntheticSource(64, 0, true),
                TrainingListener.NONE, ProgressMonitor.NULL));

        assertTrue(e.getMessage().contains("empty") && e.getMessage().contains("synthetic"), e.getMessage());
        assertTrue(Files.notExists(tmp.resolve("out")));
    }

    @Test
    void anOutputUnderAFileIsRefused(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "x");

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> trainer.train(
                options(file.resolve("out"), tmp.resolve("w.pth")), source, TrainingListener.NONE,
                ProgressMonitor.NULL));

        assertTrue(e.getMessage().contains(file.resolve("out").toString()), e.getMessage());
    }

    @Test
    void anOutputHoldingAnotherRunsCheckpointIsNotOverwritten(@TempDir Path tmp) throws IOException {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path checkpoint = Files.writeString(out.resolve(Trainer.CHECKPOINT), "an earlier run");

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> trainer.train(
                options(out, tmp.resolve("w.pth")), source, TrainingListener.NONE, ProgressMonitor.NULL));

        assertTrue(e.getMessage().contains("--resume"), e.getMessage());
        assertEquals("an earlier run", Files.readString(checkpoint));
    }

    @Test
    void bfloat16TrainingIsRefusedWithTheReason(@TempDir Path tmp) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.train(
                options(tmp.resolve("out"), tmp.resolve("w.pth")).withPrecision(Precision.BF16), source,
                TrainingListener.NONE, ProgressMonitor.NULL));

        assertTrue(e.getMessage().contains("bf16") && e.getMessage().contains("fp32"), e.getMessage());
    }
}
