package org.vosbench.engine.stcn.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Finds {@code ../shared} (the project's shared fixtures) and the decompressed fixture weights. */
final class SharedFiles {

    private static Path weights;

    private SharedFiles() {
    }

    /** @return the shared folder: system property {@code vosbench.shared}, else a sibling {@code shared/} of a parent */
    static Path shared() {
        return org.vosbench.testing.SharedData.shared();
    }

    /** @return {@code fixtures/stcn-parity} */
    static Path parity() {
        return shared().resolve("fixtures/stcn-parity");
    }

    /** @return {@code weights.pth.gz} decompressed once into a temporary file, deleted at exit */
    static synchronized Path weights() throws IOException {
        if (weights == null) {
            Path file = Files.createTempFile("stcn-parity-", ".pth");
            file.toFile().deleteOnExit();
            try (InputStream in = new GZIPInputStream(Files.newInputStream(parity().resolve("weights.pth.gz")));
                    OutputStream out = Files.newOutputStream(file)) {
                in.transferTo(out);
            }
            weights = file;
        }
        return weights;
    }
}
