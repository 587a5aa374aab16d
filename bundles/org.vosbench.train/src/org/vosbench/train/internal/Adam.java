package org.vosbench.train.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import ai.djl.ndarray.NDArray;

/**
 * PyTorch's {@code torch.optim.Adam} (not AdamW): the weight decay is added to the gradient,
 * the moments are bias-corrected, and {@code eps} is added to {@code sqrt(v) / sqrt(1 - beta2^t)}.
 * STCN trains with {@code weight_decay=1e-7} and the defaults {@code betas=(0.9, 0.999)},
 * {@code eps=1e-8}. Updates the parameters in place, outside any gradient recording.
 */
public final class Adam {

    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPS = 1e-8;

    private final double weightDecay;
    private final Map<String, NDArray> expAvg = new LinkedHashMap<>();
    private final Map<String, NDArray> expAvgSq = new LinkedHashMap<>();
    private final Map<String, Integer> steps = new LinkedHashMap<>();

    public Adam(double weightDecay) {
        this.weightDecay = weightDecay;
    }

    /** @return the weight decay */
    public double weightDecay() {
        return weightDecay;
    }

    /**
     * One step on one parameter.
     *
     * @param name the parameter's key (its state is kept under it)
     * @param param updated in place
     * @param gradient its gradient
     * @param lr the learning rate of this step
     */
    public void step(String name, NDArray param, NDArray gradient, double lr) {
        NDArray m = expAvg.computeIfAbsent(name, k -> param.zerosLike());
        NDArray v = expAvgSq.computeIfAbsent(name, k -> param.zerosLike());
        int t = steps.merge(name, 1, Integer::sum);
        // torch.optim.Adam's single-tensor step, the same operations in the same order, with four
        // temporaries per parameter, each freed here (nothing left on the parameter's manager)
        try (NDArray g = weightDecay == 0 ? gradient.duplicate() : param.mul(weightDecay).addi(gradient);
                NDArray square = g.mul(g)) {
            m.muli(BETA1).addi(g.muli(1 - BETA1));
            v.muli(BETA2).addi(square.muli(1 - BETA2));
        }
        double biasCorrection1 = 1 - Math.pow(BETA1, t);
        double biasCorrection2 = 1 - Math.pow(BETA2, t);
        double stepSize = lr / biasCorrection1;
        try (NDArray denom = v.sqrt().divi(Math.sqrt(biasCorrection2)).addi(EPS); NDArray ratio = m.div(denom)) {
            param.subi(ratio.muli(stepSize));
        }
    }

    /** @return first moments by parameter key (for checkpoints) */
    public Map<String, NDArray> expAvg() {
        return expAvg;
    }

    /** @return second moments by parameter key */
    public Map<String, NDArray> expAvgSq() {
        return expAvgSq;
    }

    /** @return steps taken per parameter key */
    public Map<String, Integer> steps() {
        return steps;
    }
}
