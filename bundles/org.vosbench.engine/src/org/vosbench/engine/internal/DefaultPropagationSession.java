package org.vosbench.engine.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import org.vosbench.core.LabelMask;
import org.vosbench.core.RgbImage;
import org.vosbench.engine.Backbone;
import org.vosbench.engine.FrameFeatures;
import org.vosbench.engine.MemoryPolicy;
import org.vosbench.engine.MemoryPolicy.Decision;
import org.vosbench.engine.ProbabilityMap;
import org.vosbench.engine.PropagationSession;
import org.vosbench.engine.SessionSettings;
import org.vosbench.engine.Similarity;
import org.vosbench.engine.StepResult;

/**
 * The session: per-object memory as STCN's {@code inference_core_yv.py} (which equals
 * {@code inference_core.py} when all objects are given on the first frame). Memory keys are
 * stored once per frame and shared; values per object. Every step runs in its own
 * {@link NDManager}, closed at the end of the step; only what enters memory is kept.
 */
final class DefaultPropagationSession implements PropagationSession {

    /** Largest number of objects: labels 1..254 (255 is void). */
    static final int MAX_OBJECTS = 254;

    private final SessionSettings settings;
    private final Backbone backbone;
    private final Similarity similarity;
    private final MemoryPolicy policy;
    private final NDManager manager;
    private final Runnable onClose;
    private boolean closed;
    /** The session's array type: float64 in fp64, float32 otherwise. */
    private final DataType type;

    private final List<Integer> objects = new ArrayList<>();
    private final List<MemoryFrame> permanent = new ArrayList<>();
    private MemoryFrame temporary;
    private int lastPermanentFrame;
    private final Map<List<Integer>, NDArray> keyCache = new HashMap<>();
    private final Map<List<Integer>, NDArray> valueCache = new HashMap<>();

    private int width = -1;
    private int height;
    private int paddedWidth;
    private int paddedHeight;
    private int padLeft;
    private int padTop;

    /** One frame in memory: its key (shared) and one value per object present then. */
    private static final class MemoryFrame implements AutoCloseable {
        final int frameIndex;
        final boolean annotated;
        final NDArray key; // CK x hw
        final Map<Integer, NDArray> values = new LinkedHashMap<>(); // id -> CV x hw
        double usage;
        int reads;

        MemoryFrame(int frameIndex, boolean annotated, NDArray key) {
            this.frameIndex = frameIndex;
            this.annotated = annotated;
            this.key = key;
        }

        @Override
        public void close() {
            key.close();
            values.values().forEach(NDArray::close);
        }
    }

    /**
     * @param manager the session's own root manager, closed with the session
     * @param onClose run once when the session closes (releases the backbone)
     */
    DefaultPropagationSession(SessionSettings settings, Backbone backbone, Similarity similarity, NDManager manager,
            Runnable onClose) {
        this.settings = settings;
        this.onClose = onClose;
        this.backbone = backbone;
        this.similarity = similarity;
        this.policy = settings.memoryPolicy();
        this.manager = manager;
        this.type = settings.device().precision().sessionType();
    }

    /** @return arrays the session's manager holds now (memory, caches): for leak tests */
    int managedArrays() {
        return manager.getManagedArrays().size();
    }

    @Override
    public SessionSettings settings() {
        return settings;
    }

    @Override
    public List<Integer> objectIds() {
        return List.copyOf(objects);
    }

    @Override
    public List<Integer> memoryFrames() {
        return permanent.stream().map(f -> f.frameIndex).toList();
    }

