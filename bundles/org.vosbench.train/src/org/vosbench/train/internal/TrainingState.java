package org.vosbench.train.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

import org.vosbench.core.InvalidInputException;
import org.vosbench.engine.djl.PthReader;
import org.vosbench.engine.stcn.training.StcnTraining;
import org.vosbench.train.TorchSave;

/**
 * The official checkpoint layouts of {@code model/model.py}: the network's state_dict
 * ({@code torch.save(STCN.state_dict())}, float32 as the published weights) and the resumable
 * {@code save_checkpoint} dictionary {@code {it, network, optimizer, scheduler}} with PyTorch's
 * {@code Adam.state_dict()} (per parameter index of {@code STCN.parameters()}: {@code step},
 * {@code exp_avg}, {@code exp_avg_sq}; one param group) and {@code MultiStepLR.state_dict()}.
 * One extra key, {@code vosbench} (the data seed and the run's settings), makes a resumed run
 * draw the same samples; the official {@code load_model} ignores it.
 */
public final class TrainingState {

    /** The extra key: {@code {'seed': S, 'stage': ..., 'precision': ...}}. */
    public static final String EXTRA_KEY = "vosbench";

    /**
     * What a checkpoint holds besides the network.
     *
     * @param completed iterations done ({@code it}: the next iteration's index)
     * @param parameters the exact parameter values by key (float64 or float32 as written)
     * @param expAvg Adam's first moments by parameter key
     * @param expAvgSq its second moments
     * @param steps Adam's step count by parameter key
     * @param baseLr the scheduler's {@code base_lrs[0]}
     * @param milestones its milestones, each repeated by its count
     * @param gamma its gamma
     * @param lastEpoch its {@code last_epoch} (scheduler steps done)
     * @param seed the data seed, or null for a checkpoint of the official code
     */
    public record Resumed(int completed, Map<String, double[]> parameters, Map<String, double[]> expAvg,
            Map<String, double[]> expAvgSq, Map<String, Integer> steps, double baseLr, List<Integer> milestones,
            double gamma, int lastEpoch, Long seed) {
    }

    private TrainingState() {
    }

    /** @return the trainable keys in the order of {@code STCN.parameters()} (the optimizer's indices) */
    public static List<String> parameterOrder(StcnTraining network) {
        List<String> order = new ArrayList<>();
        for (String key : StcnTraining.officialStateDict().keySet()) {
            if (network.parameters().containsKey(key)) {
                order.add(key);
            }
        }
        return order;
    }

    /**
     * @param network the network
     * @param counters the batch norms' {@code num_batches_tracked} by key (kept from the starting file)
     * @param float64 write float64 tensors (an exact fp64 checkpoint) instead of float32
     * @return the state_dict in the official key order
     */
    public static TorchSave.StateDict stateDict(StcnTraining network, Map<String, Long> counters, boolean float64) {
        Map<String, Object> tensors = new LinkedHashMap<>();
        Map<String, NDArray> arrays = network.stateDict();
        for (Map.Entry<String, long[]> e : StcnTraining.officialStateDict().entrySet()) {
            String key = e.getKey();
            NDArray a = arrays.get(key);
            if (a != null) {
                tensors.put(key, tensor(a, float64));
            } else if (key.endsWith(".num_batches_tracked")) {
                tensors.put(key, new TorchSave.LongTensor(new long[0], new long[] {counters.getOrDefault(key, 0L)}));
            }
        }
        return new TorchSave.StateDict(tensors);
    }

    static TorchSave.Tensor tensor(NDArray a, boolean float64) {
        double[] values = values(a);
        return new TorchSave.Tensor(a.getShape().getShape(), values, float64);
    }

