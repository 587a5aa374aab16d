package org.vosbench.interaction.s2m.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.vosbench.core.InvalidInputException;
import org.vosbench.engine.djl.PthReader;
import org.vosbench.engine.djl.PthReader.Tensor;

/** Loads and checks {@code s2m.pth}: every expected key present with its exact shape, no unknown key. */
final class S2mCheckpoint {

    private S2mCheckpoint() {
    }

    /**
     * @param file the {@code .pth} file
     * @return the tensors by key, checked
     * @throws InvalidInputException naming the file, the key, the expected and the found shape
     */
    static Map<String, Tensor> load(Path file) throws IOException {
        Map<String, Tensor> found = PthReader.readStateDict(file);
        Map<String, long[]> expected = S2mSpec.expected();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            Tensor t = found.get(e.getKey());
            if (t == null) {
                if (!S2mSpec.isCounter(e.getKey())) {
                    problems.add("missing key '" + e.getKey() + "' (expected shape " + Arrays.toString(e.getValue()) + ")");
                }
            } else if (!Arrays.equals(t.shape(), e.getValue())) {
                problems.add("key '" + e.getKey() + "': expected shape " + Arrays.toString(e.getValue()) + ", found "
                        + t.shapeText());
            } else if (!S2mSpec.isCounter(e.getKey()) && t.data() == null) {
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
            throw new InvalidInputException(file, "not a MiVOS s2m.pth checkpoint: " + shown + more);
        }
        return found;
    }
}
