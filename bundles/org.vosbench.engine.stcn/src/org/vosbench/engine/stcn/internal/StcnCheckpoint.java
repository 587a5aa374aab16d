package org.vosbench.engine.stcn.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vosbench.core.InvalidInputException;
import org.vosbench.engine.djl.PthReader;
import org.vosbench.engine.djl.PthReader.Tensor;

/**
 * Loads and checks an STCN checkpoint: every expected key present with its exact shape, no
 * unknown key. A stage-0 checkpoint's 4-channel {@code value_encoder.conv1.weight} is padded
 * with zeros to 5 channels, as the official evaluation scripts do.
 */
final class StcnCheckpoint {

    private StcnCheckpoint() {
    }

    /**
     * @param file the {@code .pth} file
     * @return the tensors by key, checked
     * @throws InvalidInputException naming the file, the key, the expected and the found shape
     */
    static Map<String, Tensor> load(Path file) throws IOException {
        Map<String, Tensor> found = new LinkedHashMap<>(PthReader.readStateDict(file));
        Tensor conv1 = found.get("value_encoder.conv1.weight");
        if (conv1 != null && Arrays.equals(conv1.shape(), new long[] {64, 4, 7, 7})) {
            found.put(conv1.name(), padInputChannels(conv1, 5));
        }
        Map<String, long[]> expected = StcnSpec.expected();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            Tensor t = found.get(e.getKey());
            if (t == null) {
                if (!StcnSpec.isCounter(e.getKey())) {
                    problems.add("missing key '" + e.getKey() + "' (expected shape " + Arrays.toString(e.getValue()) + ")");
                }
            } else if (!Arrays.equals(t.shape(), e.getValue())) {
                problems.add("key '" + e.getKey() + "': expected shape " + Arrays.toString(e.getValue()) + ", found "
                        + t.shapeText());
            } else if (!StcnSpec.isCounter(e.getKey()) && t.data() == null) {
                problems.add("key '" + e.getKey() + "': expected a floating-point tensor, found " + t.dtype());
            }
        }
        for (String key : found.keySet()) {
            if (!expected.containsKey(key)) {
                problems.add("unexpected key '" + key + "' (shape " + found.get(key).shapeText() + ")");
            }
        }
        if (!problems.isEmpty()) {
            String shown = String.join("; ", problems.subList(0, Math.min(5, problems.size())));
            String more = problems.size() > 5 ? " (and " + (problems.size() - 5) + " more)" : "";
            throw new InvalidInputException(file, "not an STCN checkpoint: " + shown + more);
        }
        return found;
    }

    private static Tensor padInputChannels(Tensor weight, int channels) {
        long[] s = weight.shape();
        int out = (int) s[0];
        int in = (int) s[1];
        int k = (int) (s[2] * s[3]);
        float[] padded = new float[out * channels * k];
        for (int o = 0; o < out; o++) {
            System.arraycopy(weight.data(), o * in * k, padded, o * channels * k, in * k);
        }
        return new Tensor(weight.name(), new long[] {s[0], channels, s[2], s[3]}, weight.dtype(), padded);
    }
}
