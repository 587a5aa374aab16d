package org.vosbench.cli.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.vosbench.model.store.ProjectStore;

/**
 * {@code --project <file.vosbench>}: records what a command did in the workbench project,
 * creating the project when the file does not exist yet. Saving is atomic and keeps the
 * previous version as {@code .bak}.
 */
final class ProjectRecorder {

    private ProjectRecorder() {
    }

    /** A change to the project; may read files (a weights file's SHA-256). */
    interface Change {
        void apply(ProjectStore store) throws IOException;
    }

    static void record(Path projectFile, Change change) throws IOException {
        if (projectFile == null) {
            return;
        }
        ProjectStore store = ProjectStore.openOrCreate(projectFile.toAbsolutePath());
        change.apply(store);
        store.save();
        System.err.println("recorded in project " + store.file());
    }
}