    @Override
    public StepResult step(int frameIndex, RgbImage image, LabelMask maskOrNull, boolean lastInPass) {
        if (closed) {
            throw new IllegalStateException("The session is closed");
        }
        checkSize(image, maskOrNull);
        List<Integer> given = maskOrNull == null ? List.of() : List.copyOf(maskOrNull.objectIds());
        if (objects.isEmpty() && given.isEmpty()) {
            throw new IllegalStateException("Frame " + frameIndex
                    + ": no object to propagate yet; the first step needs a mask with at least one object");
        }
        List<Integer> ids = new ArrayList<>(objects);
        for (int id : given) {
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        if (ids.size() > MAX_OBJECTS) {
            throw new IllegalArgumentException("Frame " + frameIndex + ": " + ids.size()
                    + " objects, more than the engine supports (" + MAX_OBJECTS + ")");
        }
        try (NDManager step = manager.newSubManager()) {
            NDArray frame = pad(backbone.normalize(toImage(step, image)));
            FrameFeatures features = backbone.encodeKey(step, frame);
            checkType("key", features.key());
            NDArray propagated = null; // (K+1) x 1 x H x W, background first
            NDArray objectProbs = null; // K x 1 x H x W
            if (!objects.isEmpty()) {
                propagated = SoftAggregation.aggregate(checkType("decoded probabilities", readAndDecode(step, features)));
                objectProbs = propagated.get("1:");
            }
            Decision decision;
            NDArray probs;
            if (maskOrNull != null) {
                probs = SoftAggregation.aggregate(merge(step, objectProbs, maskOrNull, ids, given));
                decision = Decision.PERMANENT;
            } else {
                probs = propagated;
                decision = policy.decide(Math.abs(frameIndex - lastPermanentFrame), lastInPass);
            }
            objects.clear();
            objects.addAll(ids);
            if (decision != Decision.SKIP) {
                memorize(frameIndex, decision, maskOrNull != null, features, frame, probs.get("1:"));
            }
            return result(frameIndex, probs, decision);
        }
    }

    private void checkSize(RgbImage image, LabelMask mask) {
        if (width < 0) {
            width = image.width();
            height = image.height();
            int multiple = backbone.padMultiple();
            paddedWidth = (width + multiple - 1) / multiple * multiple;
            paddedHeight = (height + multiple - 1) / multiple * multiple;
            // pad_divide_by: split evenly, the odd pixel at the bottom/right
            padLeft = (paddedWidth - width) / 2;
            padTop = (paddedHeight - height) / 2;
        } else if (image.width() != width || image.height() != height) {
            throw new IllegalArgumentException("Frame of " + image.width() + "x" + image.height()
                    + " differs from the sequence's " + width + "x" + height);
        }
        if (mask != null && (mask.width() != width || mask.height() != height)) {
            throw new IllegalArgumentException("Mask of " + mask.width() + "x" + mask.height()
                    + " differs from the frames' " + width + "x" + height);
        }
    }

    /** A backbone that returns another type than the session's breaks the precision contract: say so. */
    private NDArray checkType(String what, NDArray array) {
        if (array.getDataType() != type) {
            throw new IllegalStateException("Backbone '" + backbone.id() + "' returned its " + what + " as "
                    + array.getDataType() + " in a " + settings.device().precision() + " session (expected " + type
                    + ")");
        }
        return array;
    }

    /** uint8 to [0, 1] in the session's type directly (float64: no float32 step, as the official fp64 run). */
    private NDArray toImage(NDManager step, RgbImage image) {
        byte[] rgb = image.rgb();
        int plane = width * height;
        if (type == DataType.FLOAT64) {
            double[] chw = new double[3 * plane];
            for (int p = 0; p < plane; p++) {
                chw[p] = (rgb[3 * p] & 0xFF) / 255.0;
                chw[plane + p] = (rgb[3 * p + 1] & 0xFF) / 255.0;
                chw[2 * plane + p] = (rgb[3 * p + 2] & 0xFF) / 255.0;
            }
            return step.create(chw, new Shape(1, 3, height, width));
        }
        float[] chw = new float[3 * plane];
        for (int p = 0; p < plane; p++) {
            chw[p] = (rgb[3 * p] & 0xFF) / 255f;
            chw[plane + p] = (rgb[3 * p + 1] & 0xFF) / 255f;
            chw[2 * plane + p] = (rgb[3 * p + 2] & 0xFF) / 255f;
        }
        return step.create(chw, new Shape(1, 3, height, width));
    }

    private NDArray pad(NDArray x) {
        if (paddedWidth == width && paddedHeight == height) {
            return x;
        }
        // F.pad order: last axis first (left, right, top, bottom)
        return x.pad(new Shape(padLeft, paddedWidth - width - padLeft, padTop, paddedHeight - height - padTop), 0);
    }

    /**
     * STCN's {@code inference_core_yv.interact}: where the mask labels any object, all propagated
     * probabilities become 0; the objects in the mask take the mask's values.
     */
    private NDArray merge(NDManager step, NDArray objectProbs, LabelMask mask, List<Integer> ids, List<Integer> given) {
        int k = ids.size();
        int plane = paddedWidth * paddedHeight;
        float[] oneHot = new float[k * plane];
        float[] keep = new float[plane];
        java.util.Arrays.fill(keep, 1f);
        byte[] labels = mask.labels();
        int[] channelOf = new int[256];
        java.util.Arrays.fill(channelOf, -1);
        for (int c = 0; c < k; c++) {
            channelOf[ids.get(c)] = c;
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int label = labels[y * width + x] & 0xFF;
                if (label != 0 && label != LabelMask.VOID) {
                    int p = (y + padTop) * paddedWidth + x + padLeft;
                    oneHot[channelOf[label] * plane + p] = 1f;
                    keep[p] = 0f;
                }
            }
        }
        // 0 and 1 are exact in every type
        NDArray givenArray = step.create(oneHot, new Shape(k, 1, paddedHeight, paddedWidth)).toType(type, false);
        if (objectProbs == null) {
            return givenArray;
        }
        NDArray keepArray = step.create(keep, new Shape(1, 1, paddedHeight, paddedWidth)).toType(type, false);
        NDArray previous = objectProbs.mul(keepArray);
        long known = previous.getShape().get(0);
        if (known < k) {
            previous = previous.concat(step.zeros(new Shape(k - known, 1, paddedHeight, paddedWidth), type), 0);
        }
        NDList channels = new NDList();
        for (int c = 0; c < k; c++) {
            channels.add(given.contains(ids.get(c)) ? givenArray.get(c + ":" + (c + 1)) : previous.get(c + ":" + (c + 1)));
        }
        return NDArrays.concat(channels, 0);
    }

