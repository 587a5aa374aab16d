package org.vosbench.engine.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * The one place where an affinity becomes read weights: top-k softmax over the memory axis
 * ({@code inference_memory_bank.py softmax_w_top}), then the weighted sum of memory values.
 *
 * <p>STCN scatters the k weights into a dense {@code THW x HW} matrix and multiplies the memory
 * values with it, so the read costs {@code CV x THW x HW} multiply-adds per object although only
 * k of every THW weights are non-zero. Here the read gathers the k memory values each query
 * position uses and sums them: the same numbers up to float rounding, at {@code CV x k x HW}.
 */
public final class MemoryReader {

    private MemoryReader() {
    }

    /**
     * The k largest affinities of each query position, as softmax weights, and where they are.
     *
     * @param weights {@code B x k x HW}, each column summing to 1
     * @param indices {@code B x k x HW} (int64), the memory positions of the weights
     * @param memorySize THW
     */
    public record TopK(NDArray weights, NDArray indices, long memorySize) implements AutoCloseable {
        /** @return the weights scattered into a dense {@code B x THW x HW} matrix (zero elsewhere) */
        public NDArray dense() {
            Shape s = weights.getShape();
            try (NDArray zeros = weights.getManager().zeros(new Shape(s.get(0), memorySize, s.get(2)),
                    weights.getDataType())) {
                return zeros.scatter(indices, weights, 1);
            }
        }

        @Override
        public void close() {
            weights.close();
            indices.close();
        }
    }

    /**
     * Keeps, for every query position, the k largest affinities and turns them into a softmax.
     * The maximum is subtracted before exponentiating (STCN does not), which gives the same
     * numbers without overflow.
     *
     * @param affinity {@code B x THW x HW}
     * @param topK k; clamped to THW when memory is smaller
     * @return the top-k weights and their memory positions
     */
    public static TopK topKSoftmax(NDArray affinity, int topK) {
        long memorySize = affinity.getShape().get(1);
        int k = (int) Math.min(topK, memorySize);
        NDList top = affinity.topK(k, 1, true, true);
        try (NDArray values = top.get(0);
                NDArray max = values.max(new int[] {1}, true);
                NDArray shifted = values.sub(max);
                NDArray exp = shifted.exp();
                NDArray sum = exp.sum(new int[] {1}, true)) {
            return new TopK(exp.div(sum), top.get(1), memorySize);
        }
    }

    /**
     * @param top read weights of one query frame ({@code B = 1})
     * @param values {@code K x CV x THW} memory values
     * @return readout {@code K x CV x HW}
     */
    public static NDArray readout(TopK top, NDArray values) {
        Shape vs = values.getShape();
        long objects = vs.get(0);
        long cv = vs.get(1);
        Shape ws = top.weights().getShape();
        long k = ws.get(1);
        long hw = ws.get(2);
        // one row of THW memory positions per value channel of every object
        try (NDArray channels = values.reshape(objects * cv, vs.get(2));
                NDArray weights = top.weights().reshape(k, 1, hw);
                NDArray indices = top.indices().reshape(k, hw)) {
            NDArray sum = null;
            for (long j = 0; j < k; j++) {
                try (NDArray index = indices.get(j);
                        NDArray picked = channels.get(new NDIndex(":, {}", index));
                        NDArray w = weights.get(j)) {
                    if (sum == null) {
                        sum = picked.mul(w);
                    } else {
                        try (NDArray term = picked.mul(w)) {
                            sum.addi(term);
                        }
                    }
                }
            }
            try (NDArray all = sum) {
                return all.reshape(objects, cv, hw);
            }
        }
    }
}
