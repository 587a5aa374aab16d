package org.vosbench.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * The one seam through which every memory read measures how similar memory positions are to
 * query positions. Contributed through {@code org.vosbench.engine.similarities}; {@code l2}
 * (STCN's negative squared L2, the default) and {@code dot}. The engine applies the top-k
 * softmax over the memory axis afterwards, in one place, whatever the similarity.
 *
 * <p>Implementations must be stateless and have a public no-argument constructor.
 */
public interface Similarity {

    /**
     * @param memKeys {@code B x CK x THW} memory keys (T memory frames of h x w positions)
     * @param queryKeys {@code B x CK x HW} query keys
     * @return affinity {@code B x THW x HW}; larger means more similar
     */
    NDArray similarity(NDArray memKeys, NDArray queryKeys);

    /**
     * The same affinity laid out query by query, the layout the engine's read uses: the top-k
     * then runs along contiguous memory (about 3x faster than along the strided memory axis of
     * {@link #similarity}). The default transposes {@link #similarity}'s result; implementations
     * override it to compute this layout directly.
     *
     * @param memKeys {@code B x CK x THW} memory keys
     * @param queryKeys {@code B x CK x HW} query keys
     * @return affinity {@code B x HW x THW}, contiguous
     */
    default NDArray similarityByQuery(NDArray memKeys, NDArray queryKeys) {
        try (NDArray affinity = similarity(memKeys, queryKeys);
                NDArray transposed = affinity.transpose(0, 2, 1)) {
            Shape s = transposed.getShape();
            // a reshape that cannot be a view makes torch copy into contiguous memory
            try (NDArray flat = transposed.reshape(s.size())) {
                return flat.reshape(s);
            }
        }
    }
}
