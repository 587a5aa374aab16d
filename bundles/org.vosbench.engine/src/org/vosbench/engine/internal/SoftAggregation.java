package org.vosbench.engine.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;

/**
 * Soft aggregation (STM/STCN {@code model/aggregate.py}): the background is the probability
 * that no object is present, {@code prod(1 - p_i)}; all K+1 values are clamped to
 * [1e-7, 1 - 1e-7], turned into logits and normalised with a softmax.
 */
public final class SoftAggregation {

    /** As a double: torch clamps a float64 tensor at exactly 1e-7 and a float32 one at 1e-7 rounded to float. */
    private static final double EPS = 1e-7;

    private SoftAggregation() {
    }

    /**
     * @param probabilities {@code K x 1 x H x W} per-object probabilities
     * @return {@code (K+1) x 1 x H x W}, background first, summing to 1 per pixel, of the input's type
     */
    public static NDArray aggregate(NDArray probabilities) {
        try (NDArray oneMinus = probabilities.getManager().ones(probabilities.getShape(), probabilities.getDataType()).sub(probabilities);
                NDArray background = oneMinus.prod(new int[] {0}, true);
                NDArray stacked = NDArrays.concat(new ai.djl.ndarray.NDList(background, probabilities), 0);
                NDArray clamped = stacked.clip(EPS, 1 - EPS);
                NDArray complement = clamped.getManager().ones(clamped.getShape(), clamped.getDataType()).sub(clamped);
                NDArray odds = clamped.div(complement);
                NDArray logits = odds.log()) {
            return logits.softmax(0);
        }
    }
}
