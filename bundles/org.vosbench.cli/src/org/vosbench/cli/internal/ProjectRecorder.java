package org.vosbench.cli.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.vosbench.model.store.ProjectStore;

/**
 * {@code --project <file.vosbench>}: records what a command did in the workbench project,
 * creating the project when the file does not exist yet. Saving is atomic and keeps the
 * previous version as {@code .bak}.
 */
final class ProjectRecorder {

    private ProjectRecorder() {
    }

    static void record(Path projectFile, Consumer<ProjectStore> change) throws IOException {
        if (projectFile == null) {
            return;
        }
        ProjectStore store = ProjectStore.openOrCreate(projectFile.toAbsolutePath());
        change.accept(store);
        store.save();
        System.err.println("recorded in project " + store.file());
    }
}
