package org.vosbench.engine;

import java.util.List;

/**
 * Decides which propagated frames enter memory and which memory frames are dropped. Frames a
 * person (or the dataset) annotated always enter memory and are never dropped.
 *
 * <p>Frame schedule (both policies): a propagated frame becomes permanent memory when it lies
 * {@code memEvery} or more frames from the last permanent memory frame of the pass, and is
 * never memorised when it is the last frame of the pass (nothing would read it). This is
 * STCN's {@code inference_core_yv.py} rule; from an annotated frame 0 it selects exactly the
 * frames of {@code inference_core.py} ({@code t % memEvery == 0}). With {@code includeLast}
 * every other propagated frame becomes temporary memory, replaced by the next one.
 */
public interface MemoryPolicy {

    /** The built-in policies; settings name one of these, never a string. */
    enum Kind {
        /** STCN's: unbounded memory ({@link MemoryPolicy#stcn}). */
        STCN("stcn"),
        /** Flat memory on long videos ({@link MemoryPolicy#bounded}). */
        BOUNDED("bounded");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        /** @return the id used on the command line, in preferences and in run records */
        public String id() {
            return id;
        }

        /**
         * @param id {@code stcn} or {@code bounded} (any case)
         * @return the kind it names
         * @throws IllegalArgumentException for any other id, naming the known ones
         */
        public static Kind parse(String id) {
            for (Kind kind : values()) {
                if (kind.id.equalsIgnoreCase(id == null ? "" : id.strip())) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("Unknown memory policy '" + id + "': expected stcn or bounded");
        }

        @Override
        public String toString() {
            return id;
        }
    }

    /** What to do with a propagated frame. */
    enum Decision {
        /** Not memorised. */
        SKIP,
        /** Added to memory. */
        PERMANENT,
        /** Kept only until the next frame is memorised (STCN's "include last"). */
        TEMPORARY
    }

    /**
     * Statistics of one permanent memory frame, for eviction.
     *
     * @param frameIndex the frame
     * @param annotated whether it was given by a person or the dataset (never evicted)
     * @param usage sum of the top-k softmax weights that query positions put on this frame,
     *        over all reads since it entered memory (XMem's usage)
     * @param reads number of memory reads since it entered memory
     */
    record FrameStats(int frameIndex, boolean annotated, double usage, int reads) {

        /** @return mean usage per read; 0 before the first read */
        public double usageRate() {
            return reads == 0 ? 0 : usage / reads;
        }
    }

    /** @return which built-in policy this is */
    Kind kind();

    /**
     * @param distance frames between this frame and the last permanent memory frame of the pass
     * @param lastInPass whether this is the last frame the pass will propagate
     * @return what to do with the frame
     */
    Decision decide(int distance, boolean lastInPass);

    /**
     * Called after a permanent frame entered memory.
     *
     * @param frames all permanent memory frames, oldest first
     * @return the frame indices to drop (empty to keep all)
     */
    List<Integer> evict(List<FrameStats> frames);

    /**
     * STCN's policy: unbounded memory.
     *
     * @param memEvery memory frame interval (STCN: 5)
     * @param includeLast whether the last propagated frame is temporary memory
     * @return the policy
     */
    static MemoryPolicy stcn(int memEvery, boolean includeLast) {
        return new MemoryPolicies.Stcn(memEvery, includeLast);
    }

    /**
     * A bounded policy for long videos: the same schedule, but at most {@code maxFrames}
     * propagated frames stay in memory besides the annotated ones; when there are more, the one
     * with the lowest usage rate (least attended by top-k reads, as XMem/Cutie) is dropped.
     *
     * @param memEvery memory frame interval
     * @param includeLast whether the last propagated frame is temporary memory
     * @param maxFrames propagated frames kept at most, at least 1
     * @return the policy
     */
    static MemoryPolicy bounded(int memEvery, boolean includeLast, int maxFrames) {
        return new MemoryPolicies.Bounded(memEvery, includeLast, maxFrames);
    }
}
