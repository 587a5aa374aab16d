package org.vosbench.engine.stcn.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.vosbench.core.ImageReader;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.core.RgbImage;
import org.vosbench.engine.FrameSource;

/** One parity case as a {@link FrameSource}: DAVIS layout ({@code 480p/}) or the generic folder layout. */
final class FixtureSequence implements FrameSource {

    private final List<Path> frames;
    private final Path annotations;
    private final SortedSet<Integer> annotated = new TreeSet<>();

    FixtureSequence(Path root, String name) throws IOException {
        Path images = root.resolve("JPEGImages/480p").resolve(name);
        if (Files.isDirectory(images)) {
            annotations = root.resolve("Annotations/480p").resolve(name);
        } else {
            images = root.resolve("JPEGImages").resolve(name);
            annotations = root.resolve("Annotations").resolve(name);
        }
        try (Stream<Path> list = Files.list(images)) {
            frames = list.sorted().toList();
        }
        for (int i = 0; i < frames.size(); i++) {
            if (Files.isRegularFile(maskPath(i))) {
                annotated.add(i);
            }
        }
    }

    private Path maskPath(int index) {
        return annotations.resolve(frameName(index) + ".png");
    }

    /** @param index frame index @return its file name without extension */
    String frameName(int index) {
        String name = frames.get(index).getFileName().toString();
        return name.substring(0, name.lastIndexOf('.'));
    }

    @Override
    public int frameCount() {
        return frames.size();
    }

    @Override
    public RgbImage image(int index) throws IOException {
        return ImageReader.readRgb(frames.get(index));
    }

    @Override
    public SortedSet<Integer> annotatedFrames() {
        return annotated;
    }

    @Override
    public Optional<LabelMask> annotation(int index) throws IOException {
        return annotated.contains(index) ? Optional.of(MaskIO.read(maskPath(index))) : Optional.empty();
    }
}
