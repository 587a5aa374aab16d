package org.vosbench.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vosbench.core.LabelMask;

class DavisMetricsTest {

    @Test
    void jaccardIsIntersectionOverUnion() {
        LabelMask gt = mask(4, 1, 1, 1, 0, 0);
        LabelMask result = mask(4, 1, 0, 1, 1, 0);

        assertEquals(1.0 / 3, DavisMetrics.jaccard(gt, result, 1), 1e-15);
    }

    @Test
    void jaccardOfAnObjectAbsentFromBothIsOne() {
        LabelMask gt = mask(3, 1, 0, 0, 0);

        assertEquals(1.0, DavisMetrics.jaccard(gt, gt.copy(), 1));
    }

    @Test
    void groundTruthVoidCountsAsBackground() {
        LabelMask gt = mask(4, 1, 1, 255, 0, 0);
        LabelMask result = mask(4, 1, 1, 1, 0, 0);

        // as the toolkit's semi-supervised evaluation: void is not excluded, it is background
        assertEquals(0.5, DavisMetrics.jaccard(gt, result, 1));
    }

    @Test
    void boundaryFOfIdenticalMasksIsOne() {
        LabelMask gt = square(100, 100, 20, 20, 10);

        assertEquals(1.0, DavisMetrics.boundaryF(gt, gt.copy(), 1));
    }

    @Test
    void boundaryFWhenNeitherMaskHasTheObjectIsOne() {
        LabelMask empty = LabelMask.empty(50, 50);

        assertEquals(1.0, DavisMetrics.boundaryF(empty, empty.copy(), 1));
    }

    @Test
    void boundaryFIsZeroWhenOnlyOneSideHasABoundary() {
        LabelMask object = square(50, 50, 10, 10, 5);
        LabelMask empty = LabelMask.empty(50, 50);

        // toolkit: no result boundary gives precision 1, recall 0; no ground-truth boundary the reverse
        assertEquals(0.0, DavisMetrics.boundaryF(object, empty, 1));
        assertEquals(0.0, DavisMetrics.boundaryF(empty, object, 1));
    }

    @Test
    void boundaryToleranceIsADiskNotASquare() {
        // 100x100: radius ceil(0.008 * 141.4) = 2. Boundary of a pixel (x, y): x-1..x, y-1..y.
        LabelMask gt = square(100, 100, 10, 10, 1);
        LabelMask diagonal = square(100, 100, 12, 12, 1);
        LabelMask beside = square(100, 100, 13, 10, 1);

        // only (11,11) to (10,10) is within distance 2; a square kernel would match more
        assertEquals(0.25, DavisMetrics.boundaryF(gt, diagonal, 1), 1e-15);
        // columns 12 and 10 are 2 apart: half of each boundary matches
        assertEquals(0.5, DavisMetrics.boundaryF(gt, beside, 1), 1e-15);
    }

    @Test
    void scoresEveryObjectOfAFrame() {
        LabelMask gt = mask(4, 1, 1, 2, 2, 0);
        LabelMask result = mask(4, 1, 1, 1, 2, 0);

        FrameScores scores = DavisMetrics.score(gt, result, 3);

        assertEquals(0.5, scores.jaccard()[0]);
        assertEquals(0.5, scores.jaccard()[1]);
        assertEquals(1.0, scores.jaccard()[2]);
        assertEquals(1.0, scores.boundaryF()[2]);
    }

    @Test
    void sequenceSkipsFirstAndLastFramesAndTakesObjectsFromTheFirst() {
        LabelMask first = mask(2, 1, 1, 2);
        LabelMask gt = mask(2, 1, 1, 0);
        LabelMask wrong = mask(2, 1, 0, 1);

        SequenceResult result = DavisMetrics.evaluateSequence("s", List.of("a", "b", "c"),
                List.of(first, gt, first), java.util.Arrays.asList(null, wrong, null));

        assertEquals(List.of("b"), result.frames());
        assertEquals(2, result.objects().size());
        assertEquals(0.0, result.objects().get(0).jaccard()[0]);
        // object 2 is in neither mask of frame b
        assertEquals(1.0, result.objects().get(1).jaccard()[0]);
    }

    @Test
    void rejectsMasksOfDifferentSizes() {
        assertThrows(IllegalArgumentException.class,
                () -> DavisMetrics.score(LabelMask.empty(4, 4), LabelMask.empty(4, 5), 1));
    }

    static LabelMask mask(int width, int height, int... labels) {
        byte[] bytes = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            bytes[i] = (byte) labels[i];
        }
        return new LabelMask(width, height, bytes);
    }

    static LabelMask square(int width, int height, int x0, int y0, int size) {
        LabelMask mask = LabelMask.empty(width, height);
        for (int y = y0; y < y0 + size; y++) {
            for (int x = x0; x < x0 + size; x++) {
                mask.set(x, y, 1);
            }
        }
        return mask;
    }
}
