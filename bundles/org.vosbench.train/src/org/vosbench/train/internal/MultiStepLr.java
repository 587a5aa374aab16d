package org.vosbench.train.internal;

import java.util.List;

/**
 * PyTorch's {@code MultiStepLR}: the learning rate is multiplied by {@code gamma} at each
 * milestone (counted in scheduler steps, one per iteration in STCN's {@code do_pass}).
 */
public record MultiStepLr(double baseLr, List<Integer> milestones, double gamma) {

    /**
     * @param stepsDone scheduler steps taken so far ({@code last_epoch})
     * @return the learning rate of the next optimiser step
     */
    public double lr(int stepsDone) {
        int passed = 0;
        for (int m : milestones) {
            if (m <= stepsDone) {
                passed++;
            }
        }
        return baseLr * Math.pow(gamma, passed);
    }
}
