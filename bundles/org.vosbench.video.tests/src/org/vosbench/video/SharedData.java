package org.vosbench.video;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds ../shared (fixtures and DAVIS data): -Dvosbench.shared, else beside a parent folder. */
final class SharedData {

    private SharedData() {
    }

    static Path root() {
        String property = System.getProperty("vosbench.shared");
        if (property != null && Files.isRegularFile(Path.of(property, "DESIGN.md"))) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared");
            if (Files.isRegularFile(candidate.resolve("DESIGN.md"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("../shared not found; set -Dvosbench.shared");
    }
}
