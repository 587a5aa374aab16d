package org.vosbench.ui.editor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.IntFunction;

import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;

/**
 * The masks of one sequence in memory: each frame's label mask (read lazily from its source file),
 * its {@link FrameState}, and which frames changed since the last save. Knows nothing of undo, files
 * on disk beyond reading a mask, or listeners: {@link SequenceDocument} coordinates those.
 * <p>
 * Not thread-safe (the document's thread).
 */
final class MaskStore {

    private final int width;
    private final int height;
    private final LabelMask[] masks;
    private final Path[] sources;
    private final FrameState[] states;
    private final BitSet touched = new BitSet();

    MaskStore(int frames, int width, int height) {
        this.width = width;
        this.height = height;
        this.masks = new LabelMask[frames];
        this.sources = new Path[frames];
        this.states = new FrameState[frames];
        Arrays.fill(states, FrameState.NONE);
    }

    int frameCount() {
        return states.length;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    FrameState state(int frame) {
        return states[frame];
    }

    /** The frame's mask, read from its source on first use; null when it has none. Live: callers change it in place. */
    LabelMask mask(int frame) {
        if (masks[frame] == null && sources[frame] != null) {
            try {
                LabelMask m = MaskIO.read(sources[frame]);
                if (m.width() != width || m.height() != height) {
                    throw new IOException(sources[frame] + ": mask is " + m.width() + "x" + m.height()
                            + " but the frames are " + width + "x" + height);
                }
                masks[frame] = m;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return masks[frame];
    }

    /** A frame as read from disk: its state and the file its mask is read from when first used (not a change). */
    void loaded(int frame, FrameState state, Path source) {
        states[frame] = state;
        sources[frame] = source;
        masks[frame] = null;
    }

    /** A change of a frame: its mask (null for none) and state, held in memory until the next save. */
    void set(int frame, LabelMask mask, FrameState state) {
        masks[frame] = mask;
        sources[frame] = null;
        states[frame] = state;
        touched.set(frame);
    }

    /** An empty mask for a frame that has none, to paint into; no change until {@link #set}. */
    LabelMask createEmpty(int frame) {
        masks[frame] = LabelMask.empty(width, height);
        return masks[frame];
    }

    /** Drops the mask {@link #createEmpty} made when nothing was painted into it. */
    void dropEmpty(int frame) {
        masks[frame] = null;
    }

    boolean isTouched(int frame) {
        return touched.get(frame);
    }

    /** After a save: every frame with a state is read again from {@code maskFile} when needed, none is changed. */
    void saved(IntFunction<Path> maskFile) {
        for (int i = 0; i < states.length; i++) {
            sources[i] = states[i] == FrameState.NONE ? null : maskFile.apply(i);
        }
        touched.clear();
    }

    /** Frames a person made (annotated or edited), ascending. */
    SortedSet<Integer> personFrames() {
        SortedSet<Integer> result = new TreeSet<>();
        for (int i = 0; i < states.length; i++) {
            if (states[i].isPersonMade()) {
                result.add(i);
            }
        }
        return result;
    }

    /** Frames in a state, ascending. */
    SortedSet<Integer> framesIn(FrameState state) {
        SortedSet<Integer> result = new TreeSet<>();
        for (int i = 0; i < states.length; i++) {
            if (states[i] == state) {
                result.add(i);
            }
        }
        return result;
    }

    /** Every frame's state by index. */
    Map<Integer, FrameState> states() {
        Map<Integer, FrameState> all = new HashMap<>();
        for (int i = 0; i < states.length; i++) {
            all.put(i, states[i]);
        }
        return all;
    }
}
