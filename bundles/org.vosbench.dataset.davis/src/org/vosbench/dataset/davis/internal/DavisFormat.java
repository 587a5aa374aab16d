package org.vosbench.dataset.davis.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * DAVIS 2016/2017: {@code JPEGImages/<res>/<seq>/*.jpg}, {@code Annotations/<res>/<seq>/*.png},
 * {@code ImageSets/<year>/<split>.txt}, resolutions {@code 480p} and {@code Full-Resolution}.
 * The first annotated frame is given; its labels are the objects (as davis2017-evaluation);
 * every mask present is ground truth (test-dev: the first frame only).
 */
public final class DavisFormat implements DatasetFormat {

    static final String EXPECTED = "JPEGImages/<480p|Full-Resolution>/<sequence>/*.jpg, "
            + "Annotations/<resolution>/<sequence>/*.png and ImageSets/<year>/<split>.txt";
    static final List<String> RESOLUTIONS = List.of("480p", "Full-Resolution");

    @Override
    public String id() {
        return "davis";
    }

    @Override
    public String name() {
        return "DAVIS 2016/2017";
    }

    @Override
    public Detection detect(Path root) {
        String found = Folders.describe(root);
        Optional<String> resolution = RESOLUTIONS.stream()
                .filter(r -> Files.isDirectory(root.resolve("JPEGImages").resolve(r))).findFirst();
        if (resolution.isEmpty()) {
            return Detection.noMatch(EXPECTED, found + (Files.isDirectory(root.resolve("JPEGImages"))
                    ? " (JPEGImages/ holds " + Folders.describe(root.resolve("JPEGImages")) + ")" : ""));
        }
        if (!Files.isDirectory(root.resolve("ImageSets"))) {
            return Detection.noMatch(EXPECTED, found + " (no ImageSets/)");
        }
        return Detection.match(30, EXPECTED, found + " (JPEGImages/" + resolution.get() + ")");
    }

    @Override
    public Dataset open(Path root, DatasetOptions options) throws IOException {
        String resolution = options.resolution().orElseGet(() -> RESOLUTIONS.stream()
                .filter(r -> Files.isDirectory(root.resolve("JPEGImages").resolve(r))).findFirst().orElse("480p"));
        if (!RESOLUTIONS.contains(resolution)) {
            throw new InvalidInputException(root, "DAVIS has no resolution '" + resolution + "' (use one of " + RESOLUTIONS + ")");
        }
        Path imageSets = root.resolve("ImageSets");
        String year = options.year().orElseGet(() -> defaultYear(imageSets));
        Path splitFolder = !Files.isDirectory(imageSets.resolve(year)) && year.equals("2016")
                ? imageSets.resolve(resolution) // the DAVIS 2016 download: ImageSets/480p/<split>.txt
                : imageSets.resolve(year);
        String split = options.split().orElseGet(() -> defaultSplit(splitFolder));
        Path splitFile = splitFolder.resolve(split + ".txt");
        if (!Files.isRegularFile(splitFile)) {
            throw new InvalidInputException(splitFile, "no such split file (the splits there: "
                    + splitsIn(splitFolder) + ")");
        }
        List<String> sequences = readSplit(splitFile, resolution);
        ObjectIdSource objects = year.equals("2016") ? ObjectIdSource.singleObject() : ObjectIdSource.firstAnnotatedFrame();
        FolderLayout layout = FolderLayout.builder(id(), root, root.resolve("JPEGImages").resolve(resolution))
                .description("DAVIS " + year + " " + split + " (" + resolution + ")")
                .masks(root.resolve("Annotations").resolve(resolution))
                .masksRequired(true)
                .sequences(sequences, splitFile)
                .givenMasks(GivenMasks.FIRST)
                .objectIds(name -> objects)
                .build();
        return FolderReader.read(layout);
    }

    private static String defaultYear(Path imageSets) {
        if (Files.isDirectory(imageSets.resolve("2017")) || !Files.isDirectory(imageSets.resolve("2016"))) {
            return "2017";
        }
        return "2016";
    }

    private static String defaultSplit(Path splitFolder) {
        if (Files.isRegularFile(splitFolder.resolve("val.txt"))) {
            return "val";
        }
        try {
            return Folders.list(splitFolder, n -> n.endsWith(".txt")).stream().findFirst()
                    .map(Folders::stem).orElse("val");
        } catch (IOException e) {
            return "val";
        }
    }

    private static String splitsIn(Path splitFolder) {
        try {
            List<String> names = Folders.list(splitFolder, n -> n.endsWith(".txt")).stream().map(Folders::stem).toList();
            return names.isEmpty() ? "none" : String.join(", ", names);
        } catch (IOException e) {
            return Folders.describe(splitFolder);
        }
    }

    /**
     * One sequence name per line; the DAVIS 2016 split files instead hold image/mask path pairs
     * ({@code /JPEGImages/480p/bear/00000.jpg /Annotations/480p/bear/00000.png}), whose sequence
     * is the folder after the resolution.
     */
    static List<String> readSplit(Path splitFile, String resolution) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(splitFile, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidInputException(splitFile, "split file cannot be read: " + e.getMessage(), e);
        }
        List<String> names = new ArrayList<>();
        for (String line : lines) {
            String entry = line.strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            if (entry.contains("/")) {
                String[] parts = entry.split("\\s+")[0].split("/");
                int at = List.of(parts).indexOf("JPEGImages");
                if (at < 0 || at + 2 >= parts.length) {
                    throw new InvalidInputException(splitFile, "line '" + entry + "' names no sequence");
                }
                entry = parts[at + 2];
            }
            if (!names.contains(entry)) {
                names.add(entry);
            }
        }
        if (names.isEmpty()) {
            throw new InvalidInputException(splitFile, "split file lists no sequence");
        }
        return names;
    }
}
