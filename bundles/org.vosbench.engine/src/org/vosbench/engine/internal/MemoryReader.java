package org.vosbench.engine.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * The one place where an affinity becomes read weights: top-k softmax over the memory axis
 * ({@code inference_memory_bank.py softmax_w_top}), then the weighted sum of memory values.
 */
public final class MemoryReader {

    private MemoryReader() {
    }

    /**
     * Keeps, for every query position, the k largest affinities and turns them into a softmax;
     * all other weights are 0. The maximum is subtracted before exponentiating (STCN does not),
     * which gives the same numbers without overflow.
     *
     * @param affinity {@code B x THW x HW}
     * @param topK k; clamped to THW when memory is smaller
     * @return weights {@code B x THW x HW}, each column summing to 1
     */
    public static NDArray topKSoftmax(NDArray affinity, int topK) {
        int k = (int) Math.min(topK, affinity.getShape().get(1));
        NDList top = affinity.topK(k, 1, true, true);
        try (NDArray values = top.get(0);
                NDArray indices = top.get(1);
                NDArray max = values.max(new int[] {1}, true);
                NDArray shifted = values.sub(max);
                NDArray exp = shifted.exp();
                NDArray sum = exp.sum(new int[] {1}, true);
                NDArray weights = exp.div(sum);
                NDArray zeros = affinity.zerosLike()) {
            return zeros.scatter(indices, weights, 1);
        }
    }

    /**
     * @param weights {@code 1 x THW x HW} read weights
     * @param values {@code K x CV x THW} memory values
     * @return readout {@code K x CV x HW}
     */
    public static NDArray readout(NDArray weights, NDArray values) {
        try (NDArray w = weights.get(0)) {
            return values.matMul(w);
        }
    }
}
