package org.vosbench.train.internal;

import java.util.List;

/**
 * The official max-skip curriculum of {@code train.py}: training runs in epochs of
 * {@code len(train_loader)} iterations ({@code floor(dataset size / batch size)}, drop_last);
 * the skip starts at 5, and at the start of the first epoch at or past
 * {@code round(total_epoch * fraction[i])} it becomes {@code skip_values[i]}, never mid-epoch.
 * Python's {@code round} rounds halves to even, as {@link Math#rint} does.
 *
 * @param fractions {@code increase_skip_fraction}
 * @param values {@code skip_values}
 * @param initial the skip before the first threshold
 */
public record MaxSkipCurriculum(double[] fractions, List<Integer> values, int initial) {

    /**
     * @param it the iteration (0-based)
     * @param iterations the run's total iterations
     * @param epochLength iterations per epoch (at least 1)
     * @return the max skip of iteration {@code it}
     */
    public int maxSkip(int it, int iterations, int epochLength) {
        int totalEpoch = (int) Math.ceil((double) iterations / epochLength);
        int epoch = it / epochLength;
        int skip = initial;
        for (int i = 0; i < values.size() && i < fractions.length; i++) {
            if (epoch >= (long) Math.rint(totalEpoch * fractions[i])) {
                skip = values.get(i);
            } else {
                break;
            }
        }
        return skip;
    }

    /**
     * @param datasetSize samples of the dataset ({@code len(ConcatDataset)})
     * @param batchSize the batch size
     * @return {@code len(train_loader)} with drop_last, at least 1
     */
    public static int epochLength(int datasetSize, int batchSize) {
        return Math.max(1, datasetSize / batchSize);
    }
}
