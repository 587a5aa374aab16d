package org.vosbench.engine;

import java.util.Comparator;
import java.util.List;

/** The built-in memory policies; create them through {@link MemoryPolicy}'s factories. */
final class MemoryPolicies {

    private MemoryPolicies() {
    }

    static MemoryPolicy.Decision schedule(int memEvery, boolean includeLast, int distance, boolean lastInPass) {
        if (lastInPass) {
            return MemoryPolicy.Decision.SKIP;
        }
        if (distance >= memEvery) {
            return MemoryPolicy.Decision.PERMANENT;
        }
        return includeLast ? MemoryPolicy.Decision.TEMPORARY : MemoryPolicy.Decision.SKIP;
    }

    private static void checkMemEvery(int memEvery) {
        if (memEvery < 1) {
            throw new IllegalArgumentException("memEvery must be at least 1: " + memEvery);
        }
    }

    record Stcn(int memEvery, boolean includeLast) implements MemoryPolicy {
        Stcn {
            checkMemEvery(memEvery);
        }

        @Override
        public Kind kind() {
            return Kind.STCN;
        }

        @Override
        public Decision decide(int distance, boolean lastInPass) {
            return schedule(memEvery, includeLast, distance, lastInPass);
        }

        @Override
        public List<Integer> evict(List<FrameStats> frames) {
            return List.of();
        }
    }

    record Bounded(int memEvery, boolean includeLast, int maxFrames) implements MemoryPolicy {
        Bounded {
            checkMemEvery(memEvery);
            if (maxFrames < 1) {
                throw new IllegalArgumentException("maxMemoryFrames must be at least 1: " + maxFrames);
            }
        }

        @Override
        public Kind kind() {
            return Kind.BOUNDED;
        }

        @Override
        public Decision decide(int distance, boolean lastInPass) {
            return schedule(memEvery, includeLast, distance, lastInPass);
        }

        @Override
        public List<Integer> evict(List<FrameStats> frames) {
            List<FrameStats> candidates = frames.stream().filter(f -> !f.annotated()).toList();
            int excess = candidates.size() - maxFrames;
            if (excess <= 0) {
                return List.of();
            }
            // The newest frame has not been read yet: never drop it for lack of usage.
            FrameStats newest = candidates.get(candidates.size() - 1);
            return candidates.stream()
                    .filter(f -> f != newest)
                    .sorted(Comparator.comparingDouble(FrameStats::usageRate).thenComparingInt(FrameStats::frameIndex))
                    .limit(excess)
                    .map(FrameStats::frameIndex)
                    .toList();
        }
    }
}
