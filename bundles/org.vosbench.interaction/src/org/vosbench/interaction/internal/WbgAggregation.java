package org.vosbench.interaction.internal;

/**
 * MiVOS's {@code model/aggregate.aggregate_wbg}: the background's probability is
 * {@code prod(1 - p_k)}, every channel is clamped to [1e-7, 1 - 1e-7] and turned into a logit,
 * and a softmax over background and objects gives the aggregated probabilities ({@code hard}
 * multiplies the logits by 1000 first, as the interactive GUI does).
 */
public final class WbgAggregation {

    private static final double CLAMP = 1e-7;
    private static final double HARD_TEMPERATURE = 1000;

    private WbgAggregation() {
    }

    /**
     * @param probabilities {@code K} maps of {@code n} values each
     * @param hard multiply the logits by 1000 (MiVOS's {@code hard=True})
     * @return {@code K + 1} maps: background first, then the objects (MiVOS's {@code keep_bg=True})
     */
    public static double[][] aggregate(double[][] probabilities, boolean hard) {
        int k = probabilities.length;
        int n = k == 0 ? 0 : probabilities[0].length;
        double[][] out = new double[k + 1][n];
        double[] logits = new double[k + 1];
        for (int i = 0; i < n; i++) {
            logits(probabilities, i, hard, logits);
            double max = Double.NEGATIVE_INFINITY;
            for (double l : logits) {
                max = Math.max(max, l);
            }
            double sum = 0;
            for (int c = 0; c <= k; c++) {
                double e = Math.exp(logits[c] - max);
                out[c][i] = e;
                sum += e;
            }
            for (int c = 0; c <= k; c++) {
                out[c][i] /= sum;
            }
        }
        return out;
    }

    /**
     * The argmax of {@code aggregate(probabilities, true)}: 0 for the background, c for object
     * channel c (1-based). The softmax is monotonic, so this is the argmax of the logits; ties go
     * to the lower channel, as {@code torch.argmax}.
     *
     * @param probabilities {@code K} maps of {@code n} values each
     * @return {@code n} channel indices
     */
    public static int[] labels(double[][] probabilities) {
        int k = probabilities.length;
        int n = k == 0 ? 0 : probabilities[0].length;
        int[] labels = new int[n];
        double[] logits = new double[k + 1];
        for (int i = 0; i < n; i++) {
            logits(probabilities, i, true, logits);
            int best = 0;
            for (int c = 1; c <= k; c++) {
                if (logits[c] > logits[best]) {
                    best = c;
                }
            }
            labels[i] = best;
        }
        return labels;
    }

    private static void logits(double[][] probabilities, int i, boolean hard, double[] logits) {
        double background = 1;
        for (double[] p : probabilities) {
            background *= 1 - p[i];
        }
        logits[0] = logit(background, hard);
        for (int c = 0; c < probabilities.length; c++) {
            logits[c + 1] = logit(probabilities[c][i], hard);
        }
    }

    private static double logit(double p, boolean hard) {
        double q = Math.min(Math.max(p, CLAMP), 1 - CLAMP);
        double l = Math.log(q / (1 - q));
        return hard ? l * HARD_TEMPERATURE : l;
    }
}
