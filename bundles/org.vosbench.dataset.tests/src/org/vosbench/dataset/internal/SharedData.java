package org.vosbench.dataset.internal;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the project's shared test data: system property {@code vosbench.shared}, else a sibling {@code shared/} of a parent folder. */
final class SharedData {

    private SharedData() {
    }

    static Path root() {
        String property = System.getProperty("vosbench.shared");
        if (property != null) {
            return Path.of(property);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path shared = dir.resolveSibling("shared");
            if (Files.isRegularFile(shared.resolve("DESIGN.md"))) {
                return shared;
            }
        }
        throw new IllegalStateException("shared/ test data not found above " + Path.of("").toAbsolutePath()
                + "; set -Dvosbench.shared=<path>");
    }
}
