package org.vosbench.plugins.testplugin;

import ai.djl.ndarray.NDArray;

import org.vosbench.engine.Similarity;

/** Packed by the tests into a plugin jar: a contribution whose constructor throws. */
public final class ThrowingSimilarity implements Similarity {

    /** Fails as a plugin with a missing resource would. */
    public ThrowingSimilarity() {
        throw new IllegalStateException("lab resource missing");
    }

    @Override
    public NDArray similarity(NDArray memKeys, NDArray queryKeys) {
        throw new UnsupportedOperationException();
    }
}
