package org.vosbench.cli.internal;

import java.io.IOException;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

import org.vosbench.core.ImageReader;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.core.RgbImage;
import org.vosbench.dataset.SequenceRef;
import org.vosbench.engine.FrameSource;

/** A dataset sequence as the engine reads it: frames and the masks given as input. */
record SequenceFrames(SequenceRef sequence) implements FrameSource {

    @Override
    public int frameCount() {
        return sequence.length();
    }

    @Override
    public RgbImage image(int index) throws IOException {
        return ImageReader.readRgb(sequence.frame(index).image());
    }

    @Override
    public SortedSet<Integer> annotatedFrames() {
        return new TreeSet<>(sequence.annotations().keySet());
    }

    @Override
    public Optional<LabelMask> annotation(int index) throws IOException {
        var path = sequence.annotations().get(index);
        return path == null ? Optional.empty() : Optional.of(MaskIO.read(path));
    }
}
