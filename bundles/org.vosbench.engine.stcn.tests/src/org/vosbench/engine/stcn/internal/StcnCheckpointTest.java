package org.vosbench.engine.stcn.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosbench.core.InvalidInputException;
import org.vosbench.engine.djl.PthReader;
import org.vosbench.engine.djl.PthReader.Tensor;

/** Reading and checking STCN checkpoints: the fixture's state_dict and broken variants of it. */
class StcnCheckpointTest {

    private static Map<String, Tensor> fixture;

    @TempDir
    Path dir;

    @BeforeAll
    static void readFixture() throws IOException {
        fixture = PthReader.readStateDict(SharedFiles.weights());
    }

    @Test
    void readsTheOfficialLayoutWithAll405Tensors() throws IOException {
        Map<String, Tensor> loaded = StcnCheckpoint.load(SharedFiles.weights());

        assertEquals(405, loaded.size());
        assertArrayEquals(new long[] {64, 3, 7, 7}, loaded.get("key_encoder.conv1.weight").shape());
        assertArrayEquals(new long[] {64, 5, 7, 7}, loaded.get("value_encoder.conv1.weight").shape());
        assertArrayEquals(new long[] {64, 1024, 3, 3}, loaded.get("key_proj.key_proj.weight").shape());
        assertArrayEquals(new long[] {512, 1024, 3, 3}, loaded.get("key_comp.weight").shape());
    }

    @Test
    void readsAStateDictNestedInATrainingCheckpoint() throws IOException {
        Path file = dir.resolve("checkpoint.pth");
        TorchZipWriter.write(file, fixture, "network");

        Map<String, Tensor> loaded = StcnCheckpoint.load(file);

        assertArrayEquals(fixture.get("decoder.pred.weight").data(), loaded.get("decoder.pred.weight").data());
    }

    @Test
    void padsAStageZeroValueEncoderWithAZeroChannel() throws IOException {
        Map<String, Tensor> stage0 = new LinkedHashMap<>(fixture);
        Tensor conv1 = fixture.get("value_encoder.conv1.weight");
        float[] four = new float[64 * 4 * 49];
        for (int o = 0; o < 64; o++) {
            System.arraycopy(conv1.data(), o * 5 * 49, four, o * 4 * 49, 4 * 49);
        }
        stage0.put(conv1.name(), new Tensor(conv1.name(), new long[] {64, 4, 7, 7}, "Float", four));
        Path file = dir.resolve("stage0.pth");
        TorchZipWriter.write(file, stage0, null);

        float[] padded = StcnCheckpoint.load(file).get("value_encoder.conv1.weight").data();

        for (int o = 0; o < 64; o++) {
            assertArrayEquals(Arrays.copyOfRange(four, o * 4 * 49, (o + 1) * 4 * 49),
                    Arrays.copyOfRange(padded, o * 5 * 49, o * 5 * 49 + 4 * 49));
            assertArrayEquals(new float[49], Arrays.copyOfRange(padded, o * 5 * 49 + 4 * 49, (o + 1) * 5 * 49));
        }
    }

    @Test
    void rejectsAMissingKeyNamingIt() throws IOException {
        Map<String, Tensor> broken = new LinkedHashMap<>(fixture);
        broken.remove("decoder.pred.bias");
        Path file = dir.resolve("missing.pth");
        TorchZipWriter.write(file, broken, null);

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> StcnCheckpoint.load(file));

        assertTrue(e.getMessage().contains("missing.pth"), e.getMessage());
        assertTrue(e.getMessage().contains("missing key 'decoder.pred.bias' (expected shape [1])"), e.getMessage());
    }

    @Test
    void rejectsAnExtraKeyNamingIt() throws IOException {
        Map<String, Tensor> broken = new LinkedHashMap<>(fixture);
        broken.put("decoder.extra.weight", new Tensor("decoder.extra.weight", new long[] {2}, "Float", new float[2]));
        Path file = dir.resolve("extra.pth");
        TorchZipWriter.write(file, broken, null);

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> StcnCheckpoint.load(file));

        assertTrue(e.getMessage().contains("unexpected key 'decoder.extra.weight' (shape [2])"), e.getMessage());
    }

    @Test
    void rejectsAWrongShapeWithExpectedAndFound() throws IOException {
        Map<String, Tensor> broken = new LinkedHashMap<>(fixture);
        broken.put("key_proj.key_proj.bias", new Tensor("key_proj.key_proj.bias", new long[] {32}, "Float", new float[32]));
        Path file = dir.resolve("shape.pth");
        TorchZipWriter.write(file, broken, null);

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> StcnCheckpoint.load(file));

        assertTrue(e.getMessage().contains("key 'key_proj.key_proj.bias': expected shape [64], found [32]"),
                e.getMessage());
    }

    @Test
    void rejectsATruncatedFile() throws IOException {
        byte[] whole = Files.readAllBytes(SharedFiles.weights());
        Path file = dir.resolve("truncated.pth");
        Files.write(file, Arrays.copyOf(whole, whole.length / 2));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> StcnCheckpoint.load(file));

        assertEquals(file, e.file());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void rejectsAFileThatIsNotAZipArchive() throws IOException {
        Path file = dir.resolve("notes.pth");
        Files.writeString(file, "not a checkpoint", StandardCharsets.US_ASCII);

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> StcnCheckpoint.load(file));

        assertTrue(e.getMessage().contains("notes.pth") && e.getMessage().contains("not a PyTorch checkpoint"),
                e.getMessage());
    }

    @Test
    void rejectsAMissingFile() {
        Path file = dir.resolve("absent.pth");

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> StcnCheckpoint.load(file));

        assertTrue(e.getMessage().contains("absent.pth") && e.getMessage().contains("not found"), e.getMessage());
    }
}
