package org.vosbench.train;

import java.io.IOException;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import org.vosbench.core.AtomicFiles;
import org.vosbench.core.CancelledException;
import org.vosbench.core.InvalidInputException;
import org.vosbench.core.ProgressMonitor;
import org.vosbench.engine.EngineDevice;
import org.vosbench.engine.NdRuntime;
import org.vosbench.engine.Precision;
import org.vosbench.engine.stcn.training.StcnTraining;
import org.vosbench.train.data.SampleSource;
import org.vosbench.train.data.TrainingSample;
import org.vosbench.train.internal.Adam;
import org.vosbench.train.internal.Batches;
import org.vosbench.train.internal.BootstrappedCrossEntropy;
import org.vosbench.train.internal.MaxSkipCurriculum;
import org.vosbench.train.internal.MultiStepLr;
import org.vosbench.train.internal.TrainingState;
import org.vosbench.train.internal.TrainingStep;
import org.vosbench.train.internal.TrainingStep.Losses;

/**
 * Trains STCN as the official {@code train.py} does, on DJL's autograd and the engine's own
 * network: batches of B samples, {@code do_pass} (forward, bootstrapped cross-entropy, backward),
 * PyTorch's Adam (weight decay 1e-7) and {@code MultiStepLR} stepped once per iteration, batch
 * norms frozen, the max-skip curriculum by epoch. The one implementation behind
 * {@code vosbench train} and the workbench's fine-tuning job.
 *
 * <p>Writes into the output folder, each file atomically: {@code weights.pth} (the network's
 * state_dict in the official layout, float32), {@code checkpoint.pth} (the official
 * {@code save_checkpoint} layout, resumable here and by the official {@code --load_model}) and
 * {@code losses.csv}; every {@code saveEvery} iterations, at the end, and when cancelled (then
 * {@link CancelledException} is thrown after the save).
 */
public final class Trainer {

    /** STCN's Adam weight decay ({@code model/model.py}). */
    public static final double WEIGHT_DECAY = 1e-7;
    /** The file names in the output folder. */
    public static final String WEIGHTS = "weights.pth";
    public static final String CHECKPOINT = "checkpoint.pth";
    public static final String LOSSES = "losses.csv";

    private static final String CSV_HEADER = "it,loss_1,loss_2,total_loss,p,lr,max_skip,data_seconds,step_seconds\n";

    /**
     * @param completed iterations done
     * @param weights the weights written last
     * @param checkpoint the checkpoint written last
     * @param losses the CSV of losses
     * @param lastLoss the last iteration's total loss (NaN when none ran)
     */
    public record Result(int completed, Path weights, Path checkpoint, Path losses, double lastLoss) {
    }

    private final NdRuntime runtime;