    private NDArray readAndDecode(NDManager step, FrameFeatures features) {
        NDArray key = features.key();
        Shape keyShape = key.getShape();
        long ck = keyShape.get(1);
        long h = keyShape.get(2);
        long w = keyShape.get(3);
        NDArray query = key.reshape(1, ck, h * w);
        // Objects with the same memory frames share one read (one affinity).
        Map<List<Integer>, List<Integer>> groups = new LinkedHashMap<>();
        for (int id : objects) {
            groups.computeIfAbsent(memoryOf(id), f -> new ArrayList<>()).add(id);
        }
        NDArray[] readouts = new NDArray[objects.size()];
        for (Map.Entry<List<Integer>, List<Integer>> group : groups.entrySet()) {
            List<MemoryFrame> frames = frames(group.getKey());
            NDArray memKeys = memoryKeys(group.getKey(), frames);
            NDArray memValues = memoryValues(group.getKey(), group.getValue(), frames);
            NDArray readout;
            try (NDArray affinity = similarity.similarityByQuery(memKeys, query);
                    MemoryReader.TopK top = MemoryReader.topKSoftmaxByQuery(affinity, settings.topK())) {
                readout = MemoryReader.readout(top, memValues, group.getValue().size());
                // DJL attaches a result to its first operand's manager: read from the memory, the
                // readout would land in the session's manager and so would everything decoded from
                // it, held until the session ends. It belongs to this step.
                readout.attach(step);
                if (policy.id().equals("bounded")) {
                    recordUsage(top, frames, h * w);
                }
            }
            long cv = readout.getShape().get(1);
            for (int i = 0; i < group.getValue().size(); i++) {
                readouts[objects.indexOf(group.getValue().get(i))] = readout.get(i).reshape(1, cv, h, w);
            }
            readout.close();
        }
        NDArray all = readouts.length == 1 ? readouts[0] : NDArrays.concat(new NDList(readouts), 0);
        try {
            return backbone.decode(features, all);
        } finally {
            all.close();
            if (readouts.length > 1) {
                for (NDArray r : readouts) {
                    r.close();
                }
            }
        }
    }

    /** @return positions in {@code permanent} (and -1 for the temporary frame) holding a value of the object */
    private List<Integer> memoryOf(int id) {
        List<Integer> result = new ArrayList<>();
        for (int i = 0; i < permanent.size(); i++) {
            if (permanent.get(i).values.containsKey(id)) {
                result.add(permanent.get(i).frameIndex);
            }
        }
        if (temporary != null && temporary.values.containsKey(id)) {
            result.add(-1 - temporary.frameIndex);
        }
        return result;
    }

    private List<MemoryFrame> frames(List<Integer> signature) {
        List<MemoryFrame> result = new ArrayList<>();
        for (int index : signature) {
            if (index < 0) {
                result.add(temporary);
            } else {
                for (MemoryFrame f : permanent) {
                    if (f.frameIndex == index) {
                        result.add(f);
                        break;
                    }
                }
            }
        }
        return result;
    }

    private NDArray memoryKeys(List<Integer> signature, List<MemoryFrame> frames) {
        NDArray cached = keyCache.get(signature);
        if (cached == null) {
            NDList keys = new NDList();
            frames.forEach(f -> keys.add(f.key));
            try (NDArray all = NDArrays.concat(keys, 1)) {
                cached = all.expandDims(0); // 1 x CK x THW
            }
            cached.attach(manager);
            keyCache.put(signature, cached);
        }
        return cached;
    }

    private NDArray memoryValues(List<Integer> signature, List<Integer> ids, List<MemoryFrame> frames) {
        List<Integer> cacheKey = new ArrayList<>(signature);
        cacheKey.add(Integer.MIN_VALUE);
        cacheKey.addAll(ids);
        NDArray cached = valueCache.get(cacheKey);
        if (cached == null) {
            NDList perObject = new NDList();
            for (int id : ids) {
                NDList values = new NDList();
                frames.forEach(f -> values.add(f.values.get(id)));
                try (NDArray all = NDArrays.concat(values, 1)) {
                    perObject.add(all.expandDims(0));
                }
            }
            try (NDArray all = NDArrays.concat(perObject, 0)) { // K x CV x THW
                cached = MemoryReader.byPosition(all); // THW x (K CV)
            }
            perObject.close();
            cached.attach(manager);
            valueCache.put(cacheKey, cached);
        }
        return cached;
    }

