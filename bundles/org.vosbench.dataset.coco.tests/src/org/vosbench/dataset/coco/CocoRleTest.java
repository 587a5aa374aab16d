package org.vosbench.dataset.coco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.vosbench.core.LabelMask;

/**
 * COCO RLE against strings from pycocotools' mask tests (the 20x20 box masks of {@code frBbox},
 * the uncompressed-to-compressed case and the zero-leading counts, as carried by
 * faster_coco_eval's {@code tests/test_mask.py}) and against {@link IndependentRle}, a decoder
 * written separately from the format's definition.
 */
class CocoRleTest {

    /** pycocotools: box [x, y, w, h] on a 20x20 image and its compressed RLE. */
    private static final Object[][] BOXES = {
        {new int[] {3, 5, 4, 1}, "Q21c000000o7"},
        {new int[] {5, 3, 3, 5}, "W35?000]7"},
        {new int[] {8, 5, 8, 5}, "U55?0000000000000[2"},
        {new int[] {3, 4, 7, 3}, "P23a000000000000T6"},
        {new int[] {2, 5, 2, 7}, "]17=0k9"},
        {new int[] {8, 1, 9, 9}, "Q59;000000000000000k1"},
        {new int[] {8, 1, 9, 6}, "Q56>000000000000000k1"},
        {new int[] {7, 1, 9, 4}, "]44`0000000000000000_2"},
        {new int[] {4, 5, 4, 5}, "e25?00000[7"},
        {new int[] {2, 4, 5, 4}, "\\14`00000000P8"},
    };

    @Test
    void encodesBoxMasksAsPycocotools() {
        for (Object[] box : BOXES) {
            int[] b = (int[]) box[0];
            LabelMask mask = LabelMask.empty(20, 20);
            for (int y = b[1]; y < b[1] + b[3]; y++) {
                for (int x = b[0]; x < b[0] + b[2]; x++) {
                    mask.set(x, y, 7);
                }
            }

            CocoRle rle = CocoRle.encode(mask, 7);

            assertEquals(box[1], rle.compressed(), "box " + java.util.Arrays.toString(b));
            assertArrayEquals(new long[] {b[0], b[1], b[2], b[3]}, rle.bbox());
            assertEquals(b[2] * b[3], rle.area());
        }
    }

    @Test
    void decodesBoxStringsToTheBoxes() {
        for (Object[] box : BOXES) {
            int[] b = (int[]) box[0];
            CocoRle rle = CocoRle.fromCompressed(20, 20, (String) box[1]);
            LabelMask painted = LabelMask.empty(20, 20);
            rle.paint(painted, 1);
            for (int y = 0; y < 20; y++) {
                for (int x = 0; x < 20; x++) {
                    boolean inside = x >= b[0] && x < b[0] + b[2] && y >= b[1] && y < b[1] + b[3];
                    assertEquals(inside ? 1 : 0, painted.get(x, y), "(" + x + ", " + y + ") of " + box[1]);
                }
            }
        }
    }

    @Test
    void compressesUncompressedCountsAsPycocotools() {
        long[] counts = {0, 5, 5, 5, 5, 2, 3, 5, 2, 3, 5, 2, 3, 55};

        assertEquals("05500MN3ON3ONe1", CocoRle.toCompressedString(counts));
        assertArrayEquals(counts, CocoRle.fromCompressedString("05500MN3ON3ONe1"));
    }

    @Test
    void zeroLeadingStringKeepsItsBoxThroughDecodeAndEncode() {
        CocoRle rle = CocoRle.fromCompressed(1350, 1080, ZERO_LEADING);
        LabelMask mask = LabelMask.empty(1080, 1350);
        rle.paint(mask, 1);

        CocoRle again = CocoRle.encode(mask, 1);

        assertArrayEquals(rle.bbox(), again.bbox());
        assertEquals(rle.area(), again.area());
        assertArrayEquals(IndependentRle.decode(1350, 1080, ZERO_LEADING), IndependentRle.decode(1350, 1080, again.compressed()));
    }

    @Test
    void rejectsStringsThatAreNotCompressedRle() {
        assertThrows(IllegalArgumentException.class, () -> CocoRle.fromCompressed(20, 20, "Q21c000000o")); // short by 7
        assertThrows(IllegalArgumentException.class, () -> CocoRle.fromCompressedString("Q2~"));
        assertThrows(IllegalArgumentException.class, () -> CocoRle.fromCompressedString("Q")); // ends mid-count
    }

    @Test
    void randomMasksAgreeWithTheIndependentDecoder() {
        Random random = new Random(13);
        for (int trial = 0; trial < 200; trial++) {
            int w = 1 + random.nextInt(40);
            int h = 1 + random.nextInt(40);
            LabelMask mask = LabelMask.empty(w, h);
            double density = random.nextDouble();
            for (int i = 0; i < w * h; i++) {
                mask.labels()[i] = (byte) (random.nextDouble() < density ? 3 : random.nextInt(3));
            }

            String counts = CocoRle.encode(mask, 3).compressed();

            boolean[] decoded = IndependentRle.decode(h, w, counts);
            for (int i = 0; i < w * h; i++) {
                assertEquals((mask.labels()[i] & 0xFF) == 3, decoded[i], "pixel " + i + " of trial " + trial);
            }
        }
    }

    static final String ZERO_LEADING = "000lg0Zb01O00001O00001O001O00001O00001O001O00001O01O2N3M3M3M2N3M3N2M3M2N1O1O1O1O2N1O1O1O2N1O1O101N1O1O1O2N1O1O1O2N3M2N1O2N1O2O0O2N1O1O2N1O2N1O2N1O2N1O2N1O2O0O2N1O3M2N1O2N2N2N2N2N1O2N2N2N2N1O2N2N2N2N2N1N3N2N00O1O1O1O100000000000000O100000000000000001O0000001O00001O0O5L7I5K4L4L3M2N2N2N1O2m]OoXOm`0Sg0j^OVYOTa0lf0c^O]YO[a0ef0\\^OdYOba0bg0N2N2N2N2N2N2N2N2N2N2N2N2N2N2N2N2N3M2M4M2N3M2N3M2N3M2N3M2N3M2N3M2N3M2N3M2M4M2N2N3M2M4M2N2N3M2M3N3M2N3M2M3N3M2N2N3L3N2N3M2N3L3N2N3M5J4M3M4L3M3L5L3M3M4L3L4\\EXTOd6jo0K6J5K6I4M1O1O1O1N2O1O1O001N2O00001O0O101O000O2O00001N101N101N2N101N101N101N2O0O2O0O2O0O2O1N101N2N2O1N2O1N2O1N101N2O1N2O1N2O0O2O1N2N2O1N2O0O2O1N2O1N2N2N1N4M2N2M4M2N3L3N2N3L3N3L3N2N3L3N2N3L3M4L3M3M4L3M5K5K5K6J5K5K6J7I7I7Ibijn0";

}
