package org.vosbench.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;

/** The similarity seam, top-k softmax and soft aggregation against hand-computed numbers. */
class MemoryReadTest {

    private static final float EPS = 1e-6f;

    @Test
    void l2AffinityIsTwoABMinusASquaredOverRootCKQueryByQuery() {
        try (NDManager m = Arrays4.manager()) {
            // CK = 2, THW = 3 memory positions a = (1,0), (0,1), (2,1); queries b0 = (1,2), b1 = (0,1)
            NDArray mem = m.create(new float[] {1, 0, 2, 0, 1, 1}, new Shape(1, 2, 3));
            NDArray query = m.create(new float[] {1, 0, 2, 1}, new Shape(1, 2, 2));

            NDArray affinity = new L2Similarity().affinity(mem, query);

            // |a|^2 = 1, 1, 5; b0: a.b = 1, 2, 4 -> 2ab - a^2 = 1, 3, 3; b1: a.b = 0, 1, 1 -> -1, 1, -3
            float r = (float) Math.sqrt(2);
            assertEquals(new Shape(1, 2, 3), affinity.getShape(), "B x HW x THW");
            assertArrayEquals(new float[] {1 / r, 3 / r, 3 / r, -1 / r, 1 / r, -3 / r}, affinity.toFloatArray(), EPS);
        }
    }

    @Test
    void topKSoftmaxKeepsTheKLargestPerQueryAndNormalisesThem() {
        try (NDManager m = Arrays4.manager()) {
            // two queries (columns) over three memory positions
            NDArray affinity = m.create(new float[] {0, 5, (float) Math.log(3), 0, -5, 1}, new Shape(1, 3, 2));

            NDArray weights = topK(affinity, 2).dense();

            // column 0: 0, ln 3, -5 -> top two 1 : 3 -> 0.25, 0.75, 0
            // column 1: 5, 0, 1 -> top two e^5 : e^1
            float hi = (float) (Math.exp(5) / (Math.exp(5) + Math.exp(1)));
            assertArrayEquals(new float[] {0.25f, hi, 0.75f, 0, 0, 1 - hi}, weights.toFloatArray(), EPS);
        }
    }

    @Test
    void topKLargerThanMemoryUsesAllPositions() {
        try (NDManager m = Arrays4.manager()) {
            NDArray affinity = m.create(new float[] {0, 0}, new Shape(1, 2, 1));

            assertArrayEquals(new float[] {0.5f, 0.5f}, topK(affinity, 20).dense().toFloatArray(), EPS);
        }
    }

    @Test
    void readoutWeighsMemoryValuesPerObject() {
        try (NDManager m = Arrays4.manager()) {
            // one query; memory affinities ln 1, ln 3, -inf-ish -> top-2 weights 0.25, 0.75, 0
            NDArray affinity = m.create(new float[] {0, (float) Math.log(3), -50}, new Shape(1, 3, 1));
            NDArray values = m.create(new float[] {10, 20, 30, 1, 2, 3}, new Shape(2, 1, 3)); // K=2, CV=1

            NDArray readout = read(topK(affinity, 2), values);

            assertEquals(new Shape(2, 1, 1), readout.getShape());
            assertArrayEquals(new float[] {17.5f, 1.75f}, readout.toFloatArray(), EPS);
        }
    }

    @Test
    void sparseReadoutEqualsStcnsDenseScatterAndMatmul() {
        try (NDManager m = Arrays4.manager()) {
            java.util.Random random = new java.util.Random(7);
            int thw = 300;
            int hw = 40;
            float[] a = new float[thw * hw];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) random.nextGaussian() * 3;
            }
            float[] v = new float[2 * 5 * thw];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) random.nextGaussian();
            }
            NDArray affinity = m.create(a, new Shape(1, thw, hw));
            NDArray values = m.create(v, new Shape(2, 5, thw));

            MemoryReader.TopK top = topK(affinity, 20);
            // STCN: dense weights (zero outside the top k), then values @ weights
            NDArray dense = values.matMul(top.dense().get(0));
            NDArray sparse = read(top, values);

            assertEquals(dense.getShape(), sparse.getShape());
            assertArrayEquals(dense.toFloatArray(), sparse.toFloatArray(), 1e-5f);
        }
    }

    @Test
    void softAggregationAddsBackgroundAsProductOfComplementsAndNormalisesOdds() {
        try (NDManager m = Arrays4.manager()) {
            NDArray probabilities = m.create(new float[] {0.5f, 0.5f}, new Shape(2, 1, 1, 1));

            NDArray aggregated = SoftAggregation.aggregate(probabilities);

            // background 0.25 -> odds 1/3, 1, 1 -> 1/7, 3/7, 3/7
            assertArrayEquals(new float[] {1 / 7f, 3 / 7f, 3 / 7f}, aggregated.toFloatArray(), EPS);
        }
    }

    @Test
    void softAggregationClampsCertainties() {
        try (NDManager m = Arrays4.manager()) {
            NDArray probabilities = m.create(new float[] {1f, 0f}, new Shape(2, 1, 1, 1));

            float[] aggregated = SoftAggregation.aggregate(probabilities).toFloatArray();

            // clamped to [1e-7, 1 - 1e-7] in float32, where 1 - 1e-7 rounds to 1 - 2^-23:
            // odds 1e-7 / (1 - 1e-7) for background and object 2, (1 - 2^-23) / 2^-23 for object 1
            double small = 1e-7 / (1 - 1e-7);
            double big = (1 - Math.pow(2, -23)) / Math.pow(2, -23);
            assertEquals(small / (big + 2 * small), aggregated[0], 1e-17);
            assertEquals(big / (big + 2 * small), aggregated[1], EPS);
        }
    }

    /**
     * Memory keys and values live in the session's manager for the whole video; every array a
     * read creates from them must be closed by the read, or the session's memory grows by one
     * array per frame (it did: the L2 norms, ~0.24 MB/frame on the long-video benchmark).
     */
    @Test
    void aReadLeavesNoArrayInTheMemorysManager() {
        try (NDManager session = Arrays4.manager()) {
            NDArray memKeys = session.randomNormal(new Shape(1, 8, 30));
            NDArray memValues = session.randomNormal(new Shape(2, 4, 30));
            NDArray byPosition = MemoryReader.byPosition(memValues);
            int before = session.getManagedArrays().size();
            for (int frame = 0; frame < 5; frame++) {
                try (NDManager step = session.newSubManager()) {
                    NDArray query = step.randomNormal(new Shape(1, 8, 10));
                    try (NDArray affinity = new L2Similarity().affinity(memKeys, query);
                            MemoryReader.TopK top = MemoryReader.topKSoftmaxByQuery(affinity, 4);
                            NDArray readout = MemoryReader.readout(top, byPosition, 2)) {
                        assertEquals(new Shape(2, 4, 10), readout.getShape());
                    }
                }
            }
            assertEquals(before, session.getManagedArrays().size());
        }
    }

    /** The engine's top-k over an affinity in the seam's {@code B x THW x HW} layout. */
    private static MemoryReader.TopK topK(NDArray affinity, int k) {
        return MemoryReader.topKSoftmaxByQuery(affinity.transpose(0, 2, 1), k);
    }

    /** The engine's read of {@code K x CV x THW} values. */
    private static NDArray read(MemoryReader.TopK top, NDArray values) {
        return MemoryReader.readout(top, MemoryReader.byPosition(values), values.getShape().get(0));
    }
}