    public Trainer(NdRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * @param options the run
     * @param source the training data
     * @param listener told of each iteration and save
     * @param monitor progress (one unit per iteration) and cancellation, checked between iterations
     * @return what was done
     * @throws InvalidInputException naming the file: bad weights or checkpoint, an output folder
     *         that cannot be written or already holds another run
     * @throws IllegalArgumentException for empty training data or settings the engine cannot train with
     */
    public Result train(TrainingOptions options, SampleSource source, TrainingListener listener, ProgressMonitor monitor)
            throws IOException {
        if (options.precision() == Precision.BF16) {
            throw new IllegalArgumentException("--precision bf16: training needs autograd, and DJL 0.35.1 aborts the JVM "
                    + "on bfloat16 arrays (bf16 runs only inside TorchScript, for propagation); use fp32 or fp64");
        }
        if (options.amp() && options.device() != EngineDevice.Kind.GPU) {
            throw new IllegalArgumentException("--amp: mixed precision runs on the GPU only (float16 on CPU is slower "
                    + "and lacks bilinear resizing); drop --amp or use --device gpu");
        }
        if (options.weights() == null && options.resume() == null) {
            throw new IllegalArgumentException("--weights or --resume is needed: training starts from a network");
        }
        if (source.size() < 1) {
            throw new IllegalArgumentException("the training data is empty: " + source.describe());
        }
        Path output = options.output().toAbsolutePath();
        prepareOutput(output, options);
        DataType dataType = options.precision().sessionType();
        Path weightsFile = output.resolve(WEIGHTS);
        Path checkpointFile = output.resolve(CHECKPOINT);
        Path lossesFile = output.resolve(LOSSES);
        EngineDevice device = new EngineDevice(options.device(), options.amp(), options.threads(), options.precision());
        Path start = options.resume() != null ? options.resume() : options.weights();
        try (NDManager root = runtime.newManager(device);
                StcnTraining network = StcnTraining.load(start, root.newSubManager(), dataType)) {
            Map<String, Long> counters = TrainingState.counters(start);
            Map<String, NDArray> parameters = network.parameters();
            List<String> order = TrainingState.parameterOrder(network);
            Adam adam = new Adam(WEIGHT_DECAY);
            MultiStepLr scheduler = new MultiStepLr(options.lr(), options.steps(), options.gamma());
            int first = 0;
            int schedulerOffset = 0; // last_epoch - it: 0 unless a checkpoint's scheduler was stepped apart
            long seed = options.seed();
            StringBuilder csv = new StringBuilder(CSV_HEADER);
            if (options.resume() != null) {
                TrainingState.Resumed r = TrainingState.read(options.resume(), network);
                for (Map.Entry<String, double[]> e : r.parameters().entrySet()) {
                    set(parameters.get(e.getKey()), e.getValue());
                }
                for (String key : r.expAvg().keySet()) {
                    NDArray p = parameters.get(key);
                    adam.expAvg().put(key, create(p.getManager(), r.expAvg().get(key), p.getShape(), dataType));
                    adam.expAvgSq().put(key, create(p.getManager(), r.expAvgSq().get(key), p.getShape(), dataType));
                    adam.steps().put(key, r.steps().get(key));
                }
                // as load_model: the checkpoint's scheduler replaces the one built from the settings
                scheduler = new MultiStepLr(r.baseLr(), r.milestones(), r.gamma());
                first = r.completed();
                schedulerOffset = r.lastEpoch() - first;
                if (r.seed() != null) {
                    seed = r.seed();
                }
                csv.append(earlierLosses(options.resume().toAbsolutePath().resolveSibling(LOSSES), first));
            }
            if (first >= options.iterations()) {
                throw new IllegalArgumentException("--resume " + options.resume() + ": the checkpoint has already done "
                        + first + " iterations, --iterations is " + options.iterations());
            }
            parameters.values().forEach(p -> p.setRequiresGradient(true));
            // PyTorch's grad mode is per thread and on by default; DJL turns it off only on the thread that
            // loaded the engine, and its GradientCollector restores the mode it found. On any other thread
            // (a workbench Job's worker) the optimizer's in-place update of a leaf would then fail.
            if ("PyTorch".equals(root.getEngine().getEngineName())) {
                ai.djl.pytorch.jni.JniUtils.setGradMode(false);
            }
            TrainingStep step = new TrainingStep(BootstrappedCrossEntropy.OFFICIAL);
            MaxSkipCurriculum curriculum = options.stage().skipFractions() == null ? null
                    : new MaxSkipCurriculum(options.stage().skipFractions(), Stage.SKIP_VALUES, Stage.INITIAL_MAX_SKIP);
            int epochLength = MaxSkipCurriculum.epochLength(source.size(), options.batchSize());
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("seed", seed);
            extra.put("stage", options.stage().id());
            extra.put("precision", options.precision().id());
            extra.put("batch_size", options.batchSize());
            extra.put("iterations", options.iterations());
            extra.put("generator", "L64X128MixRandom seeded per iteration by seed and it");

            monitor.begin("Training STCN (stage " + options.stage().id() + ")", options.iterations());
            monitor.worked(first);
            long startNanos = System.nanoTime();
            double lastLoss = Double.NaN;
            int completed = first;
            try {
                for (int it = first; it < options.iterations(); it++) {
                    if (monitor.isCanceled()) {
                        if (completed > first) {
                            save(network, counters, adam, scheduler, schedulerOffset, extra, completed, csv, weightsFile, checkpointFile,
                                lossesFile, listener);
                        }
                        throw new CancelledException();
                    }
                    int maxSkip = curriculum == null ? Stage.INITIAL_MAX_SKIP
                            : curriculum.maxSkip(it, options.iterations(), epochLength);
                    long dataStart = System.nanoTime();
                    RandomGenerator rng = generator(seed, it);
                    List<TrainingSample> samples = new ArrayList<>(options.batchSize());
                    for (int j = 0; j < options.batchSize(); j++) {
                        samples.add(source.sample(rng, maxSkip));
                    }
                    long iterationStart = System.nanoTime();
                    double lr = scheduler.lr(schedulerOffset + it);
                    double l1;
                    double l2;
                    double total;
                    double p;
                    try (NDManager stepManager = root.newSubManager()) {
                        TrainingStep.Batch batch = Batches.of(stepManager, samples, options.stage().singleObject(),
                                dataType);
                        Losses losses;
                        try (GradientCollector collector = stepManager.getEngine().newGradientCollector()) {
                            losses = step.forward(network, batch, it);
                            collector.backward(losses.total());
                        }
                        l1 = losses.loss1().toType(DataType.FLOAT64, false).getDouble();
                        l2 = losses.loss2().toType(DataType.FLOAT64, false).getDouble();
                        total = losses.total().toType(DataType.FLOAT64, false).getDouble();
                        p = losses.p();
                        if (!Double.isFinite(total)) {
                            throw new IllegalStateException("iteration " + it + ": the loss is " + total
                                    + " (diverged); the last checkpoint is " + checkpointFile);
                        }
                        for (String key : order) {
                            NDArray param = parameters.get(key);
                            NDArray g = param.getGradient();
                            adam.step(key, param, g, lr);
                            g.muli(0); // zero_grad before the next backward
                            g.close();
                        }
                    }
                    completed = it + 1;
                    lastLoss = total;
                    csv.append(String.format(Locale.ROOT, "%d,%.17g,%.17g,%.17g,%.6f,%.9g,%d,%.3f,%.3f%n", it, l1, l2, total,
                            p, lr, maxSkip, (iterationStart - dataStart) / 1e9, (System.nanoTime() - iterationStart) / 1e9));
                    double rate = (completed - first) / ((System.nanoTime() - startNanos) / 1e9);
                    listener.iteration(new TrainingListener.Iteration(it, options.iterations(), l1, l2, total, p, lr,
                            maxSkip, rate));
                    monitor.subTask(String.format(Locale.ROOT, "loss %.4f p %.2f", total, p));
                    monitor.worked(1);
                    if (completed % options.saveEvery() == 0 || completed == options.iterations()) {
                        save(network, counters, adam, scheduler, schedulerOffset, extra, completed, csv, weightsFile, checkpointFile,
                                lossesFile, listener);
                    }
                }
            } finally {
                monitor.done();
            }
            return new Result(completed, weightsFile, checkpointFile, lossesFile, lastLoss);
        }
    }

    /** The generator of iteration {@code it}'s samples: a function of the seed and the iteration only. */
    static RandomGenerator generator(long seed, int it) {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed * 0x9E3779B97F4A7C15L + it);
    }

