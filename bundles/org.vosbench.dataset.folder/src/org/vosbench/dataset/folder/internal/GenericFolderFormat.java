package org.vosbench.dataset.folder.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * Generic folders. Either STCN's {@code eval_generic.py} layout, {@code JPEGImages/<video>/<frame>.jpg|png}
 * with {@code Annotations/<video>/<frame>.png} only on the frames where objects are given; or a
 * single video: a folder of frames in natural order, with an optional folder of masks whose names
 * match the frames ({@link DatasetOptions#masks()}, else a sub-folder named {@code Annotations}
 * or {@code masks}). Every mask present is given; the objects are the labels of all of them.
 */
public final class GenericFolderFormat implements DatasetFormat {

    static final String EXPECTED = "JPEGImages/<video>/<frame>.jpg|png (with Annotations/<video>/<frame>.png "
            + "where objects are given), or a folder of .jpg/.png frames";
    static final List<String> MASK_FOLDERS = List.of("Annotations", "masks", "annotations", "Masks");

    @Override
    public String id() {
        return "folder";
    }

    @Override
    public String name() {
        return "Generic folders";
    }

    @Override
    public Detection detect(Path root) {
        String found = Folders.describe(root);
        Optional<Path> video = Folders.firstSubfolder(root.resolve("JPEGImages"));
        if (video.isPresent() && hasFrames(video.get())) {
            return Detection.match(10, EXPECTED, found);
        }
        if (hasFrames(root)) {
            return Detection.match(5, EXPECTED, found);
        }
        return Detection.noMatch(EXPECTED, found);
    }

    private static boolean hasFrames(Path dir) {
        try {
            return !Folders.list(dir, Folders::isImage).isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public Dataset open(Path root, DatasetOptions options) throws IOException {
        if (Files.isDirectory(root.resolve("JPEGImages")) && options.masks().isEmpty()) {
            FolderLayout layout = FolderLayout.builder(id(), root, root.resolve("JPEGImages"))
                    .description("Generic folders")
                    .masks(root.resolve("Annotations"))
                    .givenMasks(GivenMasks.ALL)
                    .objectIds(video -> ObjectIdSource.unionOfAnnotations())
                    .build();
            return FolderReader.read(layout);
        }
        Path masks = options.masks().orElse(null);
        if (masks == null) {
            masks = MASK_FOLDERS.stream().map(root::resolve).filter(Files::isDirectory).findFirst().orElse(null);
        } else if (!Files.isDirectory(masks)) {
            throw new InvalidInputException(masks, "no such folder of masks");
        }
        Path name = root.toAbsolutePath().normalize().getFileName();
        FolderLayout layout = FolderLayout.builder(id(), root, root)
                .description("Folder of frames")
                .singleSequence(name == null ? "video" : name.toString())
                .masks(masks)
                .givenMasks(GivenMasks.ALL)
                .objectIds(video -> ObjectIdSource.unionOfAnnotations())
                .build();
        return FolderReader.read(layout);
    }
}
