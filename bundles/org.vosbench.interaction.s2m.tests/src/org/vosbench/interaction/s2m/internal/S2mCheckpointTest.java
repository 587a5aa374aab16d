package org.vosbench.interaction.s2m.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosbench.core.InvalidInputException;

/** s2m.pth is checked key by key; a wrong or truncated file is refused with its name. */
class S2mCheckpointTest {

    @Test
    void readsExactlyTheKeysOfMivosDeeplabV3Plus() throws IOException {
        assertEquals(S2mSpec.expected().keySet(), S2mCheckpoint.load(S2mFixture.weights()).keySet());
    }

    @Test
    void rejectsATruncatedFileNamingIt(@TempDir Path dir) throws IOException {
        byte[] bytes = Files.readAllBytes(S2mFixture.weights());
        Path truncated = dir.resolve("s2m.pth");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> S2mCheckpoint.load(truncated));
        assertTrue(e.getMessage().startsWith(truncated.toString()), e.getMessage());
    }

    @Test
    void rejectsTheStcnCheckpointNamingAMissingKey(@TempDir Path dir) throws IOException {
        Path stcn = dir.resolve("stcn.pth");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(
                S2mFixture.dir().resolveSibling("stcn-parity").resolve("weights.pth.gz")))) {
            Files.copy(in, stcn);
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> S2mCheckpoint.load(stcn));
        assertTrue(e.getMessage().contains("stcn.pth") && e.getMessage().contains("missing key 'backbone.conv1.weight'"),
                e.getMessage());
    }
}
