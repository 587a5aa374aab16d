package org.vosbench.engine.similarity.dot.internal;

import ai.djl.ndarray.NDArray;
import org.vosbench.engine.Similarity;

/**
 * Scaled dot product {@code a.b / sqrt(CK)}, the affinity of STM (Oh et al., ICCV 2019) and of
 * attention. Unlike STCN's negative squared L2 it rewards keys with a large norm, which is why
 * STCN prefers L2; it is offered as the alternative the DESIGN's similarity seam names.
 */
public final class DotSimilarity implements Similarity {

    /** {@inheritDoc} memKeys {@code B x CK x THW}, queryKeys {@code B x CK x HW} → {@code B x THW x HW}. */
    @Override
    public NDArray similarity(NDArray memKeys, NDArray queryKeys) {
        try (NDArray memT = memKeys.transpose(0, 2, 1)) {
            return scaledProduct(memT, queryKeys, memKeys.getShape().get(1));
        }
    }

    /** {@inheritDoc} Computed as {@code query^T mem / sqrt(CK)} directly. */
    @Override
    public NDArray similarityByQuery(NDArray memKeys, NDArray queryKeys) {
        try (NDArray queryT = queryKeys.transpose(0, 2, 1)) {
            return scaledProduct(queryT, memKeys, memKeys.getShape().get(1));
        }
    }

    /** @return {@code left @ right / sqrt(ck)} */
    private static NDArray scaledProduct(NDArray left, NDArray right, long ck) {
        try (NDArray product = left.batchMatMul(right)) {
            return product.div(Math.sqrt(ck));
        }
    }
}
