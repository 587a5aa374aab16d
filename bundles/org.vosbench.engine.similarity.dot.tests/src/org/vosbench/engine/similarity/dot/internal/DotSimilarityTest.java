package org.vosbench.engine.similarity.dot.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.vosbench.engine.EngineDevice;
import org.vosbench.engine.djl.DjlRuntime;

class DotSimilarityTest {

    @Test
    void dividesDotProductsOfMemoryAndQueryKeysBySquareRootOfKeyChannels() {
        try (NDManager manager = new DjlRuntime().newManager(EngineDevice.CPU)) {
            // CK = 4, THW = 2 memory positions, HW = 3 query positions (columns are positions)
            NDArray memKeys = manager.create(new float[] {
                1, 0, //
                2, 1, //
                0, 3, //
                1, -1}, new Shape(1, 4, 2));
            NDArray queryKeys = manager.create(new float[] {
                1, 0, 2, //
                0, 1, 2, //
                1, 0, 0, //
                0, 2, 0}, new Shape(1, 4, 3));

            NDArray affinity = new DotSimilarity().affinity(memKeys, queryKeys);

            // memory m0 = (1,2,0,1), m1 = (0,1,3,-1); queries q0 = (1,0,1,0), q1 = (0,1,0,2), q2 = (2,2,0,0)
            // q0.m = 1, 3; q1.m = 4, -1; q2.m = 6, 2; divided by sqrt(4) = 2, one row per query
            assertArrayEquals(new long[] {1, 3, 2}, affinity.getShape().getShape());
            assertArrayEquals(new float[] {0.5f, 1.5f, 2f, -0.5f, 3f, 1f}, affinity.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void scoresEachBatchWithItsOwnKeys() {
        try (NDManager manager = new DjlRuntime().newManager(EngineDevice.CPU)) {
            // B = 2, CK = 1, THW = 1, HW = 2
            NDArray memKeys = manager.create(new float[] {2, -3}, new Shape(2, 1, 1));
            NDArray queryKeys = manager.create(new float[] {1, 4, 5, 0}, new Shape(2, 1, 2));

            NDArray affinity = new DotSimilarity().affinity(memKeys, queryKeys);

            assertArrayEquals(new long[] {2, 2, 1}, affinity.getShape().getShape());
            assertArrayEquals(new float[] {2, 8, -15, 0}, affinity.toFloatArray(), 1e-6f);
        }
    }
}
