package org.vosbench.ui.editor;

import java.io.IOException;
import java.nio.file.Path;

import org.vosbench.dataset.SequenceRef;

/** Finds ../shared (system property {@code vosbench.shared}, else walking up) and lists its DAVIS sequences. */
final class SharedData {

    private SharedData() {
    }

    static Path shared() {
        return org.vosbench.testing.SharedData.shared();
    }

    static Path davisReal() {
        return shared().resolve("data/davis-real");
    }

    /** A DAVIS 480p sequence as the DAVIS format lists it: input annotation on frame 0, ground truth everywhere. */
    static SequenceRef davisSequence(Path root, String name) throws IOException {
        return org.vosbench.testing.dataset.DavisSequences.of(root, name);
    }
}
