package org.vosbench.dataset.layout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.IntStream;

import org.vosbench.core.InvalidInputException;
import org.vosbench.dataset.SequenceRef;

/**
 * The generic folder reader every format describes: lists frames and masks by file name, in
 * natural order, and never opens an image. Errors name the folder or file and the problem.
 */
public final class FolderReader {

    private FolderReader() {
    }

    /**
     * Lists the split a layout describes.
     *
     * @throws InvalidInputException for a missing or unreadable folder, a sequence named by the
     *     split without a folder, a sequence without frames, a mask without a frame of the same
     *     name, two frames with the same name
     */
    public static FolderDataset read(FolderLayout layout) throws IOException {
        List<SequenceRef> sequences = new ArrayList<>();
        if (layout.singleSequenceName != null) {
            sequences.add(readSequence(layout, layout.singleSequenceName, layout.imageRoot, layout.maskRoot, null));
        } else {
            List<String> names;
            if (layout.sequenceNames != null) {
                names = layout.sequenceNames;
                if (!Files.isDirectory(layout.imageRoot)) {
                    throw new InvalidInputException(layout.imageRoot,
                            Files.exists(layout.imageRoot) ? "is a file, not a folder" : "no such folder");
                }
            } else {
                names = Folders.subfolders(layout.imageRoot);
            }
            List<String> unique = new ArrayList<>(new LinkedHashSet<>(names)); // a name listed twice is listed once
            if (layout.sequenceNames != null) {
                for (String name : unique) {
                    Folders.checkName(name, layout.sequenceListFile);
                }
            }
            // Folders are listed in parallel: listing is all system calls, and a train split has
            // thousands. The first failing sequence in split order is reported.
            Object[] results = new Object[unique.size()];
            IntStream.range(0, unique.size()).parallel().forEach(i -> {
                try {
                    results[i] = readSequence(layout, unique.get(i));
                } catch (IOException | RuntimeException e) {
                    results[i] = e;
                }
            });
            for (Object result : results) {
                if (result instanceof IOException e) {
                    throw e;
                }
                if (result instanceof RuntimeException e) {
                    throw e;
                }
                sequences.add((SequenceRef) result);
            }
        }
        return new FolderDataset(layout.root, layout.formatId, layout.description, sequences, layout.resultSubfolder);
    }

    private static SequenceRef readSequence(FolderLayout layout, String name) throws IOException {
        Path images = layout.imageRoot.resolve(name);
        if (layout.sequenceNames != null && !Files.isDirectory(images)) {
            throw new InvalidInputException(layout.sequenceListFile, "sequence '" + name
                    + "' is listed but its frame folder " + images + " does not exist");
        }
        Path masks = layout.maskRoot == null ? null : layout.maskRoot.resolve(name);
        Path toWrite = layout.framesToWriteRoot == null ? null : layout.framesToWriteRoot.resolve(name);
        return readSequence(layout, name, images, masks, toWrite);
    }

    private static SequenceRef readSequence(FolderLayout layout, String name, Path images, Path masks, Path toWrite)
            throws IOException {
        List<String> imageFiles = Folders.list(images, Folders::isImage);
        if (imageFiles.isEmpty()) {
            throw new InvalidInputException(images, "no frames (.jpg, .jpeg or .png files) in sequence '" + name + "'");
        }
        List<SequenceRef.Frame> frames = new ArrayList<>(imageFiles.size());
        Map<String, Integer> indexByName = new HashMap<>();
        for (String file : imageFiles) {
            String stem = Folders.stem(file);
            Integer previous = indexByName.putIfAbsent(stem, frames.size());
            if (previous != null) {
                throw new InvalidInputException(images.resolve(file), "two frames are named '" + stem + "' ("
                        + frames.get(previous).image().getFileName() + " and " + file + ")");
            }
            frames.add(new SequenceRef.Frame(frames.size(), stem, images.resolve(file)));
        }

        SortedMap<Integer, Path> groundTruth = new TreeMap<>();
        if (masks != null && (Files.exists(masks) || layout.masksRequired)) {
            for (String file : Folders.list(masks, f -> Folders.extension(f).equals("png"))) {
                Integer index = indexByName.get(Folders.stem(file));
                if (index == null) {
                    throw new InvalidInputException(masks.resolve(file),
                            "mask has no frame of the same name in " + images);
                }
                groundTruth.put(index, masks.resolve(file));
            }
        } else if (layout.masksRequired) {
            throw new InvalidInputException(images, "sequence '" + name + "' has no mask folder");
        }

        SortedMap<Integer, Path> annotations = switch (layout.givenMasks) {
            case ALL -> groundTruth;
            case FIRST -> groundTruth.isEmpty() ? new TreeMap<>() : new TreeMap<>(groundTruth.headMap(groundTruth.firstKey() + 1));
        };

        List<Integer> framesToWrite = new ArrayList<>();
        if (toWrite == null) {
            for (int i = 0; i < frames.size(); i++) {
                framesToWrite.add(i);
            }
        } else {
            for (String file : Folders.list(toWrite, Folders::isImage)) {
                Integer index = indexByName.get(Folders.stem(file));
                if (index == null) {
                    throw new InvalidInputException(toWrite.resolve(file),
                            "frame to write is missing from the frames read in " + images);
                }
                framesToWrite.add(index);
            }
            framesToWrite.sort(null);
        }
        return new SequenceRef(name, frames, annotations, groundTruth, framesToWrite,
                layout.categories.apply(name), layout.objectIds.apply(name));
    }
}
