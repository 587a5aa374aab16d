package org.vosbench.dataset.youtubevos.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.vosbench.core.InvalidInputException;
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
 * YouTube-VOS 2018/2019: {@code <split>/meta.json}, {@code <split>/JPEGImages/<vid>/<frame>.jpg},
 * {@code <split>/Annotations/<vid>/<frame>.png} on the frames where an object first appears
 * (every frame in train), optionally the frames of {@code all_frames/<split>_all_frames/JPEGImages}
 * with results written only for the frames of the regular split, and STCN's {@code train_480p}
 * (whose {@code meta.json} may sit in {@code train/}). Object ids (non-contiguous) and categories
 * come from {@code meta.json}; results go to {@code <out>/Annotations/<vid>/<frame>.png}.
 */
public final class YouTubeVosFormat implements DatasetFormat {

    static final List<String> SPLITS = List.of("valid", "test", "train", "train_480p");
    static final String EXPECTED = "<split>/meta.json and <split>/JPEGImages/<video>/<frame>.jpg with split one of "
            + String.join(", ", SPLITS) + " (or the split folder itself)";

    @Override
    public String id() {
        return "youtubevos";
    }

    @Override
    public String name() {
        return "YouTube-VOS 2018/2019";
    }

    @Override
    public Detection detect(Path root) {
        String found = Folders.describe(root);
        if (isSplitFolder(root)) {
            return Detection.match(30, EXPECTED, found);
        }
        for (String split : SPLITS) {
            if (isSplitFolder(root.resolve(split))) {
                return Detection.match(30, EXPECTED, found + " (" + split + "/)");
            }
        }
        return Detection.noMatch(EXPECTED, found);
    }

    private static boolean isSplitFolder(Path dir) {
        return Files.isDirectory(dir.resolve("JPEGImages")) && (Files.isRegularFile(dir.resolve("meta.json"))
                || "train_480p".equals(String.valueOf(dir.getFileName())));
    }

    /**
     * The split folder a user's folder and options name, and the dataset folder above it.
     *
     * @param splitDir the split folder, e.g. {@code <root>/valid}
     * @param datasetRoot the folder holding the splits (and {@code all_frames/}); null if none
     */
    record Split(Path splitDir, Path datasetRoot) {

        /** @return the {@code meta.json} of the split (STCN's {@code train_480p}: the one in {@code train/}) */
        Path metaFile() {
            Path metaFile = splitDir.resolve("meta.json");
            if (!Files.exists(metaFile) && String.valueOf(splitDir.getFileName()).equals("train_480p")
                    && datasetRoot != null) {
                metaFile = datasetRoot.resolve("train").resolve("meta.json");
            }
            return metaFile;
        }
    }

    static Split split(Path root, DatasetOptions options) throws InvalidInputException {
        boolean splitInside = options.split().map(s -> Files.isDirectory(root.resolve(s))).orElse(false);
        if (isSplitFolder(root) && !splitInside) {
            return new Split(root, root.toAbsolutePath().getParent()); // the user pointed at the split folder itself
        }
        String split = options.split().orElseGet(() -> SPLITS.stream()
                .filter(s -> isSplitFolder(root.resolve(s))).findFirst().orElse("valid"));
        Path splitDir = root.resolve(split);
        if (!Files.isDirectory(splitDir)) {
            throw new InvalidInputException(splitDir, "no such split folder (found " + Folders.describe(root) + ")");
        }
        return new Split(splitDir, root);
    }

    @Override
    public Dataset open(Path root, DatasetOptions options) throws IOException {
        Split where = split(root, options);
        Path splitDir = where.splitDir();
        Path datasetRoot = where.datasetRoot();
        String split = String.valueOf(splitDir.getFileName());

        Optional<YouTubeVosMeta> meta = Optional.empty();
        Path metaFile = where.metaFile();
        if (Files.exists(metaFile)) {
            meta = Optional.of(YouTubeVosMeta.read(metaFile));
        }

        Path sparseImages = splitDir.resolve("JPEGImages");
        Path images = sparseImages;
        if (options.allFrames()) {
            if (datasetRoot == null) {
                throw new InvalidInputException(splitDir, "has no parent folder holding all_frames/");
            }
            images = datasetRoot.resolve("all_frames").resolve(split + "_all_frames").resolve("JPEGImages");
            if (!Files.isDirectory(images)) {
                throw new InvalidInputException(images, "no such folder (all frames were asked for)");
            }
        }

        FolderLayout.Builder layout = FolderLayout.builder(id(), root, images)
                .description("YouTube-VOS " + split + (options.allFrames() ? " (all frames)" : ""))
                .masks(splitDir.resolve("Annotations"))
                .givenMasks(GivenMasks.ALL)
                .resultSubfolder("Annotations");
        if (options.allFrames()) {
            layout.framesToWriteFrom(sparseImages);
        }
        if (meta.isPresent()) {
            Map<String, YouTubeVosMeta.Video> videos = meta.get().videos();
            layout.sequences(List.copyOf(videos.keySet()), meta.get().file())
                    .objectIds(vid -> ObjectIdSource.known(videos.get(vid).categories().keySet()))
                    .categories(vid -> videos.get(vid).categories());
        } else {
            layout.objectIds(vid -> ObjectIdSource.unionOfAnnotations());
        }
        return FolderReader.read(layout.build());
    }
}