    private static double[] values(NDArray a) {
        if (a.getDataType() == DataType.FLOAT64) {
            return a.toDoubleArray();
        }
        float[] f = a.toType(DataType.FLOAT32, false).toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /**
     * The {@code save_checkpoint} dictionary.
     *
     * @param completed iterations done
     * @param schedulerOffset the scheduler's {@code last_epoch} minus {@code it} (0 for a run of its own)
     * @param network the network
     * @param counters batch-norm counters
     * @param adam the optimizer
     * @param scheduler the schedule
     * @param extra the {@code vosbench} entry
     */
    public static Map<String, Object> checkpoint(int completed, int schedulerOffset, StcnTraining network, Map<String, Long> counters,
            Adam adam, MultiStepLr scheduler, Map<String, Object> extra) {
        boolean float64 = network.parameters().values().iterator().next().getDataType() == DataType.FLOAT64;
        List<String> order = parameterOrder(network);
        Map<Object, Object> state = new LinkedHashMap<>();
        List<Object> indices = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            String key = order.get(i);
            indices.add(i);
            NDArray m = adam.expAvg().get(key);
            if (m == null) {
                continue; // no step yet: PyTorch has no state for it either
            }
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("step", new TorchSave.Tensor(new long[0], new double[] {adam.steps().get(key)}, false));
            s.put("exp_avg", tensor(m, float64));
            s.put("exp_avg_sq", tensor(adam.expAvgSq().get(key), float64));
            state.put(i, s);
        }
        int lastEpoch = completed + schedulerOffset;
        double lr = scheduler.lr(lastEpoch);
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("lr", lr);
        group.put("betas", new Object[] {Adam.BETA1, Adam.BETA2});
        group.put("eps", Adam.EPS);
        group.put("weight_decay", adam.weightDecay());
        group.put("amsgrad", false);
        group.put("maximize", false);
        group.put("foreach", null);
        group.put("capturable", false);
        group.put("differentiable", false);
        group.put("fused", false);
        group.put("initial_lr", scheduler.baseLr());
        group.put("params", indices);
        Map<String, Object> optimizer = new LinkedHashMap<>();
        optimizer.put("state", state);
        optimizer.put("param_groups", List.of(group));

        Map<Object, Object> counts = new LinkedHashMap<>();
        for (int m : scheduler.milestones()) {
            counts.merge(m, 1, (a, b) -> (Integer) a + 1);
        }
        Map<String, Object> sched = new LinkedHashMap<>();
        sched.put("milestones", new TorchSave.Counter(counts));
        sched.put("gamma", scheduler.gamma());
        sched.put("base_lrs", List.of(scheduler.baseLr()));
        sched.put("last_epoch", lastEpoch);
        sched.put("verbose", false);
        sched.put("_step_count", lastEpoch + 1);
        sched.put("_get_lr_called_within_step", false);
        sched.put("_last_lr", List.of(lr));

        Map<String, Object> root = new LinkedHashMap<>();
        root.put("it", completed);
        root.put("network", stateDict(network, counters, float64));
        root.put("optimizer", optimizer);
        root.put("scheduler", sched);
        root.put(EXTRA_KEY, extra);
        return root;
    }

