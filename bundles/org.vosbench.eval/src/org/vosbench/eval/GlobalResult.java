package org.vosbench.eval;

/**
 * The global figures: means over all objects of all sequences, as the toolkit's
 * {@code global_results-<set>.csv}.
 *
 * @param jAndFMean (J-Mean + F-Mean) / 2
 * @param jMean mean of the objects' J means
 * @param jRecall mean of the objects' J recalls
 * @param jDecay mean of the objects' J decays
 * @param fMean mean of the objects' F means
 * @param fRecall mean of the objects' F recalls
 * @param fDecay mean of the objects' F decays
 */
public record GlobalResult(double jAndFMean, double jMean, double jRecall, double jDecay, double fMean,
        double fRecall, double fDecay) {

    /** @return the values in the toolkit's column order */
    public double[] toArray() {
        return new double[] {jAndFMean, jMean, jRecall, jDecay, fMean, fRecall, fDecay};
    }
}
