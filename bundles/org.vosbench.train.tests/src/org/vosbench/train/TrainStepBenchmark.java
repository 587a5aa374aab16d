package org.vosbench.train;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.zip.GZIPInputStream;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosbench.engine.stcn.training.StcnTraining;
import org.vosbench.testing.SharedData;
import org.vosbench.train.data.TrainingSample;
import org.vosbench.train.internal.Adam;
import org.vosbench.train.internal.Batches;
import org.vosbench.train.internal.BootstrappedCrossEntropy;
import org.vosbench.train.internal.TrainingStep;

/**
 * Not part of the suite (no Test suffix): times the phases of one fp32 training step (batch
 * stacking, forward with the loss, backward, Adam) at a small size, and prints the figures.
 * {@code -Dtest=TrainStepBenchmark -Dbench.size=128 -Dbench.batch=2 -Dbench.iterations=4}
 */
class TrainStepBenchmark {

    @Test
    void timeOneStep(@TempDir Path tmp) throws IOException {
        int size = Integer.getInteger("bench.size", 128);
        int batchSize = Integer.getInteger("bench.batch", 2);
        int iterations = Integer.getInteger("bench.iterations", 2);
        Path weights = tmp.resolve("weights.pth");
        try (InputStream in = new GZIPInputStream(
                Files.newInputStream(SharedData.fixtures().resolve("stcn-parity/weights.pth.gz")))) {
            Files.copy(in, weights);
        }
        SyntheticSource source = new SyntheticSource(size, 4, true);
        Files.writeString(Path.of("/proc/self/clear_refs"), "5"); // peak RSS from here on (earlier tests in this JVM)
        Engine engine = Engine.getEngine("PyTorch");
        try (NDManager root = engine.newBaseManager();
                StcnTraining network = StcnTraining.load(weights, root.newSubManager(), DataType.FLOAT32)) {
            Map<String, NDArray> parameters = network.parameters();
            parameters.values().forEach(p -> p.setRequiresGradient(true));
            Adam adam = new Adam(1e-7);
            TrainingStep step = new TrainingStep(BootstrappedCrossEntropy.OFFICIAL);
            double[] sums = new double[4];
            for (int it = 0; it <= iterations; it++) {
                RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(it);
                List<TrainingSample> samples = new ArrayList<>();
                for (int j = 0; j < batchSize; j++) {
                    samples.add(source.sample(rng, 5));
                }
                long t0 = System.nanoTime();
                long t1;
                long t2;
                long t3;
                try (NDManager m = root.newSubManager()) {
                    TrainingStep.Batch batch = Batches.of(m, samples, false, DataType.FLOAT32);
                    t1 = System.nanoTime();
                    try (GradientCollector collector = engine.newGradientCollector()) {
                        TrainingStep.Losses losses = step.forward(network, batch, 30000 + it);
                        losses.total().getFloat();
                        t2 = System.nanoTime();
                        collector.backward(losses.total());
                    }
                    t3 = System.nanoTime();
                    for (Map.Entry<String, NDArray> p : parameters.entrySet()) {
                        NDArray g = p.getValue().getGradient();
                        adam.step(p.getKey(), p.getValue(), g, 1e-5);
                        g.muli(0);
                        g.close();
                    }
                }
                long t4 = System.nanoTime();
                if (it > 0) {
                    sums[0] += (t1 - t0) / 1e9;
                    sums[1] += (t2 - t1) / 1e9;
                    sums[2] += (t3 - t2) / 1e9;
                    sums[3] += (t4 - t3) / 1e9;
                }
            }
            System.out.printf("BENCH %dx%d batch %d, %d iterations (warm-up left out), threads %d: batch %.3f s, "
                    + "forward+loss %.3f s, backward %.3f s, adam+zero %.3f s, step %.3f s; peak RSS of the JVM since the benchmark began %s%n", size,
                    size, batchSize, iterations, Runtime.getRuntime().availableProcessors(), sums[0] / iterations,
                    sums[1] / iterations, sums[2] / iterations, sums[3] / iterations,
                    (sums[0] + sums[1] + sums[2] + sums[3]) / iterations, peakRss());
        }
    }

    private static String peakRss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM")) {
                return line.substring(6).strip();
            }
        }
        return "?";
    }
}
