package org.vosbench.interaction.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** MiVOS's aggregate_wbg on hand-computed cases. */
class WbgAggregationTest {

    @Test
    void oneObjectIsSharpenedAgainstItsComplement() {
        // bg = 1 - 0.8 = 0.2; odds 0.25 and 4; softmax of the logits = 1/17, 16/17
        double[][] out = WbgAggregation.aggregate(new double[][] {{0.8}}, false);
        assertEquals(1.0 / 17, out[0][0], 1e-12);
        assertEquals(16.0 / 17, out[1][0], 1e-12);
    }

    @Test
    void twoHalfObjectsShareWithABackgroundOfAQuarter() {
        // bg = 0.5 * 0.5 = 0.25 -> odds 1/3; objects odds 1 each: 1/7, 3/7, 3/7
        double[][] out = WbgAggregation.aggregate(new double[][] {{0.5}, {0.5}}, false);
        assertEquals(1.0 / 7, out[0][0], 1e-12);
        assertEquals(3.0 / 7, out[1][0], 1e-12);
        assertEquals(3.0 / 7, out[2][0], 1e-12);
    }

    @Test
    void hardLabelsPickTheLikeliestChannelAndTheLowerOnATie() {
        double[][] p = {{0.9, 0.1, 0.5, 0.3}, {0.2, 0.1, 0.5, 0.6}};
        // pixel 1: bg = 0.81 wins; pixel 2: tie of the objects -> object channel 1
        assertArrayEquals(new int[] {1, 0, 1, 2}, WbgAggregation.labels(p));
    }

    @Test
    void clampingKeepsCertainPixelsFinite() {
        double[][] out = WbgAggregation.aggregate(new double[][] {{1.0}, {0.0}}, true);
        assertEquals(1.0, out[1][0], 1e-9);
        assertEquals(0.0, out[2][0], 1e-9);
    }
}
