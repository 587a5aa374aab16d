package org.vosbench.engine.weightfree.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vosbench.engine.EngineDevice;
import org.vosbench.engine.djl.DjlRuntime;

class WeightFreeOpsTest {

    private NDManager manager;

    @BeforeEach
    void openManager() {
        manager = new DjlRuntime().newManager(EngineDevice.CPU);
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    /** 1 x 3 x 1 x n image from n RGB triples. */
    private NDArray pixels(float[]... rgb) {
        int n = rgb.length;
        float[] planar = new float[3 * n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                planar[c * n + i] = rgb[i][c];
            }
        }
        return manager.create(planar, new Shape(1, 3, 1, n));
    }

    @Test
    void toLabGivesReferenceValuesOfWhiteBlackAndPrimaries() {
        NDArray lab = WeightFreeOps.toLab(pixels(new float[] {1, 1, 1}, new float[] {0, 0, 0},
                new float[] {1, 0, 0}, new float[] {0, 1, 0}, new float[] {0, 0, 1}));

        // CIE L*a*b* (D65) of sRGB white, black, red, green, blue as published (e.g. Lindbloom's calculator)
        float[] expectedL = {100f, 0f, 53.24f, 87.73f, 32.30f};
        float[] expectedA = {0f, 0f, 80.09f, -86.18f, 79.19f};
        float[] expectedB = {0f, 0f, 67.20f, 83.18f, -107.86f};
        assertArrayEquals(expectedL, lab.get(":, 0").toFloatArray(), 0.05f);
        assertArrayEquals(expectedA, lab.get(":, 1").toFloatArray(), 0.05f);
        assertArrayEquals(expectedB, lab.get(":, 2").toFloatArray(), 0.05f);
    }

    @Test
    void cellMeanAveragesEachNonOverlappingCell() {
        NDArray x = manager.create(new float[] {
            1, 3, 0, 0, //
            5, 7, 0, 4, //
            2, 2, 8, 8, //
            2, 2, 8, 8}, new Shape(1, 1, 4, 4));

        NDArray mean = WeightFreeOps.cellMean(x, 2);

        assertArrayEquals(new long[] {1, 1, 2, 2}, mean.getShape().getShape());
        assertArrayEquals(new float[] {4, 1, 2, 8}, mean.toFloatArray(), 1e-6f);
    }

    @Test
    void boxFilterAveragesOnlyPixelsInsideTheImage() {
        NDArray x = manager.create(new float[] {
            0, 3, 6, //
            3, 6, 9}, new Shape(1, 1, 2, 3));

        NDArray box = WeightFreeOps.boxFilter(x, 1);

        // every window covers both rows; columns: {0,1}, {0,1,2}, {1,2}
        assertArrayEquals(new float[] {3, 4.5f, 6, 3, 4.5f, 6}, box.toFloatArray(), 1e-5f);
    }

    @Test
    void cellPositionsAreTheCellCentresInPixels() {
        NDArray positions = WeightFreeOps.cellPositions(manager, 2, 3, 16);

        assertArrayEquals(new float[] {8, 24, 40, 8, 24, 40}, positions.get(":, 0").toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {8, 8, 8, 24, 24, 24}, positions.get(":, 1").toFloatArray(), 1e-6f);
    }

    @Test
    void depthToSpaceUndoesSpaceToDepth() {
        NDArray x = manager.arange(32f).reshape(1, 1, 4, 8);

        NDArray depth = WeightFreeOps.spaceToDepth(x, 2);

        assertArrayEquals(new long[] {1, 4, 2, 4}, depth.getShape().getShape());
        // the first 2 x 2 patch is 0, 1 / 8, 9
        assertArrayEquals(new float[] {0, 1, 8, 9}, depth.get("0, :, 0, 0").toFloatArray(), 1e-6f);
        assertArrayEquals(x.toFloatArray(), WeightFreeOps.depthToSpace(depth, 2).toFloatArray(), 1e-6f);
    }

    @Test
    void guidedUpsamplingPutsTheMaskEdgeOnTheColourEdgeBetweenCoarseCells() {
        // 32 x 32 frame: red left of x = 13, blue from x = 13 on; the edge falls inside a 4-pixel cell
        int size = 32;
        int edge = 13;
        float[] planar = new float[3 * size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                planar[(x < edge ? 0 : 2) * size * size + y * size + x] = 1f;
            }
        }
        NDArray image = manager.create(planar, new Shape(1, 3, size, size));
        NDArray imageLow = WeightFreeOps.cellMean(image, 4);
        // the coarse mask: the red region's cell fractions, blurred as a memory readout would be
        NDArray coarse = WeightFreeOps.boxFilter(imageLow.get(":, 0:1"), 1);

        NDArray refined = WeightFreeOps.fastColourGuidedFilter(image, imageLow, coarse, 2, 1e-3f);

        assertArrayEquals(new long[] {1, 1, size, size}, refined.getShape().getShape());
        float[] row = refined.get("0, 0, 16").toFloatArray();
        float[] bilinear = WeightFreeOps.resize(coarse, size, size).get("0, 0, 16").toFloatArray();
        for (int x = 0; x < size; x++) {
            // inside flat colour the filter can only smooth what the coarse mask says: within 0.15
            assertEquals(x < edge ? 1f : 0f, row[x], 0.15f, "column " + x);
        }
        // the step happens between the last red and the first blue column, unlike plain upsampling
        assertTrue(row[edge - 1] - row[edge] > 0.7f, "refined step " + row[edge - 1] + " -> " + row[edge]);
        assertTrue(bilinear[edge - 1] - bilinear[edge] < 0.3f, "bilinear step " + bilinear[edge - 1] + " -> "
                + bilinear[edge]);
    }
}