    private void invalidateCaches() {
        keyCache.values().forEach(NDArray::close);
        valueCache.values().forEach(NDArray::close);
        keyCache.clear();
        valueCache.clear();
    }

    /** Adds each memory frame's share of this read's weights (XMem/Cutie's usage) for the bounded policy. */
    private void recordUsage(MemoryReader.TopK top, List<MemoryFrame> frames, long positions) {
        double[] weights = top.weights().toType(DataType.FLOAT64, false).toDoubleArray();
        long[] indices = top.indices().toLongArray();
        double[] perFrame = new double[frames.size()];
        for (int i = 0; i < weights.length; i++) {
            perFrame[(int) (indices[i] / positions)] += weights[i];
        }
        for (int i = 0; i < frames.size(); i++) {
            frames.get(i).usage += perFrame[i];
            frames.get(i).reads++;
        }
    }

    private void memorize(int frameIndex, Decision decision, boolean annotated, FrameFeatures features,
            NDArray frame, NDArray objectProbs) {
        int k = (int) objectProbs.getShape().get(0);
        NDArray others;
        if (k == 1) {
            others = objectProbs.zerosLike();
        } else {
            NDList sums = new NDList();
            for (int i = 0; i < k; i++) {
                NDArray sum = null;
                for (int j = 0; j < k; j++) {
                    if (j != i) {
                        NDArray pj = objectProbs.get(j + ":" + (j + 1));
                        sum = sum == null ? pj : sum.add(pj);
                    }
                }
                sums.add(sum);
            }
            others = NDArrays.concat(sums, 0);
        }
        NDArray values = checkType("values", backbone.encodeValue(features, frame, objectProbs, others));
        Shape keyShape = features.key().getShape();
        long ck = keyShape.get(1);
        long positions = keyShape.get(2) * keyShape.get(3);
        long cv = values.getShape().get(1);
        NDArray key = features.key().reshape(ck, positions);
        key.attach(manager);
        MemoryFrame entry = new MemoryFrame(frameIndex, annotated, key);
        for (int i = 0; i < k; i++) {
            NDArray value = values.get(i).reshape(cv, positions);
            value.attach(manager);
            entry.values.put(objects.get(i), value);
        }
        if (temporary != null) {
            temporary.close();
            temporary = null;
        }
        if (decision == Decision.TEMPORARY) {
            temporary = entry;
        } else {
            permanent.add(entry);
            lastPermanentFrame = frameIndex;
            List<MemoryPolicy.FrameStats> stats = permanent.stream()
                    .map(f -> new MemoryPolicy.FrameStats(f.frameIndex, f.annotated, f.usage, f.reads)).toList();
            for (int drop : policy.evict(stats)) {
                permanent.removeIf(f -> {
                    if (f.frameIndex == drop) {
                        f.close();
                        return true;
                    }
                    return false;
                });
            }
        }
        invalidateCaches();
    }

    private StepResult result(int frameIndex, NDArray probs, Decision decision) {
        NDArray cropped = probs.get(new NDIndex(":, 0, {}:{}, {}:{}", padTop, padTop + height, padLeft, padLeft + width));
        int channels = objects.size() + 1;
        int plane = width * height;
        ProbabilityMap map = type == DataType.FLOAT64
                ? new ProbabilityMap(width, height, objects, cropped.toDoubleArray())
                : new ProbabilityMap(width, height, objects, cropped.toType(DataType.FLOAT32, false).toFloatArray());
        double[] data = map.isFloat64() ? map.doubleData() : null;
        float[] floats = map.isFloat64() ? null : map.data();
        byte[] labels = new byte[plane];
        for (int p = 0; p < plane; p++) {
            int best = 0;
            double bestValue = data != null ? data[p] : floats[p];
            for (int c = 1; c < channels; c++) {
                double v = data != null ? data[c * plane + p] : floats[c * plane + p];
                if (v > bestValue) { // strict: exact ties go to the lowest channel, as torch.argmax
                    best = c;
                    bestValue = v;
                }
            }
            labels[p] = (byte) (best == 0 ? 0 : objects.get(best - 1));
        }
        return new StepResult(frameIndex, new LabelMask(width, height, labels),
                map, List.copyOf(objects), decision);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            releaseMemory();
        } finally {
            onClose.run();
        }
    }

    private void releaseMemory() {
        invalidateCaches();
        permanent.forEach(MemoryFrame::close);
        permanent.clear();
        if (temporary != null) {
            temporary.close();
            temporary = null;
        }
        manager.close();
    }
}
