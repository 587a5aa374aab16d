package org.vosbench.eval;

import org.vosbench.eval.internal.NumpyMath;

/**
 * Mean, Recall and Decay of one measure over the frames of one object, as davis2017-evaluation's
 * {@code utils.db_statistics}.
 *
 * @param mean NaN-aware mean
 * @param recall fraction of frames scoring above 0.5
 * @param decay mean of the first of four temporal bins minus that of the last
 */
public record Statistics(double mean, double recall, double decay) {

    private static final int BINS = 4;

    /**
     * @param perFrame one value per evaluated frame
     * @return the statistics
     */
    public static Statistics of(double[] perFrame) {
        double mean = NumpyMath.nanMean(perFrame, 0, perFrame.length);
        int above = 0;
        for (double v : perFrame) {
            if (v > 0.5) {
                above++;
            }
        }
        double recall = (double) above / perFrame.length;
        int[] ids = decayBinIndices(perFrame.length);
        double first = binMean(perFrame, ids[0], ids[1]);
        double last = binMean(perFrame, ids[BINS - 1], ids[BINS]);
        return new Statistics(mean, recall, first - last);
    }

    /**
     * The toolkit's bin edges: {@code round(linspace(1, n, 5) + 1e-10) - 1} as {@code uint8}
     * (which wraps for sequences of 256 frames and more, as the toolkit's does).
     *
     * @param frames n, the number of evaluated frames
     * @return five bin edges; bin i is {@code values[ids[i] : ids[i+1] + 1]}
     */
    public static int[] decayBinIndices(int frames) {
        int[] ids = new int[BINS + 1];
        double step = (frames - 1) / (double) BINS;
        for (int i = 0; i <= BINS; i++) {
            // numpy.linspace: start + i * step, the last point exactly the stop
            double point = i == BINS ? frames : (step == 0 ? 1.0 : i * step + 1.0);
            long rounded = (long) Math.rint(point + 1e-10) - 1;
            ids[i] = (int) (rounded & 0xFF);
        }
        return ids;
    }

    private static double binMean(double[] values, int start, int end) {
        // values[start : end + 1] with Python's slice clamping; end + 1 stays uint8 like the toolkit's
        int stop = (end + 1) & 0xFF;
        int from = Math.min(start, values.length);
        int to = Math.min(stop, values.length);
        return NumpyMath.nanMean(values, from, Math.max(from, to));
    }
}
