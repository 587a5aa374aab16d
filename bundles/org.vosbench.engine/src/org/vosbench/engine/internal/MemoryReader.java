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
     * @param weights {@code B x HW x k}, each row summing to 1
     * @param indices {@code B x HW x k} (int64), the memory positions of the weights
     * @param memorySize THW
     */
    public record TopK(NDArray weights, NDArray indices, long memorySize) implements AutoCloseable {
        /** @return the weights scattered into a dense {@code B x THW x HW} matrix (zero elsewhere), as STCN builds it */
        public NDArray dense() {
            Shape s = weights.getShape();
            try (NDArray zeros = weights.getManager().zeros(new Shape(s.get(0), s.get(1), memorySize),
                    weights.getDataType());
                    NDArray byQuery = zeros.scatter(indices, weights, 2)) {
                return byQuery.transpose(0, 2, 1);
            }
        }

        @Override
        public void close() {
            weights.close();
            indices.close();
        }
    }

    /**
     * Keeps, for every query position, the k largest affinities and turns them into a softmax
     * ({@code inference_memory_bank.py softmax_w_top}). The maximum is subtracted before
     * exponentiating (STCN does not), which gives the same numbers without overflow.
     *
     * @param affinity {@code B x HW x THW}, contiguous, from
     *        {@link org.vosbench.engine.Similarity#affinity}
     * @param topK k; clamped to THW when memory is smaller
     * @return the top-k weights and their memory positions
     */
    public static TopK topKSoftmaxByQuery(NDArray affinity, int topK) {
        long memorySize = affinity.getShape().get(2);
        int k = (int) Math.min(topK, memorySize);
        NDList top = affinity.topK(k, 2, true, true);
        try (NDArray values = top.get(0);
                NDArray max = values.max(new int[] {2}, true);
                NDArray shifted = values.sub(max);
                NDArray exp = shifted.exp();
                NDArray sum = exp.sum(new int[] {2}, true)) {
            return new TopK(exp.div(sum), top.get(1), memorySize);
        }
    }

    /**
     * Lays memory values out position by position, the layout {@link #readout(TopK, NDArray, long)}
     * gathers from: one contiguous row of {@code K x CV} values per memory position. Done once
     * each time the memory changes, not per frame.
     *
     * @param values {@code K x CV x THW}
     * @return {@code THW x (K CV)}, contiguous
     */
    public static NDArray byPosition(NDArray values) {
        Shape vs = values.getShape();
        long rows = vs.get(0) * vs.get(1);
        try (NDArray channels = values.reshape(rows, vs.get(2));
                NDArray transposed = channels.transpose(1, 0);
                // a reshape that cannot be a view: torch copies into contiguous memory
                NDArray flat = transposed.reshape(rows * vs.get(2))) {
            return flat.reshape(vs.get(2), rows);
        }
    }

    /**
     * For every query position, gathers the k memory rows it reads (whole rows of
     * {@code K x CV} values, so the gather copies contiguous memory) and sums them with their
     * weights in one batched product. Same numbers as weighting and summing the k terms one by
     * one.
     *
     * @param top read weights of one query frame ({@code B = 1})
     * @param byPosition {@code THW x (K CV)} from {@link #byPosition(NDArray)}
     * @param objects K
     * @return readout {@code K x CV x HW}
     */
    public static NDArray readout(TopK top, NDArray byPosition, long objects) {
        Shape ws = top.weights().getShape();
        long hw = ws.get(1);
        long k = ws.get(2);
        long width = byPosition.getShape().get(1);
        try (NDArray order = top.indices().reshape(hw * k); // the k rows of query position 0, then 1, ...
                NDArray picked = byPosition.get(new NDIndex("{}", order));
                NDArray rows = picked.reshape(hw, k, width);
                NDArray perPosition = top.weights().reshape(hw, 1, k);
                NDArray sum = perPosition.batchMatMul(rows); // hw x 1 x (K CV)
                NDArray flat = sum.reshape(hw, width);
                NDArray channelsFirst = flat.transpose(1, 0);
                NDArray contiguous = channelsFirst.reshape(width * hw)) {
            return contiguous.reshape(objects, width / objects, hw);
        }
    }
}
