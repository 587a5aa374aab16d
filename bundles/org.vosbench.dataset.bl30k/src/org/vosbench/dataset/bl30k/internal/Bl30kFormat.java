package org.vosbench.dataset.bl30k.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.vosbench.dataset.Dataset;
import org.vosbench.dataset.DatasetFormat;
import org.vosbench.dataset.DatasetOptions;
import org.vosbench.dataset.Detection;
import org.vosbench.dataset.ObjectIdSource;
import org.vosbench.dataset.layout.FolderLayout;
import org.vosbench.dataset.layout.FolderLayout.GivenMasks;
import org.vosbench.dataset.layout.FolderReader;
import org.vosbench.dataset.layout.Folders;

/**
 * BL30K (MiVOS's synthetic set): {@code JPEGImages/<video>/%05d.jpg} and a palette mask for every
 * frame in {@code Annotations/<video>/%05d.png} (768x512, 160 frames, 3-5 objects). As DAVIS, the
 * first frame is given and its labels are the objects; every mask is ground truth.
 */
public final class Bl30kFormat implements DatasetFormat {

    static final String EXPECTED = "JPEGImages/<video>/%05d.jpg with a mask for every frame in "
            + "Annotations/<video>/%05d.png";
    private static final Pattern FRAME = Pattern.compile("\\d{5}\\.jpg");
    private static final Pattern MASK = Pattern.compile("\\d{5}\\.png");

    @Override
    public String id() {
        return "bl30k";
    }

    @Override
    public String name() {
        return "BL30K";
    }

    @Override
    public Detection detect(Path root) {
        String found = Folders.describe(root);
        Optional<Path> video = Folders.firstSubfolder(root.resolve("JPEGImages"));
        if (video.isEmpty() || !Files.isDirectory(root.resolve("Annotations"))) {
            return Detection.noMatch(EXPECTED, found);
        }
        String name = video.get().getFileName().toString();
        try {
            List<String> frames = Folders.list(video.get(), Folders::isImage);
            List<String> masks = Folders.list(root.resolve("Annotations").resolve(name), f -> f.endsWith(".png"));
            boolean numbered = !frames.isEmpty() && frames.stream().allMatch(f -> FRAME.matcher(f).matches())
                    && masks.stream().allMatch(f -> MASK.matcher(f).matches());
            String seen = found + " (JPEGImages/" + name + ": " + frames.size() + " frames"
                    + (frames.isEmpty() ? "" : " like " + frames.get(0)) + "; Annotations/" + name + ": "
                    + masks.size() + " masks)";
            if (numbered && masks.size() == frames.size()) {
                return Detection.match(20, EXPECTED, seen);
            }
            return Detection.noMatch(EXPECTED, seen);
        } catch (IOException e) {
            return Detection.noMatch(EXPECTED, found + " (" + e.getMessage() + ")");
        }
    }

    @Override
    public Dataset open(Path root, DatasetOptions options) throws IOException {
        FolderLayout layout = FolderLayout.builder(id(), root, root.resolve("JPEGImages"))
                .description("BL30K")
                .masks(root.resolve("Annotations"))
                .masksRequired(true)
                .givenMasks(GivenMasks.FIRST)
                .objectIds(video -> ObjectIdSource.firstAnnotatedFrame())
                .build();
        return FolderReader.read(layout);
    }
}
