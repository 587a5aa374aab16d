package org.vosbench.testing.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.vosbench.dataset.ObjectIdSource;
import org.vosbench.dataset.SequenceRef;

/** DAVIS 480p sequences of the shared data as test inputs, for tests that open one without the format service. */
public final class DavisSequences {

    private DavisSequences() {
    }

    /**
     * A sequence as the DAVIS format lists it: every 480p frame, the annotation of the first annotated
     * frame given, the ground truth of every annotated frame.
     *
     * @param root a DAVIS folder ({@code JPEGImages/480p}, {@code Annotations/480p})
     */
    public static SequenceRef of(Path root, String name) throws IOException {
        List<SequenceRef.Frame> frames = new ArrayList<>();
        List<Path> images;
        try (Stream<Path> s = Files.list(root.resolve("JPEGImages/480p").resolve(name))) {
            images = s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        }
        SortedMap<Integer, Path> gt = new TreeMap<>();
        for (int i = 0; i < images.size(); i++) {
            String frameName = images.get(i).getFileName().toString().replace(".jpg", "");
            frames.add(new SequenceRef.Frame(i, frameName, images.get(i)));
            Path png = root.resolve("Annotations/480p").resolve(name).resolve(frameName + ".png");
            if (Files.isRegularFile(png)) {
                gt.put(i, png);
            }
        }
        SortedMap<Integer, Path> given = new TreeMap<>();
        given.put(gt.firstKey(), gt.get(gt.firstKey()));
        List<Integer> all = IntStream.range(0, frames.size()).boxed().toList();
        return new SequenceRef(name, frames, given, gt, all, Map.of(), ObjectIdSource.firstAnnotatedFrame());
    }
}
