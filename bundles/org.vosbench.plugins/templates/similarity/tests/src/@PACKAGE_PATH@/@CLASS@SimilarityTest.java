package @PACKAGE@;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;
import org.vosbench.engine.EngineDevice;
import org.vosbench.engine.djl.DjlRuntime;

class @CLASS@SimilarityTest {

    @Test
    void scoresTheCosineOfTheAngleBetweenMemoryAndQueryKeys() {
        try (NDManager manager = new DjlRuntime().newManager(EngineDevice.CPU)) {
            // CK = 2; memory keys m0 = (3, 4), m1 = (0, 2); query keys q0 = (1, 0), q1 = (-2, 0)
            NDArray memKeys = manager.create(new float[] {3, 0, 4, 2}, new Shape(1, 2, 2));
            NDArray queryKeys = manager.create(new float[] {1, -2, 0, 0}, new Shape(1, 2, 2));

            NDArray byMemory = new @CLASS@Similarity().similarity(memKeys, queryKeys);
            NDArray byQuery = new @CLASS@Similarity().similarityByQuery(memKeys, queryKeys);

            // cos(m0, q0) = 3/5, cos(m0, q1) = -3/5, cos(m1, q0) = 0, cos(m1, q1) = 0: the norms do not count
            assertArrayEquals(new long[] {1, 2, 2}, byMemory.getShape().getShape());
            assertArrayEquals(new float[] {0.6f, -0.6f, 0f, 0f}, byMemory.toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {0.6f, 0f, -0.6f, 0f}, byQuery.toFloatArray(), 1e-6f);
        }
    }
}
