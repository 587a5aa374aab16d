package org.vosbench.eval.internal;

/**
 * NumPy's reductions, reproduced bit for bit so that means match the toolkit's to the last
 * digit: {@code np.sum} of float64 uses pairwise summation (blocks of 128, eight partial sums).
 */
public final class NumpyMath {

    private static final int BLOCK = 128;

    private NumpyMath() {
    }

    /**
     * @param values the array
     * @return {@code np.mean(values)}; NaN for an empty array or when a value is NaN
     */
    public static double mean(double[] values) {
        return sum(values, 0, values.length) / values.length;
    }

    /**
     * @param values the array
     * @param from first index
     * @param to end index, exclusive
     * @return {@code np.nanmean(values[from:to])}: NaNs left out; NaN when nothing is left
     */
    public static double nanMean(double[] values, int from, int to) {
        double[] zeroed = new double[Math.max(0, to - from)];
        int count = 0;
        for (int i = from; i < to; i++) {
            double v = values[i];
            if (!Double.isNaN(v)) {
                zeroed[i - from] = v;
                count++;
            }
        }
        return sum(zeroed, 0, zeroed.length) / count;
    }

    /**
     * @param values the array
     * @param from first index
     * @param to end index, exclusive
     * @return {@code np.sum(values[from:to])} with NumPy's pairwise summation
     */
    public static double sum(double[] values, int from, int to) {
        int n = to - from;
        if (n < 8) {
            double res = 0.0;
            for (int i = from; i < to; i++) {
                res += values[i];
            }
            return res;
        }
        if (n <= BLOCK) {
            double[] r = new double[8];
            for (int j = 0; j < 8; j++) {
                r[j] = values[from + j];
            }
            int i;
            for (i = 8; i < n - n % 8; i += 8) {
                for (int j = 0; j < 8; j++) {
                    r[j] += values[from + i + j];
                }
            }
            double res = (r[0] + r[1] + (r[2] + r[3])) + (r[4] + r[5] + (r[6] + r[7]));
            for (; i < n; i++) {
                res += values[from + i];
            }
            return res;
        }
        int half = n / 2;
        half -= half % 8;
        return sum(values, from, from + half) + sum(values, from + half, to);
    }
}
