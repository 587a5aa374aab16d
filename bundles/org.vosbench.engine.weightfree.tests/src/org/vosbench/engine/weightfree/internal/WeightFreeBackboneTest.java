package org.vosbench.engine.weightfree.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vosbench.engine.EngineDevice;
import org.vosbench.engine.FrameFeatures;
import org.vosbench.engine.djl.DjlRuntime;

class WeightFreeBackboneTest {

    private NDManager manager;
    private final WeightFreeBackbone backbone = new WeightFreeBackbone(
            new WeightFreeSettings(16, 4, 10f, 80f, 4, 1e-3f));

    @BeforeEach
    void openManager() {
        manager = new DjlRuntime().newManager(EngineDevice.CPU);
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    /** 16 x 32 frame: the left 16 x 16 cell white, the right one black. */
    private NDArray whiteThenBlack() {
        float[] planar = new float[3 * 16 * 32];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 16; x++) {
                    planar[c * 16 * 32 + y * 32 + x] = 1f;
                }
            }
        }
        return manager.create(planar, new Shape(1, 3, 16, 32));
    }

    @Test
    void keyDistanceOverRootChannelsIsTheBilateralExponent() {
        FrameFeatures features = backbone.encodeKey(manager, whiteThenBlack());

        NDArray key = features.key();
        assertArrayEquals(new long[] {1, 5, 1, 2}, key.getShape().getShape());
        float[] left = key.get("0, :, 0, 0").toFloatArray();
        float[] right = key.get("0, :, 0, 1").toFloatArray();
        double squared = 0;
        for (int c = 0; c < 5; c++) {
            squared += (left[c] - right[c]) * (left[c] - right[c]);
        }
        // white and black differ by 100 in L*, the cell centres by 16 px: (100/10)^2 + (16/80)^2
        assertEquals(100.04, squared / Math.sqrt(5), 1e-2);
    }

    @Test
    void valueIsTheObjectsShareOfEachGuideCellInsideTheCell() {
        NDArray image = whiteThenBlack();
        float[] mask = new float[16 * 32];
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 6; x++) {
                mask[y * 32 + x] = 1f; // top-left of the left cell: guide-cell columns 0 (full) and 1 (half)
            }
        }
        for (int y = 0; y < 16; y++) {
            for (int x = 16; x < 32; x++) {
                mask[y * 32 + x] = 1f; // all of the right cell
            }
        }
        NDArray masks = manager.create(mask, new Shape(1, 1, 16, 32));

        NDArray values = backbone.encodeValue(backbone.encodeKey(manager, image), image, masks, masks.zerosLike());

        // 16 / 4 = 4 x 4 guide cells per cell, row-major in the channels
        assertArrayEquals(new long[] {1, 16, 1, 2}, values.getShape().getShape());
        float[] left = {
            1, 0.5f, 0, 0, //
            1, 0.5f, 0, 0, //
            0, 0, 0, 0, //
            0, 0, 0, 0};
        assertArrayEquals(left, values.get("0, :, 0, 0").toFloatArray(), 1e-6f);
        float[] right = new float[16];
        java.util.Arrays.fill(right, 1f);
        assertArrayEquals(right, values.get("0, :, 0, 1").toFloatArray(), 1e-6f);
    }

    @Test
    void decodeReturnsFullResolutionProbabilitiesThatFollowTheColourEdge() {
        NDArray image = whiteThenBlack();
        FrameFeatures features = backbone.encodeKey(manager, image);
        // memory says: the left cell is the object (all 16 guide cells), the right cell background
        float[] patches = new float[16 * 2];
        for (int c = 0; c < 16; c++) {
            patches[2 * c] = 1f;
        }
        NDArray readout = manager.create(patches, new Shape(1, 16, 1, 2));

        NDArray probabilities = backbone.decode(features, readout);

        assertArrayEquals(new long[] {1, 1, 16, 32}, probabilities.getShape().getShape());
        float[] row = probabilities.get("0, 0, 8").toFloatArray();
        for (int x = 0; x < 32; x++) {
            assertEquals(x < 16 ? 1f : 0f, row[x], 0.05f, "column " + x);
        }
    }
}
