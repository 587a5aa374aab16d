package org.vosbench.train.data;

/**
 * The official max-skip curriculum ({@code train.py}): the largest jump between the three frames
 * starts at 5 and becomes 10, 15, 20, 25 and finally 5 again once training passes 10%, 20%, 30%, 40%
 * and 80% (stage 1, BL30K) or 90% (stages 2 and 3) of its epochs; it changes only between epochs, at
 * {@code round(epochs x fraction)} (Python's rounding, half to even). Stage 0 has none (its samples
 * come from one image).
 */
public final class SkipCurriculum {

    /** The skip before the first change. */
    public static final int INITIAL = 5;

    private static final int[] VALUES = {10, 15, 20, 25, 5};
    private static final double[] BL30K_FRACTIONS = {0.1, 0.2, 0.3, 0.4, 0.8};
    private static final double[] MAIN_FRACTIONS = {0.1, 0.2, 0.3, 0.4, 0.9};

    private final double[] fractions;

    private SkipCurriculum(double[] fractions) {
        this.fractions = fractions;
    }

    /**
     * @return the stage's curriculum: stage 1's for {@link Stage#BL30K}, the main stages' for 2, 3 and
     *         fine-tuning (which continues a main-stage network on video)
     * @throws IllegalArgumentException for stage 0, which has none
     */
    public static SkipCurriculum of(Stage stage) {
        return switch (stage) {
            case STATIC -> throw new IllegalArgumentException("stage 0 samples static images: no max-skip curriculum");
            case BL30K -> new SkipCurriculum(BL30K_FRACTIONS);
            default -> new SkipCurriculum(MAIN_FRACTIONS);
        };
    }

    /**
     * @param epoch the current epoch, from 0
     * @param epochs how many epochs the run has ({@code ceil(iterations / iterationsPerEpoch)})
     * @return the max skip during that epoch
     */
    public int maxSkipAtEpoch(int epoch, int epochs) {
        if (epoch < 0 || epochs < 1) {
            throw new IllegalArgumentException("epoch " + epoch + " of " + epochs);
        }
        int skip = INITIAL;
        for (int i = 0; i < VALUES.length; i++) {
            if (epoch >= Math.rint(epochs * fractions[i])) {
                skip = VALUES[i];
            }
        }
        return skip;
    }

    /**
     * The skip at an iteration, with the official epochs: {@code iterationsPerEpoch} is the loader's
     * length (the samples of an epoch divided by the batch size, rounded down).
     *
     * @param iteration from 0
     * @param iterations the run's total
     */
    public int maxSkipAtIteration(long iteration, long iterations, long iterationsPerEpoch) {
        if (iterationsPerEpoch < 1 || iterations < 1 || iteration < 0) {
            throw new IllegalArgumentException("iteration " + iteration + " of " + iterations + ", "
                    + iterationsPerEpoch + " per epoch");
        }
        long epochs = (iterations + iterationsPerEpoch - 1) / iterationsPerEpoch;
        long epoch = Math.min(iteration / iterationsPerEpoch, epochs - 1);
        return maxSkipAtEpoch((int) epoch, (int) epochs);
    }
}
