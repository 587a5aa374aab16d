package org.vosbench.dataset.youtubevos.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds a YouTube-VOS split of zero-byte frames and masks: listing must work on it, decoding
 * any of its images would fail.
 */
final class SyntheticYouTubeVos {

    private SyntheticYouTubeVos() {
    }

    /**
     * {@code <root>/<split>/meta.json}, {@code JPEGImages/v<i>/<frame>.jpg} with frames named
     * {@code 5*(j+1)} zero-padded (not starting at 0), and {@code Annotations} on the first frame
     * (or on every frame when {@code annotateAll}); object ids 1 and 3.
     */
    static Path build(Path root, String split, int videos, int frames, boolean annotateAll) throws IOException {
        Path dir = root.resolve(split);
        StringBuilder meta = new StringBuilder("{\"videos\": {");
        for (int v = 0; v < videos; v++) {
            String vid = String.format("v%05d", v);
            Path images = Files.createDirectories(dir.resolve("JPEGImages").resolve(vid));
            Path masks = Files.createDirectories(dir.resolve("Annotations").resolve(vid));
            for (int f = 0; f < frames; f++) {
                String name = String.format("%05d", 5 * (f + 1));
                Files.createFile(images.resolve(name + ".jpg"));
                if (annotateAll || f == 0) {
                    Files.createFile(masks.resolve(name + ".png"));
                }
            }
            meta.append(v == 0 ? "" : ",").append('"').append(vid)
                    .append("\": {\"objects\": {\"1\": {\"category\": \"person\", \"frames\": [\"00005\"]},"
                            + " \"3\": {\"category\": \"dog\", \"frames\": [\"00005\"]}}}");
        }
        meta.append("}}");
        Files.writeString(dir.resolve("meta.json"), meta);
        return dir;
    }
}
