package org.vosbench.train.data;

import java.util.random.RandomGenerator;

/**
 * Draws training samples: one official STCN training dataset ({@code VOSDataset},
 * {@code StaticTransformDataset}, BL30K's variant) or a mix of them. Implementations are
 * deterministic: the same generator state and arguments give the same sample, so a run with a
 * seed (and a resumed run) sees the same data.
 */
public interface SampleSource {

    /**
     * @param rng the run's generator; every random choice of the sample is drawn from it
     * @param maxSkip the largest jump between the three frames (the official curriculum's current
     *            value); sources of static images ignore it
     * @return one sample
     */
    TrainingSample sample(RandomGenerator rng, int maxSkip);

    /** @return how many sequences (or images) the source draws from, for messages and epochs */
    int size();

    /** @return a short description (dataset roots and counts) for logs and the run record */
    String describe();
}
