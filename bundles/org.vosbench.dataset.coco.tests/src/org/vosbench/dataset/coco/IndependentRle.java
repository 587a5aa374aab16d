package org.vosbench.dataset.coco;

import java.util.ArrayList;
import java.util.List;

/**
 * A second COCO RLE decoder for the tests, written from the format's definition and not from
 * {@link CocoRle}: each character is {@code 48 + v}, {@code v} a 6-bit value whose low 5 bits are
 * a little-endian digit of a signed count and whose bit 5 says another digit follows; the last
 * digit's bit 4 is the sign. From the fourth count on a count is stored as its difference to the
 * count two places before. The runs cover the image column by column, top to bottom, starting
 * with background.
 */
final class IndependentRle {

    private IndependentRle() {
    }

    /** @return row-major foreground flags */
    static boolean[] decode(int height, int width, String compressed) {
        List<Long> counts = new ArrayList<>();
        List<Integer> digits = new ArrayList<>();
        for (char ch : compressed.toCharArray()) {
            int v = ch - '0';
            digits.add(v & 31);
            if ((v & 32) == 0) {
                long value = 0;
                for (int k = digits.size() - 1; k >= 0; k--) {
                    value = value * 32 + digits.get(k);
                }
                if ((digits.get(digits.size() - 1) & 16) != 0) {
                    value -= 1L << (5 * digits.size()); // two's complement over the digits read
                }
                if (counts.size() > 2) {
                    value += counts.get(counts.size() - 2);
                }
                counts.add(value);
                digits.clear();
            }
        }
        boolean[] mask = new boolean[height * width];
        int column = 0;
        int row = 0;
        boolean foreground = false;
        for (long run : counts) {
            for (long i = 0; i < run; i++) {
                mask[row * width + column] = foreground;
                if (++row == height) {
                    row = 0;
                    column++;
                }
            }
            foreground = !foreground;
        }
        if (column != width || row != 0) {
            throw new IllegalArgumentException("runs cover " + (column * height + row) + " of " + height * width + " pixels");
        }
        return mask;
    }
}