    private static void prepareOutput(Path output, TrainingOptions options) throws IOException {
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new InvalidInputException(output, "--output is a file, but a folder is needed there");
        }
        try {
            Files.createDirectories(output);
        } catch (IOException e) {
            throw new InvalidInputException(output, "cannot create the output folder: " + e.getMessage(), e);
        }
        if (!Files.isWritable(output)) {
            throw new InvalidInputException(output, "the output folder is not writable");
        }
        Path checkpoint = output.resolve(CHECKPOINT);
        boolean resumingHere = options.resume() != null && Files.exists(checkpoint)
                && Files.isSameFile(checkpoint, options.resume());
        if (Files.exists(checkpoint) && !resumingHere) {
            throw new InvalidInputException(checkpoint, "the output folder already holds a run's checkpoint: continue "
                    + "it with --resume " + checkpoint + ", or choose another --output");
        }
    }

    private static void save(StcnTraining network, Map<String, Long> counters, Adam adam, MultiStepLr scheduler,
            int schedulerOffset, Map<String, Object> extra, int completed, CharSequence csv, Path weightsFile, Path checkpointFile,
            Path lossesFile, TrainingListener listener) throws IOException {
        write(weightsFile, () -> TorchSave.write(weightsFile, "archive", TrainingState.stateDict(network, counters, false)));
        write(checkpointFile, () -> TorchSave.write(checkpointFile, "archive",
                TrainingState.checkpoint(completed, schedulerOffset, network, counters, adam, scheduler, extra)));
        write(lossesFile, () -> AtomicFiles.writeString(lossesFile, csv.toString()));
        listener.saved(completed, weightsFile, checkpointFile);
    }

    private interface Write {
        void run() throws IOException;
    }

    /** Names the file when the disk is full or the folder went away; the earlier version stays. */
    private static void write(Path file, Write write) throws IOException {
        try {
            write.run();
        } catch (InvalidInputException e) {
            throw e;
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot write it (" + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()) + "); the file's previous version, if any, is unchanged", e);
        }
    }

    /** @return the rows of an earlier run's CSV before iteration {@code first} (what a resumed run keeps) */
    private static String earlierLosses(Path file, int first) throws IOException {
        if (!Files.isRegularFile(file)) {
            return "";
        }
        StringBuilder kept = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            int comma = line.indexOf(',');
            if (comma > 0 && line.chars().limit(comma).allMatch(Character::isDigit)
                    && Integer.parseInt(line.substring(0, comma)) < first) {
                kept.append(line).append('\n');
            }
        }
        return kept.toString();
    }

    private static void set(NDArray param, double[] values) {
        if (param.getDataType() == DataType.FLOAT64) {
            param.set(DoubleBuffer.wrap(values));
        } else {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
            param.set(FloatBuffer.wrap(f));
        }
    }

    private static NDArray create(NDManager manager, double[] values, Shape shape, DataType dataType) {
        NDArray a = manager.create(values, shape);
        if (dataType == DataType.FLOAT64) {
            return a;
        }
        NDArray converted = a.toType(dataType, false);
        a.close();
        return converted;
    }
}
