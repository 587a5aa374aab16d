package org.vosbench.train;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonWriter;

import org.vosbench.core.AtomicFiles;
import org.vosbench.core.InvalidInputException;
import org.vosbench.core.Npy;
import org.vosbench.core.ProgressMonitor;
import org.vosbench.engine.EngineDevice;
import org.vosbench.engine.NdRuntime;
import org.vosbench.engine.Precision;
import org.vosbench.engine.stcn.training.StcnTraining;
import org.vosbench.train.internal.Adam;
import org.vosbench.train.internal.BootstrappedCrossEntropy;
import org.vosbench.train.internal.TrainingStep;
import org.vosbench.train.internal.TrainingStep.Batch;
import org.vosbench.train.internal.TrainingStep.Losses;

/**
 * Replays recorded official training steps ({@code <dir>/plan.json}, batches in
 * {@code <dir>/stepN/*.npy}, the layout of {@code ../shared/fixtures/stcn-train}) from given
 * weights, one after another on one network and one Adam, and writes what each step did in the
 * schema of the fixture's {@code expected.json}: the losses, and per parameter the sum, L2 norm,
 * largest magnitude and the values at the plan's flat indices {@code at}, of the gradient and of
 * the parameter after the step.
 */
public final class Replay {

    private Replay() {
    }

    /**
     * @param runtime the DJL runtime
     * @param dir the replay folder
     * @param weights the starting state_dict
     * @param precision {@link Precision#FP64} for parity (the official steps were recorded in
     *        float64), or {@link Precision#FP32}
     * @param report the JSON file written (atomically)
     * @param monitor progress, one unit per step; cancellation stops before the next step and
     *        writes nothing
     * @throws InvalidInputException naming the file when the plan, a batch or the weights are bad
     */
    public static void run(NdRuntime runtime, Path dir, Path weights, Precision precision, Path report,
            ProgressMonitor monitor) throws IOException {
        if (precision == Precision.BF16) {
            throw new IllegalArgumentException("a replay runs in fp64 (parity) or fp32, not " + precision);
        }
        DataType dataType = precision.sessionType();
        Path planFile = dir.resolve("plan.json");
        JsonObject plan = readPlan(planFile);
        double lr = number(planFile, plan, "lr");
        double weightDecay = number(planFile, plan, "weight_decay");
        JsonArray steps = plan.getAsJsonArray("steps");
        JsonObject at = plan.getAsJsonObject("at");
        if (steps == null || steps.isEmpty() || at == null) {
            throw new InvalidInputException(planFile, "needs a non-empty 'steps' list and an 'at' object");
        }
        StringWriter text = new StringWriter();
        try (NDManager root = runtime.newManager(EngineDevice.CPU);
                StcnTraining network = StcnTraining.load(weights, root.newSubManager(), dataType);
                JsonWriter json = new JsonWriter(text)) {
            Map<String, NDArray> parameters = network.parameters();
            for (String name : at.keySet()) {
                if (!parameters.containsKey(name)) {
                    throw new InvalidInputException(planFile, "'at' names '" + name + "', not a parameter of STCN");
                }
            }
            parameters.values().forEach(p -> p.setRequiresGradient(true));
            Adam adam = new Adam(weightDecay);
            TrainingStep step = new TrainingStep(BootstrappedCrossEntropy.OFFICIAL);
            json.setIndent(" ");
            json.beginObject();
            json.name("lr").value(lr);
            json.name("weight_decay").value(weightDecay);
            if (plan.has("size")) {
                json.name("size").value(plan.get("size").getAsInt());
            }
            json.name("dtype").value(dataType == DataType.FLOAT64 ? "float64" : "float32");
            json.name("steps").beginArray();
            monitor.begin("Replaying " + steps.size() + " training steps", steps.size());
            for (JsonElement element : steps) {
                if (monitor.isCanceled()) {
                    throw new org.vosbench.core.CancelledException();
                }
                JsonObject s = element.getAsJsonObject();
                int it = s.get("it").getAsInt();
                Path batchDir = dir.resolve(s.get("batch").getAsString());
                monitor.subTask("step " + batchDir.getFileName() + " (it " + it + ")");
                json.beginObject();
                json.name("it").value(it);
                try (NDManager stepManager = root.newSubManager()) {
                    Batch batch = readBatch(stepManager, batchDir, dataType);
                    Losses losses;
                    try (GradientCollector collector = stepManager.getEngine().newGradientCollector()) {
                        losses = step.forward(network, batch, it);
                        collector.backward(losses.total());
                    }
                    json.name("losses").beginObject();
                    json.name("loss_1").value(losses.loss1().getDouble());
                    json.name("loss_2").value(losses.loss2().getDouble());
                    json.name("total_loss").value(losses.total().getDouble());
                    json.name("p").value(losses.p());
                    json.endObject();
                    json.name("grads").beginObject();
                    Map<String, NDArray> gradients = new LinkedHashMap<>();
                    for (Map.Entry<String, NDArray> p : parameters.entrySet()) {
                        NDArray g = p.getValue().getGradient();
                        gradients.put(p.getKey(), g);
                        if (at.has(p.getKey())) {
                            summary(json, "step " + it + ": gradient of", p.getKey(), g, indices(at.getAsJsonArray(p.getKey())));
                        }
                    }
                    json.endObject();
                    for (Map.Entry<String, NDArray> p : parameters.entrySet()) {
                        NDArray g = gradients.get(p.getKey());
                        adam.step(p.getKey(), p.getValue(), g, lr);
                        g.muli(0); // the official zero_grad(set_to_none=True) before the next backward
                        g.close();
                    }
                    json.name("params_after").beginObject();
                    for (Map.Entry<String, NDArray> p : parameters.entrySet()) {
                        if (at.has(p.getKey())) {
                            summary(json, "step " + it + ": parameter", p.getKey(), p.getValue(), indices(at.getAsJsonArray(p.getKey())));
                        }
                    }
                    json.endObject();
                }
                json.endObject();
                monitor.worked(1);
            }
            json.endArray();
            json.endObject();
        } finally {
            monitor.done();
        }
        AtomicFiles.writeString(report, text.toString() + "\n");
    }

