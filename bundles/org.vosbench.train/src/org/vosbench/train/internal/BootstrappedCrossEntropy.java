package org.vosbench.train.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * STCN's bootstrapped cross-entropy ({@code model/losses.py BootstrappedCE}): plain
 * cross-entropy before {@code startWarm}; from then on the mean over the hardest
 * {@code p} of the pixels, {@code p} falling linearly from 1 at {@code startWarm} to
 * {@code topP} at {@code endWarm} and staying there.
 */
public final class BootstrappedCrossEntropy {

    /** The official warm-up: 20000 to 70000 iterations, down to the hardest 15%. */
    public static final BootstrappedCrossEntropy OFFICIAL = new BootstrappedCrossEntropy(20000, 70000, 0.15);

    private final int startWarm;
    private final int endWarm;
    private final double topP;

    public BootstrappedCrossEntropy(int startWarm, int endWarm, double topP) {
        this.startWarm = startWarm;
        this.endWarm = endWarm;
        this.topP = topP;
    }

    /**
     * @param it the iteration
     * @return the fraction of pixels the loss keeps at {@code it}
     */
    public double p(int it) {
        if (it < startWarm) {
            return 1.0;
        }
        if (it > endWarm) {
            return topP;
        }
        // the official expression, evaluated in the same order
        return topP + (1 - topP) * ((double) (endWarm - it) / (endWarm - startWarm));
    }

    /**
     * @param logits {@code 1 x C x H x W}
     * @param oneHot the target classes one-hot, {@code 1 x C x H x W} (0 or 1)
     * @param it the iteration
     * @return the scalar loss
     */
    public NDArray loss(NDArray logits, NDArray oneHot, int it) {
        NDArray perPixel;
        try (NDArray logSoftmax = logits.logSoftmax(1);
                NDArray picked = logSoftmax.mul(oneHot);
                NDArray summed = picked.sum(new int[] {1})) {
            perPixel = summed.neg().reshape(-1);
        }
        if (it < startWarm) {
            try (perPixel) {
                return perPixel.mean();
            }
        }
        int keep = (int) (perPixel.size() * p(it));
        NDList top = perPixel.topK(keep, 0, true, false);
        perPixel.close();
        try (top) {
            return top.get(0).mean();
        }
    }
}
