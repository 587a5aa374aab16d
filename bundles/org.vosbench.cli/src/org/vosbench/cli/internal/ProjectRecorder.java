package org.vosbench.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.vosbench.core.InvalidInputException;
import org.vosbench.core.OutputInUseException;
import org.vosbench.core.OutputLock;
import org.vosbench.core.RunOutput;
import org.vosbench.model.store.ProjectChangedOnDiskException;
import org.vosbench.model.store.ProjectStore;

/**
 * {@code --project <file.vosbench>}: records what a command did in the workbench project,
 * creating the project when the file does not exist yet. Saving is atomic and keeps the
 * previous version as {@code .bak}.
 */
final class ProjectRecorder {

    private ProjectRecorder() {
    }

    /**
     * Checks a {@code --project} file before the command does its work, so that a bad one fails before
     * anything is written: an existing file must load, a new one must have a folder to go in.
     */
    static void check(Path projectFile) throws IOException {
        if (projectFile == null) {
            return;
        }
        Path file = projectFile.toAbsolutePath().normalize();
        if (Files.exists(file)) {
            ProjectStore.load(file);
        } else if (file.getParent() != null && Files.exists(file.getParent()) && !Files.isDirectory(file.getParent())) {
            throw new InvalidInputException(file.getParent(), "is a file, but the project " + file.getFileName()
                    + " needs a folder to go in");
        }
    }

    static void record(Path projectFile, Consumer<ProjectStore> change) throws IOException {
        if (projectFile == null) {
            return;
        }
        Path file = projectFile.toAbsolutePath().normalize();
        // load-change-save under the project's lock, so that two commands recording at once (or a command
        // and another process that uses the lock) add both records instead of one refusing the other's save;
        // a live holder is waited for, a few seconds at most
        for (int attempt = 0;; attempt++) {
            try (OutputLock lock = OutputLock.acquire(file, RunOutput.newRunId(), "vosbench --project")) {
                ProjectStore store = ProjectStore.openOrCreate(file);
                change.accept(store);
                store.save();
                System.err.println("recorded in project " + store.file());
                return;
            } catch (OutputInUseException | ProjectChangedOnDiskException e) {
                if (attempt >= 50) {
                    throw e;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException i) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