    private static JsonObject readPlan(Path planFile) throws IOException {
        if (!Files.isRegularFile(planFile)) {
            throw new InvalidInputException(planFile, "replay plan not found (expected <dir>/plan.json)");
        }
        try (Reader in = Files.newBufferedReader(planFile)) {
            return JsonParser.parseReader(in).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new InvalidInputException(planFile, "not a replay plan: " + e.getMessage(), e);
        }
    }

    private static double number(Path file, JsonObject plan, String key) throws InvalidInputException {
        if (!plan.has(key) || !plan.get(key).isJsonPrimitive()) {
            throw new InvalidInputException(file, "needs a number '" + key + "'");
        }
        return plan.get(key).getAsDouble();
    }

    private static int[] indices(JsonArray array) {
        int[] result = new int[array.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = array.get(i).getAsInt();
        }
        return result;
    }

    /**
     * Writes a tensor's sum, norm, largest magnitude and sampled values.
     *
     * @throws ArithmeticException naming the step and tensor when a value is not finite (JSON
     *         cannot hold it, and no official step produces one)
     */
    private static void summary(JsonWriter json, String what, String name, NDArray array, int[] at) throws IOException {
        double[] values;
        if (array.getDataType() == DataType.FLOAT64) {
            values = array.toDoubleArray();
        } else {
            float[] floats = array.toFloatArray();
            values = new double[floats.length];
            for (int i = 0; i < floats.length; i++) {
                values[i] = floats[i];
            }
        }
        double sum = 0;
        double squares = 0;
        double maxAbs = 0;
        for (double v : values) {
            sum += v;
            squares += v * v;
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        if (!Double.isFinite(sum) || !Double.isFinite(squares)) {
            long bad = java.util.Arrays.stream(values).filter(v -> !Double.isFinite(v)).count();
            throw new ArithmeticException(what + " " + name + " has " + bad + " non-finite values of " + values.length);
        }
        json.name(name).beginObject();
        json.name("sum").value(sum);
        json.name("l2").value(Math.sqrt(squares));
        json.name("maxabs").value(maxAbs);
        json.name("at").beginArray();
        for (int i : at) {
            json.value(i);
        }
        json.endArray();
        json.name("values").beginArray();
        for (int i : at) {
            json.value(values[i]);
        }
        json.endArray();
        json.endObject();
    }

    private static Batch readBatch(NDManager manager, Path dir, DataType dataType) throws IOException {
        Npy.Float64Array rgb = Npy.readFloat64(dir.resolve("rgb.npy"));
        Npy.Float64Array gt = Npy.readFloat64(dir.resolve("gt.npy"));
        Npy.Float64Array classes = Npy.readFloat64(dir.resolve("cls_gt.npy"));
        Path secFile = dir.resolve("sec_gt.npy");
        boolean multi = Files.isRegularFile(secFile);
        int b = gt.shape()[0];
        if (rgb.shape().length != 5 || rgb.shape()[0] != b || rgb.shape()[1] != 3 || rgb.shape()[2] != 3) {
            throw new InvalidInputException(dir.resolve("rgb.npy"),
                    "expected shape [B, 3 frames, 3, H, W], found " + Arrays.toString(rgb.shape()));
        }
        int[] cls = new int[classes.data().length];
        for (int i = 0; i < cls.length; i++) {
            cls[i] = (int) classes.data()[i];
        }
        NDArray sec = null;
        NDArray selector = null;
        boolean[] second = new boolean[b];
        if (multi) {
            Npy.Float64Array s = Npy.readFloat64(secFile);
            Npy.Float64Array sel = Npy.readFloat64(dir.resolve("selector.npy"));
            sec = create(manager, s, dataType);
            selector = create(manager, sel, dataType);
            for (int j = 0; j < b; j++) {
                second[j] = sel.data()[j * 2 + 1] > 0.5;
            }
        }
        return new Batch(create(manager, rgb, dataType), create(manager, gt, dataType), sec, selector, cls, second);
    }

    private static NDArray create(NDManager manager, Npy.Float64Array a, DataType dataType) {
        long[] shape = Arrays.stream(a.shape()).asLongStream().toArray();
        NDArray array = manager.create(a.data(), new Shape(shape));
        return dataType == DataType.FLOAT64 ? array : array.toType(dataType, false);
    }
}
