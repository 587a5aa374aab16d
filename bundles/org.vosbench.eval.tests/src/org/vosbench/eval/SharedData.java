package org.vosbench.eval;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the project's shared test data ({@code ../shared} beside the repository). */
final class SharedData {

    private SharedData() {
    }

    /** @return the shared folder: system property {@code vosbench.shared}, else found walking up */
    static Path shared() {
        String property = System.getProperty("vosbench.shared");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared");
            if (dir.getParent() != null && Files.isRegularFile(candidate.resolve("DESIGN.md"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("Cannot find the shared test data: set -Dvosbench.shared=<path>");
    }

    /** @return the shared data folder */
    static Path data() {
        return shared().resolve("data");
    }
}
