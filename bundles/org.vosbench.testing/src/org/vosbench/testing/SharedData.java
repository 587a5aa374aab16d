package org.vosbench.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the project's shared test data: {@code ../shared} beside the repository. */
public final class SharedData {

    private SharedData() {
    }

    /**
     * @return the shared folder: system property {@code vosbench.shared}, else the first
     *     {@code shared} folder with a {@code DESIGN.md} beside the working folder or one above it
     * @throws IllegalStateException when there is none
     */
    public static Path shared() {
        String property = System.getProperty("vosbench.shared");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null && dir.getParent() != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared");
            if (Files.isRegularFile(candidate.resolve("DESIGN.md"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("Cannot find the shared test data above " + Path.of("").toAbsolutePath()
                + ": set -Dvosbench.shared=<path>");
    }

    /** @return {@code shared/data}: datasets and the evaluation oracle */
    public static Path data() {
        return shared().resolve("data");
    }

    /** @return {@code shared/fixtures}: outputs of the official code */
    public static Path fixtures() {
        return shared().resolve("fixtures");
    }

    /** @return {@code shared/data/davis-real}: four real DAVIS sequences */
    public static Path davisReal() {
        return data().resolve("davis-real");
    }
}
