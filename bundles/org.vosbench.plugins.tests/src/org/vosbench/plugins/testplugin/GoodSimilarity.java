package org.vosbench.plugins.testplugin;

import ai.djl.ndarray.NDArray;

import org.vosbench.engine.Similarity;

/** Packed by the tests into a plugin jar of its own: a similarity that works (a plain dot product). */
public final class GoodSimilarity implements Similarity {

    @Override
    public NDArray similarity(NDArray memKeys, NDArray queryKeys) {
        try (NDArray memT = memKeys.transpose(0, 2, 1)) {
            return memT.batchMatMul(queryKeys);
        }
    }
}
