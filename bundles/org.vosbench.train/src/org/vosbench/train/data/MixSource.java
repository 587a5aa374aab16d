package org.vosbench.train.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The official {@code ConcatDataset}: sources one after the other, each repeated a number of times
 * (stage 2/3: DAVIS five times, then YouTube-VOS; stage 0: BIG and HRSOD five times). An index of the
 * concatenation maps to one item of one source, so a uniform index draws each source with the weight
 * {@code size x repeat}, as the official loader's shuffled epochs do.
 */
public final class MixSource implements IndexedSampleSource {

    /**
     * @param source the source
     * @param repeat how many times it appears in the concatenation, at least 1
     */
    public record Part(IndexedSampleSource source, int repeat) {
        public Part {
            Objects.requireNonNull(source);
            if (repeat < 1) {
                throw new IllegalArgumentException("repeat " + repeat + ": must be at least 1");
            }
        }
    }

    private final List<Part> parts;
    private final int[] ends;
    private final int size;

    public MixSource(List<Part> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a mix needs at least one source");
        }
        this.parts = List.copyOf(parts);
        this.ends = new int[this.parts.size()];
        long total = 0;
        for (int i = 0; i < ends.length; i++) {
            Part p = this.parts.get(i);
            total += (long) p.source().size() * p.repeat();
            if (total > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("the mix has more than 2^31 items");
            }
            ends[i] = (int) total;
        }
        this.size = (int) total;
        if (size == 0) {
            throw new IllegalArgumentException("the mix's sources are all empty");
        }
    }

    public List<Part> parts() {
        return parts;
    }

    /** @return the part that index {@code index} of the concatenation falls into */
    public int partOf(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of a mix of " + size);
        }
        int i = 0;
        while (index >= ends[i]) {
            i++;
        }
        return i;
    }

    @Override
    public TrainingSample sample(int index, RandomGenerator rng, int maxSkip) {
        int part = partOf(index);
        int start = part == 0 ? 0 : ends[part - 1];
        IndexedSampleSource source = parts.get(part).source();
        return source.sample((index - start) % source.size(), rng, maxSkip);
    }

    @Override
    public TrainingSample sample(RandomGenerator rng, int maxSkip) {
        return sample(rng.nextInt(size), rng, maxSkip);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public String describe() {
        List<String> lines = new ArrayList<>();
        for (Part p : parts) {
            lines.add((p.repeat() > 1 ? p.repeat() + " x " : "") + p.source().describe());
        }
        return String.join("; ", lines);
    }
}
