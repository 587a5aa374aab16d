package org.vosbench.eval.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FrameScorerTest {

    private final FrameScorer scorer = new FrameScorer();

    @Test
    void boundaryOfASinglePixelIsItAndItsNorthAndWestNeighbours() {
        boolean[] seg = grid(4, 4, 1, 1);

        boolean[] boundary = scorer.seg2bmap(seg, 4, 4);

        // a pixel is a boundary when it differs from its east, south or south-east neighbour
        assertArrayEquals(grid(4, 4, 0, 0, 1, 0, 0, 1, 1, 1), boundary);
    }

    @Test
    void lastColumnComparesOnlyWithTheSouthAndTheCornerIsNeverBoundary() {
        boolean[] seg = grid(3, 3, 2, 0, 2, 1, 2, 2);

        boolean[] boundary = scorer.seg2bmap(seg, 3, 3);

        // column 1 differs from its east neighbour; column 2 equals its south neighbour; (2,2) is the corner
        assertArrayEquals(grid(3, 3, 1, 0, 1, 1, 1, 2), boundary);
    }

    @Test
    void topRightPixelIsBoundaryThroughItsSouthNeighbour() {
        boolean[] boundary = scorer.seg2bmap(grid(3, 3, 2, 0), 3, 3);

        assertArrayEquals(grid(3, 3, 1, 0, 2, 0), boundary);
    }

    @Test
    void lastRowComparesOnlyWithTheEast() {
        boolean[] boundary = scorer.seg2bmap(grid(3, 3, 0, 2), 3, 3);

        // (0,1) sees the pixel south of it; (0,2) differs from its east neighbour
        assertArrayEquals(grid(3, 3, 0, 1, 0, 2), boundary);
    }

    @Test
    void fullMaskHasNoBoundary() {
        boolean[] seg = new boolean[70 * 5];
        java.util.Arrays.fill(seg, true);

        assertArrayEquals(new boolean[70 * 5], scorer.seg2bmap(seg, 70, 5));
    }

    @Test
    void boundaryRadiusIsTheToolkitsForDavisSizes() {
        assertEquals(8, FrameScorer.boundaryRadius(854, 480));
        assertEquals(2, FrameScorer.boundaryRadius(100, 100));
        // 0.008 * |(1080, 1920)| = 17.6
        assertEquals(18, FrameScorer.boundaryRadius(1920, 1080));
    }

    static boolean[] grid(int width, int height, int... xy) {
        boolean[] cells = new boolean[width * height];
        for (int i = 0; i < xy.length; i += 2) {
            cells[xy[i + 1] * width + xy[i]] = true;
        }
        return cells;
    }
}
