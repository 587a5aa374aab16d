package org.vosbench.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * One video of a dataset, as listed on disk: its frames in order, the masks given as input to a
 * semi-supervised method, the ground truth, the object ids, and the frames whose results are
 * written. Immutable; nothing is decoded until {@link #objectIds()} is called, and that once.
 */
public final class SequenceRef {

    /**
     * One frame.
     *
     * @param index position in the sequence, from 0
     * @param name the original file name without extension (e.g. {@code 00000}); results are
     *     written under this name plus {@code .png}
     * @param image the image file
     */
    public record Frame(int index, String name, Path image) {
        public Frame {
            Objects.requireNonNull(name);
            Objects.requireNonNull(image);
        }
    }

    private final String name;
    private final List<Frame> frames;
    private final SortedMap<Integer, Path> annotations;
    private final SortedMap<Integer, Path> groundTruth;
    private final List<Integer> framesToWrite;
    private final Map<Integer, String> objectCategories;
    private final ObjectIdSource objectIdSource;
    private volatile SortedSet<Integer> objectIds;

    /**
     * @param name the sequence (video) name
     * @param frames the frames, indices 0..n-1 in order
     * @param annotations frame index to the mask given as input (DAVIS: the first frame only;
     *     YouTube-VOS and generic folders: every mask present)
     * @param groundTruth frame index to every mask file present (for evaluation)
     * @param framesToWrite the indices of the frames whose result masks the format asks for,
     *     ascending
     * @param objectCategories object id to category name where the format knows it (YouTube-VOS)
     * @param objectIdSource how the object ids are found
     */
    public SequenceRef(String name, List<Frame> frames, SortedMap<Integer, Path> annotations,
            SortedMap<Integer, Path> groundTruth, List<Integer> framesToWrite, Map<Integer, String> objectCategories,
            ObjectIdSource objectIdSource) {
        this.name = Objects.requireNonNull(name);
        this.frames = List.copyOf(frames);
        for (int i = 0; i < this.frames.size(); i++) {
            if (this.frames.get(i).index() != i) {
                throw new IllegalArgumentException("frame " + i + " has index " + this.frames.get(i).index());
            }
        }
        this.annotations = Collections.unmodifiableSortedMap(new TreeMap<>(annotations));
        this.groundTruth = Collections.unmodifiableSortedMap(new TreeMap<>(groundTruth));
        this.framesToWrite = List.copyOf(framesToWrite);
        this.objectCategories = Map.copyOf(objectCategories);
        this.objectIdSource = Objects.requireNonNull(objectIdSource);
        checkIndices(this.annotations.keySet(), "annotation");
        checkIndices(this.groundTruth.keySet(), "ground-truth");
        checkIndices(this.framesToWrite, "frame to write");
    }

    private void checkIndices(Iterable<Integer> indices, String what) {
        for (int i : indices) {
            if (i < 0 || i >= frames.size()) {
                throw new IllegalArgumentException(what + " index " + i + " outside 0.." + (frames.size() - 1));
            }
        }
    }

    /** @return the sequence (video) name, which is also its folder name */
    public String name() {
        return name;
    }

    /** @return the frames in order */
    public List<Frame> frames() {
        return frames;
    }

    /** @return the number of frames */
    public int length() {
        return frames.size();
    }

    /** @return the frame at this index */
    public Frame frame(int index) {
        return frames.get(index);
    }

    /** @return the frames' original names, in order */
    public List<String> frameNames() {
        return frames.stream().map(Frame::name).toList();
    }

    /** @return the frames' image files, in order */
    public List<Path> imagePaths() {
        return frames.stream().map(Frame::image).toList();
    }

    /** @return the index of the frame with this name (without extension) */
    public OptionalInt indexOf(String frameName) {
        return IntStream.range(0, frames.size()).filter(i -> frames.get(i).name().equals(frameName)).findFirst();
    }

    /**
     * @return frame index to the mask given as input to a semi-supervised method: DAVIS and
     *     BL30K the first annotated frame; YouTube-VOS and generic folders every mask present
     *     (objects may first appear on any of them)
     */
    public SortedMap<Integer, Path> annotations() {
        return annotations;
    }

    /** @return frame index to every mask file present, for evaluation (DAVIS test-dev: frame 0 only) */
    public SortedMap<Integer, Path> groundTruth() {
        return groundTruth;
    }

    /** @return the indices of the frames whose result masks are written, ascending */
    public List<Integer> framesToWrite() {
        return framesToWrite;
    }

    /** @return whether the format asks for this frame's result */
    public boolean isFrameToWrite(int index) {
        return Collections.binarySearch(framesToWrite, index) >= 0;
    }

    /** @return object id to category name, where the format knows it (YouTube-VOS); else empty */
    public Map<Integer, String> objectCategories() {
        return objectCategories;
    }

    /**
     * The object ids (1..254, possibly non-contiguous), ascending. Decodes a mask the first time
     * where the format keeps its object list in the masks (DAVIS: the labels of the first
     * annotated frame), then remembers the answer.
     *
     * @throws org.vosbench.core.InvalidInputException when that mask cannot be read
     */
    public SortedSet<Integer> objectIds() throws IOException {
        SortedSet<Integer> ids = objectIds;
        if (ids == null) {
            synchronized (this) {
                ids = objectIds;
                if (ids == null) {
                    ids = Collections.unmodifiableSortedSet(objectIdSource.objectIds(this));
                    objectIds = ids;
                }
            }
        }
        return ids;
    }

    /** @return whether {@link #objectIds()} would answer without decoding a mask */
    public boolean objectIdsKnown() {
        return objectIds != null || objectIdSource.isKnownWithoutDecoding();
    }

    @Override
    public String toString() {
        return "SequenceRef[" + name + ", " + frames.size() + " frames, annotated " + annotations.keySet() + "]";
    }
}
