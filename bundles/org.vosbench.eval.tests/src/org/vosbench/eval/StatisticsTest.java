package org.vosbench.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatisticsTest {

    @Test
    void decayBinsOfA50FrameSequence() {
        // 48 scored frames: round(linspace(1, 48, 5) + 1e-10) - 1 = [0, 12, 24, 35, 47] (24.5 rounds up)
        assertArrayEquals(new int[] {0, 12, 24, 35, 47}, Statistics.decayBinIndices(48));
        assertArrayEquals(new int[] {0, 24, 48, 72, 96}, Statistics.decayBinIndices(97));
    }

    @Test
    void decayBinIndicesWrapAsTheToolkitsUint8() {
        // 300 frames: [0, 75, 150, 224, 299] stored as uint8, so 299 becomes 43
        assertArrayEquals(new int[] {0, 75, 150, 224, 43}, Statistics.decayBinIndices(300));
    }

    @Test
    void meanRecallAndDecayOfFourFrames() {
        // bins [0:2] and [2:4]: decay = mean(1, 1) - mean(0, 0)
        Statistics stats = Statistics.of(new double[] {1, 1, 0, 0});

        assertEquals(0.5, stats.mean());
        assertEquals(0.5, stats.recall());
        assertEquals(1.0, stats.decay());
    }

    @Test
    void recallCountsFramesStrictlyAboveOneHalf() {
        assertEquals(0.25, Statistics.of(new double[] {0.5, 0.51, 0.2, 0.5}).recall());
    }

    @Test
    void meanIgnoresNaN() {
        assertEquals(0.5, Statistics.of(new double[] {Double.NaN, 0.25, 0.75}).mean());
    }

    @Test
    void decayOfALongSequenceIsNaNAsTheToolkitsWrappedBins() {
        double[] values = new double[300];
        java.util.Arrays.fill(values, 0.5);

        assertTrue(Double.isNaN(Statistics.of(values).decay()));
    }
}
