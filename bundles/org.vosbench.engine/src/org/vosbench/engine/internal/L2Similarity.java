package org.vosbench.engine.internal;

import ai.djl.ndarray.NDArray;

import org.vosbench.engine.Similarity;

/**
 * STCN's affinity, the default: negative squared L2 distance scaled by 1/sqrt(CK), with the
 * query's own squared norm dropped because it is constant along the memory axis that the softmax
 * normalises ({@code model/network.py get_affinity}): {@code (2 a.b - |a|^2) / sqrt(CK)} with
 * {@code |a|^2} summed over CK for each memory position. The product is taken as
 * {@code query^T mem}, which gives the query-by-query layout directly.
 */
public final class L2Similarity implements Similarity {

    /** {@inheritDoc} memKeys {@code B x CK x THW}, queryKeys {@code B x CK x HW} → {@code B x HW x THW}. */
    @Override
    public NDArray affinity(NDArray memKeys, NDArray queryKeys) {
        long ck = memKeys.getShape().get(1);
        try (NDArray squares = memKeys.square();
                NDArray a = squares.sum(new int[] {1}, true); // B x 1 x THW
                NDArray queryT = queryKeys.transpose(0, 2, 1);
                NDArray ab = queryT.batchMatMul(memKeys);
                NDArray b = ab.mul(2); // B x HW x THW
                NDArray diff = b.sub(a)) {
            return diff.div(Math.sqrt(ck));
        }
    }
}
