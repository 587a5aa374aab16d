package org.vosbench.train;

import java.nio.file.Path;
import java.util.List;

import org.vosbench.engine.EngineDevice;
import org.vosbench.engine.Precision;

/**
 * What a training run does: the stage and its schedule (defaults from {@link Stage}), the
 * arithmetic, where it writes, and where it starts from.
 *
 * @param stage the stage
 * @param iterations total iterations of the run (a resumed run continues up to it)
 * @param batchSize samples per iteration
 * @param lr the initial learning rate
 * @param steps the {@code MultiStepLR} milestones (iterations)
 * @param gamma the learning-rate factor at each milestone (0.1 officially)
 * @param device CPU or GPU
 * @param precision fp32 or fp64 (bf16 cannot train through DJL: see {@link Trainer})
 * @param amp mixed precision (GPU only)
 * @param threads CPU threads for the network (0: all)
 * @param seed the data's seed: iteration {@code it} draws its samples from a generator seeded
 *        by {@code (seed, it)}, so a resumed run draws what an uninterrupted one would
 * @param saveEvery write the checkpoint every this many iterations (and at the end, and when cancelled)
 * @param output the folder of {@code weights.pth}, {@code checkpoint.pth} and {@code losses.csv}
 * @param weights the starting state_dict, or null when resuming
 * @param resume a checkpoint in the official {@code save_checkpoint} layout to continue, or null
 */
public record TrainingOptions(Stage stage, int iterations, int batchSize, double lr, List<Integer> steps, double gamma,
        EngineDevice.Kind device, Precision precision, boolean amp, int threads, long seed, int saveEvery, Path output,
        Path weights, Path resume) {

    /** The official seed of {@code train.py}. */
    public static final long OFFICIAL_SEED = 14159265L;

    public TrainingOptions {
        steps = List.copyOf(steps);
        if (iterations < 1) {
            throw new IllegalArgumentException("--iterations " + iterations + ": must be at least 1");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size " + batchSize + ": must be at least 1");
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("--lr " + lr + ": must be a positive number");
        }
        if (saveEvery < 1) {
            throw new IllegalArgumentException("--save-every " + saveEvery + ": must be at least 1");
        }
    }

    /**
     * @param stage the stage
     * @param output the output folder
     * @param weights the starting weights
     * @return the stage's official defaults, fp32 on CPU, the official seed, a checkpoint every 1000 iterations
     */
    public static TrainingOptions defaults(Stage stage, Path output, Path weights) {
        return new TrainingOptions(stage, stage.iterations(), stage.batchSize(), stage.lr(), stage.steps(), 0.1,
                EngineDevice.Kind.CPU, Precision.FP32, false, 0, OFFICIAL_SEED, 1000, output, weights, null);
    }

    public TrainingOptions withIterations(int value) {
        return new TrainingOptions(stage, value, batchSize, lr, steps, gamma, device, precision, amp, threads, seed,
                saveEvery, output, weights, resume);
    }

    public TrainingOptions withBatchSize(int value) {
        return new TrainingOptions(stage, iterations, value, lr, steps, gamma, device, precision, amp, threads, seed,
                saveEvery, output, weights, resume);
    }

    public TrainingOptions withPrecision(Precision value) {
        return new TrainingOptions(stage, iterations, batchSize, lr, steps, gamma, device, value, amp, threads, seed,
                saveEvery, output, weights, resume);
    }

    public TrainingOptions withSaveEvery(int value) {
        return new TrainingOptions(stage, iterations, batchSize, lr, steps, gamma, device, precision, amp, threads, seed,
                value, output, weights, resume);
    }

    public TrainingOptions withSeed(long value) {
        return new TrainingOptions(stage, iterations, batchSize, lr, steps, gamma, device, precision, amp, threads, value,
                saveEvery, output, weights, resume);
    }

    public TrainingOptions withThreads(int value) {
        return new TrainingOptions(stage, iterations, batchSize, lr, steps, gamma, device, precision, amp, value, seed,
                saveEvery, output, weights, resume);
    }

    public TrainingOptions withResume(Path value) {
        return new TrainingOptions(stage, iterations, batchSize, lr, steps, gamma, device, precision, amp, threads, seed,
                saveEvery, output, weights, value);
    }

    public TrainingOptions withOutput(Path value) {
        return new TrainingOptions(stage, iterations, batchSize, lr, steps, gamma, device, precision, amp, threads, seed,
                saveEvery, value, weights, resume);
    }
}
