package org.vosbench.train.data;

import java.util.random.RandomGenerator;

/**
 * A {@link SampleSource} whose items can be asked for by index, as a PyTorch {@code Dataset}'s
 * {@code __getitem__}: a loop that walks epochs of shuffled indices (the official
 * {@code DistributedSampler}) uses this; {@link #sample(RandomGenerator, int)} picks the index
 * uniformly from the generator instead.
 */
public interface IndexedSampleSource extends SampleSource {

    /**
     * @param index {@code 0 <= index < size()}
     * @param rng every random choice of the sample (not the index) is drawn from it
     * @param maxSkip as {@link SampleSource#sample(RandomGenerator, int)}
     */
    TrainingSample sample(int index, RandomGenerator rng, int maxSkip);
}
