package org.vosbench.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Small DAVIS-layout datasets made in a test's folder from the frames in ../shared. */
final class TestDatasets {

    private TestDatasets() {
    }

    /**
     * Sequences made of the stcn-parity synthetic frames (160x96 PNG), repeated to {@code frames} frames,
     * with the given first-frame mask.
     */
    static Path synthetic(Path root, List<String> sequences, int frames) throws IOException {
        Path source = SharedData.root().resolve("fixtures/stcn-parity/synthetic");
        for (String name : sequences) {
            Path images = Files.createDirectories(root.resolve("JPEGImages/480p").resolve(name));
            for (int i = 0; i < frames; i++) {
                Files.copy(source.resolve(String.format("JPEGImages/480p/synthetic/%05d.png", i % 8)),
                        images.resolve(String.format("%05d.png", i)));
            }
            Path masks = Files.createDirectories(root.resolve("Annotations/480p").resolve(name));
            Files.copy(source.resolve("Annotations/480p/synthetic/00000.png"), masks.resolve("00000.png"));
        }
        Files.createDirectories(root.resolve("ImageSets/2017"));
        Files.writeString(root.resolve("ImageSets/2017/val.txt"), String.join("\n", sequences) + "\n");
        return root;
    }

    /** The first {@code frames} JPEG frames of the two davis-real sequences, with their first-frame masks. */
    static Path davisReal(Path root, int frames) throws IOException {
        Path source = SharedData.root().resolve("data/davis-real");
        List<String> sequences = List.of("car-roundabout", "drift-straight");
        for (String name : sequences) {
            Path images = Files.createDirectories(root.resolve("JPEGImages/480p").resolve(name));
            for (int i = 0; i < frames; i++) {
                String f = String.format("%05d.jpg", i);
                Files.copy(source.resolve("JPEGImages/480p").resolve(name).resolve(f), images.resolve(f));
            }
            Path masks = Files.createDirectories(root.resolve("Annotations/480p").resolve(name));
            Files.copy(source.resolve("Annotations/480p").resolve(name).resolve("00000.png"), masks.resolve("00000.png"));
        }
        Files.createDirectories(root.resolve("ImageSets/2017"));
        Files.writeString(root.resolve("ImageSets/2017/val.txt"), String.join("\n", sequences) + "\n");
        return root;
    }
}
