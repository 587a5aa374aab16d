package org.vosbench.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosbench.engine.djl.PthReader;
import org.vosbench.testing.SharedData;

class TorchSaveTest {

    @TempDir
    Path temp;

    @Test
    void stateDictReadsBackWithTheEnginesReaderInKeyOrder() throws IOException {
        Map<String, TorchSave.Tensor> tensors = new LinkedHashMap<>();
        tensors.put("b.weight", new TorchSave.Tensor(new long[] {2, 3}, new double[] {1, -2, 3.5, 4, 5, 6.25}, false));
        tensors.put("a.bias", new TorchSave.Tensor(new long[] {2}, new double[] {0.1, -1e-3}, true));
        Path file = temp.resolve("w.pth");

        TorchSave.write(file, "w", new TorchSave.StateDict(tensors));

        Map<String, PthReader.Tensor> read = PthReader.readStateDict(file);
        assertEquals(List.of("b.weight", "a.bias"), List.copyOf(read.keySet()));
        assertArrayEquals(new long[] {2, 3}, read.get("b.weight").shape());
        assertArrayEquals(new float[] {1, -2, 3.5f, 4, 5, 6.25f}, read.get("b.weight").data());
        assertEquals("Double", read.get("a.bias").dtype());
        assertArrayEquals(new float[] {0.1f, -1e-3f}, read.get("a.bias").data());
    }

    @Test
    void recordsStartAtMultiplesOf64BytesAsTorchWritesThem() throws IOException {
        Map<String, TorchSave.Tensor> tensors = new LinkedHashMap<>();
        tensors.put("x", new TorchSave.Tensor(new long[] {3}, new double[] {1, 2, 3}, false));
        tensors.put("a.longer.name", new TorchSave.Tensor(new long[] {1}, new double[] {7}, false));
        Path file = temp.resolve("aligned.pth");

        TorchSave.write(file, "aligned", new TorchSave.StateDict(tensors));

        byte[] bytes = Files.readAllBytes(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (String name : List.of("aligned/data/0", "aligned/data/1")) {
                ZipEntry e = zip.getEntry(name);
                int start = indexOf(bytes, name.getBytes()) + name.length() + e.getExtra().length;
                assertEquals(0, start % 64, name + " starts at " + start);
            }
        }
    }

    @Test
    void checkpointNestingTheNetworkIsReadAsItsStateDict() throws IOException {
        Path weights = temp.resolve("fixture.pth");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(shared().resolve("fixtures/stcn-train/weights.pth.gz")))) {
            Files.copy(in, weights);
        }
        Map<String, PthReader.Tensor> original = PthReader.readStateDict(weights);
        Map<String, TorchSave.Tensor> tensors = new LinkedHashMap<>();
        original.forEach((k, t) -> {
            if (t.data() != null) {
                double[] v = new double[t.data().length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = t.data()[i];
                }
                tensors.put(k, new TorchSave.Tensor(t.shape(), v, false));
            }
        });
        Map<String, Object> checkpoint = new LinkedHashMap<>();
        checkpoint.put("it", 7);
        checkpoint.put("network", new TorchSave.StateDict(tensors));
        Path file = temp.resolve("checkpoint.pth");

        TorchSave.write(file, "checkpoint", checkpoint);

        Map<String, PthReader.Tensor> read = PthReader.readStateDict(file);
        assertEquals(List.copyOf(tensors.keySet()), List.copyOf(read.keySet()));
        for (String key : tensors.keySet()) {
            assertArrayEquals(original.get(key).data(), read.get(key).data(), key);
        }
        assertTrue(read.size() > 200);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static Path shared() {
        return SharedData.shared();
    }
}
