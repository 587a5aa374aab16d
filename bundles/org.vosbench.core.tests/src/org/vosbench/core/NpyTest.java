package org.vosbench.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {

    @TempDir
    Path dir;

    @Test
    void float32PlanesRoundTrip() throws IOException {
        Path file = dir.resolve("prob.npy");
        float[][] planes = {{0.25f, 0.5f, 1f, 0f, 0.125f, 1f}, {0.75f, 0.5f, 0f, 1f, 0.875f, 0f}};

        Npy.writeFloat32(file, planes, 2, 3);
        Npy.NpyArray read = Npy.read(file);

        assertEquals("<f4", read.dtype());
        assertArrayEquals(new int[] {2, 2, 3}, read.shape());
        assertEquals(0.875f, read.get(1, 1, 1));
        assertEquals(1f, read.get(0, 0, 2));
    }

    @Test
    void float64RoundTripsExactly() throws IOException {
        Path file = dir.resolve("p64.npy");
        double[] values = {0.1, 1e-300, 1 - 1e-16, Math.PI, 0, 1};

        Npy.writeFloat64(file, new int[] {1, 2, 3}, values);
        Npy.Float64Array read = Npy.readFloat64(file);
        byte[] bytes = Files.readAllBytes(file);
        int headerLength = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
        String header = new String(bytes, 10, headerLength, StandardCharsets.ISO_8859_1);

        assertTrue(header.contains("'descr': '<f8'"), header);
        assertEquals(0, (10 + headerLength) % 64);
        assertEquals(10 + headerLength + 6 * 8, bytes.length);
        assertArrayEquals(new int[] {1, 2, 3}, read.shape());
        assertArrayEquals(values, read.data());
    }

    @Test
    void float32ReadsAsExactDoubles() throws IOException {
        Path file = dir.resolve("p32.npy");

        Npy.writeFloat32(file, new int[] {2}, new float[] {0.1f, 3f});

        assertArrayEquals(new double[] {0.1f, 3}, Npy.readFloat64(file).data());
    }

    @Test
    void headerIsAlignedAsNumpyWritesIt() throws IOException {
        Path file = dir.resolve("a.npy");

        Npy.writeFloat32(file, new int[] {3}, new float[] {1, 2, 3});

        byte[] bytes = Files.readAllBytes(file);
        int headerLength = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
        assertEquals(0, (10 + headerLength) % 64);
        String header = new String(bytes, 10, headerLength, StandardCharsets.ISO_8859_1);
        assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }"), header);
        assertEquals(10 + headerLength + 12, bytes.length);
    }

    @Test
    void readsUint8WrittenByNumpy() throws IOException {
        // np.save of np.array([[0, 7], [255, 1]], dtype=np.uint8), header written out by hand
        String dict = "{'descr': '|u1', 'fortran_order': False, 'shape': (2, 2), }";
        String text = dict + " ".repeat(128 - 10 - dict.length() - 1) + "\n";
        byte[] header = text.getBytes(StandardCharsets.ISO_8859_1);
        byte[] bytes = new byte[10 + header.length + 4];
        System.arraycopy(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length, 0}, 0, bytes,
                0, 10);
        System.arraycopy(header, 0, bytes, 10, header.length);
        System.arraycopy(new byte[] {0, 7, (byte) 255, 1}, 0, bytes, 10 + header.length, 4);
        Path file = dir.resolve("u8.npy");
        Files.write(file, bytes);

        Npy.NpyArray read = Npy.read(file);

        assertArrayEquals(new int[] {2, 2}, read.shape());
        assertArrayEquals(new float[] {0, 7, 255, 1}, read.data());
    }

    @Test
    void truncatedNpyNamesTheFile() throws IOException {
        Path file = dir.resolve("t.npy");
        Npy.writeFloat32(file, new int[] {4}, new float[] {1, 2, 3, 4});
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Npy.read(file));

        assertEquals(file, e.file());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
}