    /**
     * @param file a {@code .pth} file: a state_dict, or a checkpoint nesting one under {@code network}
     * @return its batch norms' {@code num_batches_tracked}
     */
    public static Map<String, Long> counters(Path file) throws IOException {
        Object root = PthReader.read(file);
        Map<String, Long> counters = new LinkedHashMap<>();
        if (root instanceof Map<?, ?> map) {
            Object dict = map.get("network") instanceof Map<?, ?> nested ? nested : map;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) dict).entrySet()) {
                String key = String.valueOf(e.getKey()).replaceFirst("^module\\.", "");
                if (key.endsWith(".num_batches_tracked") && e.getValue() instanceof PthReader.Array a
                        && a.values().length == 1) {
                    counters.put(key, (long) a.values()[0]);
                }
            }
        }
        return counters;
    }

    /**
     * Reads a checkpoint of {@code save_checkpoint}'s layout (ours or the official code's) and
     * checks it against the network it is to continue.
     *
     * @param file the checkpoint
     * @param network the network, already loaded from the checkpoint's {@code network}
     * @return what it holds
     * @throws InvalidInputException naming the file when a key is missing or the optimizer's
     *         state does not fit the network's parameters (a checkpoint from another network)
     */
    public static Resumed read(Path file, StcnTraining network) throws IOException {
        Object rootObject = PthReader.read(file);
        if (!(rootObject instanceof Map<?, ?> root)) {
            throw new InvalidInputException(file, "not a training checkpoint: it holds no dictionary");
        }
        for (String key : List.of("it", "network", "optimizer", "scheduler")) {
            if (!root.containsKey(key)) {
                throw new InvalidInputException(file, "not a training checkpoint: no '" + key + "' (the official "
                        + "model.save_checkpoint layout has it, network, optimizer and scheduler; to start from "
                        + "weights only, use --weights)");
            }
        }
        int completed = number(file, root.get("it"), "it").intValue();
        Map<?, ?> net = map(file, root.get("network"), "network");
        Map<String, double[]> parameters = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : net.entrySet()) {
            String key = String.valueOf(e.getKey()).replaceFirst("^module\\.", "");
            if (network.parameters().containsKey(key) && e.getValue() instanceof PthReader.Array a) {
                parameters.put(key, a.values());
            }
        }
        Map<?, ?> optimizer = map(file, root.get("optimizer"), "optimizer");
        Map<?, ?> state = map(file, optimizer.get("state"), "optimizer.state");
        List<?> groups = list(file, optimizer.get("param_groups"), "optimizer.param_groups");
        if (groups.size() != 1) {
            throw new InvalidInputException(file, "the optimizer has " + groups.size()
                    + " parameter groups; STCN's Adam has one");
        }
        List<?> indices = list(file, map(file, groups.get(0), "param_groups[0]").get("params"), "param_groups[0].params");
        List<String> order = parameterOrder(network);
        if (indices.size() != order.size()) {
            throw new InvalidInputException(file, "checkpoint from another network: its optimizer has "
                    + indices.size() + " parameters, STCN has " + order.size());
        }
        Map<String, double[]> expAvg = new LinkedHashMap<>();
        Map<String, double[]> expAvgSq = new LinkedHashMap<>();
        Map<String, Integer> steps = new LinkedHashMap<>();
        for (int i = 0; i < order.size(); i++) {
            String key = order.get(i);
            Object s = state.get(indices.get(i));
            if (s == null) {
                continue;
            }
            Map<?, ?> entry = map(file, s, "optimizer.state[" + indices.get(i) + "]");
            long[] shape = network.parameters().get(key).getShape().getShape();
            expAvg.put(key, moments(file, entry.get("exp_avg"), key, shape));
            expAvgSq.put(key, moments(file, entry.get("exp_avg_sq"), key, shape));
            Object step = entry.get("step");
            steps.put(key, (int) (step instanceof PthReader.Array a ? a.values()[0] : number(file, step, "step").doubleValue()));
        }
        Map<?, ?> scheduler = map(file, root.get("scheduler"), "scheduler");
        List<Integer> milestones = new ArrayList<>();
        if (scheduler.get("milestones") instanceof PthReader.Counter c) {
            c.counts().forEach((m, n) -> {
                for (int k = 0; k < ((Number) n).intValue(); k++) {
                    milestones.add(((Number) m).intValue());
                }
            });
        } else {
            throw new InvalidInputException(file, "the scheduler is not a MultiStepLR (no Counter of milestones)");
        }
        milestones.sort(null);
        double baseLr = number(file, list(file, scheduler.get("base_lrs"), "scheduler.base_lrs").get(0), "base_lrs").doubleValue();
        double gamma = number(file, scheduler.get("gamma"), "scheduler.gamma").doubleValue();
        int lastEpoch = number(file, scheduler.get("last_epoch"), "scheduler.last_epoch").intValue();
        Long seed = null;
        if (root.get(EXTRA_KEY) instanceof Map<?, ?> extra && extra.get("seed") instanceof Number n) {
            seed = n.longValue();
        }
        return new Resumed(completed, parameters, expAvg, expAvgSq, steps, baseLr, milestones, gamma, lastEpoch, seed);
    }

    private static double[] moments(Path file, Object o, String key, long[] shape) throws InvalidInputException {
        if (!(o instanceof PthReader.Array a)) {
            throw new InvalidInputException(file, "the optimizer state of '" + key + "' has no moment tensors");
        }
        if (!Arrays.equals(a.shape(), shape)) {
            throw new InvalidInputException(file, "checkpoint from another network: the optimizer state of '" + key
                    + "' has shape " + Arrays.toString(a.shape()) + ", the parameter " + Arrays.toString(shape));
        }
        return a.values();
    }

    private static Map<?, ?> map(Path file, Object o, String what) throws InvalidInputException {
        if (o instanceof Map<?, ?> m) {
            return m;
        }
        throw new InvalidInputException(file, "not a training checkpoint: '" + what + "' is not a dictionary");
    }

    private static List<?> list(Path file, Object o, String what) throws InvalidInputException {
        if (o instanceof List<?> l && !l.isEmpty()) {
            return l;
        }
        if (o instanceof Object[] t && t.length > 0) {
            return Arrays.asList(t);
        }
        throw new InvalidInputException(file, "not a training checkpoint: '" + what + "' is not a non-empty list");
    }

    private static Number number(Path file, Object o, String what) throws InvalidInputException {
        if (o instanceof Number n) {
            return n;
        }
        throw new InvalidInputException(file, "not a training checkpoint: '" + what + "' is not a number");
    }
}
