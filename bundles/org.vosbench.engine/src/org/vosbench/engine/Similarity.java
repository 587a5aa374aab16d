package org.vosbench.engine;

import ai.djl.ndarray.NDArray;

/**
 * The one seam through which every memory read measures how similar memory positions are to
 * query positions. Contributed through {@code org.vosbench.engine.similarities}; {@code l2}
 * (STCN's negative squared L2, the default) and {@code dot}. The engine applies the top-k
 * softmax over the memory axis afterwards, in one place, whatever the similarity.
 *
 * <p>The affinity is laid out query by query ({@code B x HW x THW}): the engine's top-k then runs
 * along contiguous memory, about 3x faster than along the strided memory axis of the
 * {@code B x THW x HW} layout of STCN's {@code get_affinity} (the same values, transposed).
 *
 * <p>Implementations must be stateless and have a public no-argument constructor.
 */
public interface Similarity {

    /**
     * @param memKeys {@code B x CK x THW} memory keys (T memory frames of h x w positions)
     * @param queryKeys {@code B x CK x HW} query keys
     * @return affinity {@code B x HW x THW}, contiguous; larger means more similar
     */
    NDArray affinity(NDArray memKeys, NDArray queryKeys);

    /**
     * STCN's similarity, the {@code l2} contribution, for code that needs it without a registry (training
     * computes STCN's affinity whatever the session chooses, as {@code model/network.py} does).
     *
     * @return negative squared L2 scaled by 1/sqrt(CK), the query's own norm dropped
     */
    static Similarity negativeSquaredL2() {
        return new org.vosbench.engine.internal.L2Similarity();
    }
}
