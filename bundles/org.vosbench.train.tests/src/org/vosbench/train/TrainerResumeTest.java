package org.vosbench.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosbench.core.CancelledException;
import org.vosbench.core.ProgressMonitor;
import org.vosbench.engine.Precision;
import org.vosbench.engine.djl.DjlRuntime;
import org.vosbench.engine.djl.PthReader;
import org.vosbench.testing.SharedData;

/**
 * A run killed after its last checkpoint and resumed from it ends with the very parameters,
 * optimizer state and losses of an uninterrupted run with the same seed (32x32, float32, CPU,
* the parity weights of {@code ../shared/fixtures/stcn-parity}).
 */
class TrainerResumeTest {

    private static final int SIZE = 32;
    private static Path weights;

    @BeforeAll
    static void weights(@TempDir Path tmp) throws IOException {
        weights = tmp.resolve("weights.pth");
        try (InputStream in = new GZIPInputStream(
                Files.newInputStream(SharedData.fixtures().resolve("stcn-parity/weights.pth.gz")))) {
            Files.copy(in, weights);
        }
    }

    static TrainingOptions options(Path output, int iterations) {
        return options(output, iterations, weights);
    }

    static TrainingOptions options(Path output, int iterations, Path weights) {
        return TrainingOptions.defaults(Stage.FINETUNE, output, weights).withIterations(iterations).withBatchSize(2)
                .withSaveEvery(2).withSeed(7).withThreads(2).withPrecision(Precision.FP32);
    }

    /** Stands for the process dying: thrown from the listener after the given iteration, before any later save. */
    private static final class Killed extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void aKilledRunResumesToTheParametersOfAnUninterruptedOne(@TempDir Path tmp) throws IOException {
        SyntheticSource source = new SyntheticSource(SIZE, 8, true);
        Trainer trainer = new Trainer(new DjlRuntime());
        Path whole = tmp.resolve("whole");
        Trainer.Result uninterrupted = trainer.train(options(whole, 3), source, TrainingListener.NONE,
                ProgressMonitor.NULL);
        assertEquals(3, uninterrupted.completed());

        Path killed = tmp.resolve("killed");
        TrainingListener dies = new TrainingListener() {
            @Override
            public void iteration(Iteration i) {
                if (i.it() == 2) {
                    throw new Killed(); // iteration 2 done, the final checkpoint (at 3) never written
                }
            }
        };
        assertThrows(Killed.class, () -> trainer.train(options(killed, 3), source, dies, ProgressMonitor.NULL));
        Path checkpoint = killed.resolve(Trainer.CHECKPOINT);
        assertEquals(2, ((Number) ((Map<?, ?>) PthReader.read(checkpoint)).get("it")).intValue());

        Trainer.Result resumed = trainer.train(options(killed, 3).withResume(checkpoint), source, TrainingListener.NONE,
                ProgressMonitor.NULL);

        assertEquals(3, resumed.completed());
        Map<?, ?> want = (Map<?, ?>) PthReader.read(uninterrupted.checkpoint());
        Map<?, ?> got = (Map<?, ?>) PthReader.read(resumed.checkpoint());
        assertEquals(3, ((Number) got.get("it")).intValue());
        Map<?, ?> wantNet = (Map<?, ?>) want.get("network");
        Map<?, ?> gotNet = (Map<?, ?>) got.get("network");
        assertEquals(wantNet.keySet(), gotNet.keySet());
        for (Object key : wantNet.keySet()) {
            assertArrayEquals(((PthReader.Array) wantNet.get(key)).values(), ((PthReader.Array) gotNet.get(key)).values(),
                    key.toString());
        }
        Map<?, ?> wantState = (Map<?, ?>) ((Map<?, ?>) want.get("optimizer")).get("state");
        Map<?, ?> gotState = (Map<?, ?>) ((Map<?, ?>) got.get("optimizer")).get("state");
        assertEquals(wantState.keySet(), gotState.keySet());
        for (Object index : wantState.keySet()) {
            for (String m : List.of("step", "exp_avg", "exp_avg_sq")) {
                assertArrayEquals(((PthReader.Array) ((Map<?, ?>) wantState.get(index)).get(m)).values(),
                        ((PthReader.Array) ((Map<?, ?>) gotState.get(index)).get(m)).values(), index + " " + m);
            }
        }
        assertEquals(losses(uninterrupted.losses()), losses(resumed.losses()));
        // the run changed the weights at all (a resume that copied nothing would not pass the equalities above)
        Map<String, PthReader.Tensor> start = PthReader.readStateDict(weights);
        Map<String, PthReader.Tensor> end = PthReader.readStateDict(resumed.weights());
        assertFalse(java.util.Arrays.equals(start.get("decoder.pred.weight").data(), end.get("decoder.pred.weight").data()));
    }

    /** @return the CSV without its timing columns */
    private static List<String> losses(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().map(l -> l.substring(0, l.indexOf(",data_seconds") > 0
                ? l.indexOf(",data_seconds") : ordinal(l, ',', 7))).toList();
    }

    private static int ordinal(String s, char c, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = s.indexOf(c, at + 1);
        }
        return at;
    }

    @Test
    void aCancelledRunSavesWhereItStoppedAndSaysSo(@TempDir Path tmp) throws IOException {
        AtomicInteger done = new AtomicInteger();
        ProgressMonitor cancelAfterOne = new ProgressMonitor() {
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
                return done.get() >= 1;
            }

            @Override
            public void done() {
            }
        };
        TrainingListener counts = new TrainingListener() {
            @Override
            public void iteration(Iteration i) {
                done.incrementAndGet();
                assertTrue(Double.isFinite(i.totalLoss()) && i.iterationsPerSecond() > 0);
            }
        };
        Path out = tmp.resolve("out");
        assertThrows(CancelledException.class, () -> new Trainer(new DjlRuntime()).train(options(out, 5),
                new SyntheticSource(SIZE, 8, false), counts, cancelAfterOne));
        assertEquals(1, ((Number) ((Map<?, ?>) PthReader.read(out.resolve(Trainer.CHECKPOINT))).get("it")).intValue());
        assertEquals(2, Files.readAllLines(out.resolve(Trainer.LOSSES)).size(), "header and iteration 0");
        assertTrue(PthReader.readStateDict(out.resolve(Trainer.WEIGHTS)).containsKey("decoder.pred.weight"));
    }
}
