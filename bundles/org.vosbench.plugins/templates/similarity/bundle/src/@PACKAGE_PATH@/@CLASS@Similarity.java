package @PACKAGE@;

import ai.djl.ndarray.NDArray;

import org.vosbench.engine.Similarity;

/**
 * Cosine similarity: the dot product of memory and query keys after each key is scaled to unit
 * length, so, unlike the dot product, a key's norm does not change how much it is read.
 */
public final class @CLASS@Similarity implements Similarity {

    /** Keeps a zero key from dividing by zero. */
    static final double EPSILON = 1e-8;

    /** memKeys {@code B x CK x THW}, queryKeys {@code B x CK x HW} → {@code B x THW x HW}. */
    @Override
    public NDArray similarity(NDArray memKeys, NDArray queryKeys) {
        try (NDArray mem = unit(memKeys);
                NDArray query = unit(queryKeys);
                NDArray memT = mem.transpose(0, 2, 1)) {
            return memT.batchMatMul(query);
        }
    }

    /** The same scores laid out query by query: {@code B x HW x THW}. */
    @Override
    public NDArray similarityByQuery(NDArray memKeys, NDArray queryKeys) {
        try (NDArray mem = unit(memKeys);
                NDArray query = unit(queryKeys);
                NDArray queryT = query.transpose(0, 2, 1)) {
            return queryT.batchMatMul(mem);
        }
    }

    /** @return keys {@code B x CK x N} divided by their L2 norm over CK */
    private static NDArray unit(NDArray keys) {
        try (NDArray squared = keys.square();
                NDArray sum = squared.sum(new int[] {1}, true);
                NDArray norm = sum.sqrt();
                NDArray safe = norm.maximum(EPSILON)) {
            return keys.div(safe);
        }
    }
}
