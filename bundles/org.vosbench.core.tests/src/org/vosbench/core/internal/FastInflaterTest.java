package org.vosbench.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;

import org.junit.jupiter.api.Test;

/** Property: whatever java.util.zip's Deflater writes, FastInflater restores byte for byte. */
class FastInflaterTest {

    @Test
    void inflatesWhatDeflaterWritesAtEveryLevelAndStrategy() throws DataFormatException {
        Random random = new Random(11);
        for (int trial = 0; trial < 60; trial++) {
            byte[] data = sample(random, 1 + random.nextInt(300_000));
            int level = trial % 10;
            int strategy = new int[] {Deflater.DEFAULT_STRATEGY, Deflater.FILTERED, Deflater.HUFFMAN_ONLY}[trial % 3];

            byte[] compressed = deflate(data, level, strategy);
            byte[] out = new byte[data.length];
            int produced = FastInflater.inflate(compressed, 0, compressed.length, out);

            assertEquals(data.length, produced, "trial " + trial);
            assertArrayEquals(data, out, "trial " + trial + " level " + level + " strategy " + strategy);
        }
    }

    @Test
    void stopsWhenTheOutputIsFull() throws DataFormatException {
        byte[] data = sample(new Random(5), 50_000);
        byte[] compressed = deflate(data, 6, Deflater.DEFAULT_STRATEGY);
        byte[] out = new byte[1000];

        assertEquals(1000, FastInflater.inflate(compressed, 0, compressed.length, out));
        assertArrayEquals(Arrays.copyOf(data, 1000), out);
    }

    @Test
    void rejectsTruncatedAndCorruptStreams() {
        byte[] data = sample(new Random(9), 100_000);
        byte[] compressed = deflate(data, 6, Deflater.DEFAULT_STRATEGY);
        byte[] out = new byte[data.length];

        assertThrows(DataFormatException.class,
                () -> FastInflater.inflate(compressed, 0, compressed.length / 2, out));
        byte[] badHeader = compressed.clone();
        badHeader[0] = 0x79;
        assertThrows(DataFormatException.class, () -> FastInflater.inflate(badHeader, 0, badHeader.length, out));
    }

    /** Mask-like data: runs of a few labels, with noise and repeated rows. */
    private static byte[] sample(Random random, int size) {
        byte[] data = new byte[size];
        int i = 0;
        while (i < size) {
            int run = 1 + random.nextInt(random.nextBoolean() ? 4 : 900);
            byte value = (byte) (random.nextInt(8) == 0 ? random.nextInt(256) : random.nextInt(4));
            int n = Math.min(run, size - i);
            if (random.nextInt(5) == 0 && i > 855) {
                System.arraycopy(data, i - 855, data, i, n);
            } else {
                Arrays.fill(data, i, i + n, value);
            }
            i += n;
        }
        return data;
    }

    private static byte[] deflate(byte[] data, int level, int strategy) {
        Deflater deflater = new Deflater(level);
        deflater.setStrategy(strategy);
        deflater.setInput(data);
        deflater.finish();
        byte[] buffer = new byte[data.length + 1024];
        int n = 0;
        while (!deflater.finished()) {
            n += deflater.deflate(buffer, n, buffer.length - n);
            if (n == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
        }
        deflater.end();
        return Arrays.copyOf(buffer, n);
    }
}
