package org.vosbench.engine.similarity.dot.internal;

import ai.djl.ndarray.NDArray;
import org.vosbench.engine.Similarity;

/**
 * Scaled dot product {@code a.b / sqrt(CK)}, the affinity of STM (Oh et al., ICCV 2019) and of
 * attention. Unlike STCN's negative squared L2 it rewards keys with a large norm, which is why
 * STCN prefers L2; it is offered as the alternative the DESIGN's similarity seam names.
 */
public final class DotSimilarity implements Similarity {

    /** {@inheritDoc} Computed as {@code query^T mem / sqrt(CK)}: {@code B x HW x THW}. */
    @Override
    public NDArray affinity(NDArray memKeys, NDArray queryKeys) {
        try (NDArray queryT = queryKeys.transpose(0, 2, 1);
                NDArray product = queryT.batchMatMul(memKeys)) {
            return product.div(Math.sqrt(memKeys.getShape().get(1)));
        }
    }
}
