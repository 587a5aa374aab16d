package org.vosbench.interaction.s2m.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import org.vosbench.testing.SharedData;

/** {@code ../shared/fixtures/s2m}: the official MiVOS S2M outputs in float64 (README inside). */
final class S2mFixture {

    private static Path weights;

    private S2mFixture() {
    }

    static Path dir() {
        return SharedData.fixtures().resolve("s2m");
    }

    /** @return {@code weights.pth.gz} decompressed once into a temporary file, deleted at exit */
    static synchronized Path weights() throws IOException {
        if (weights == null) {
            Path file = Files.createTempFile("s2m-fixture-", ".pth");
            file.toFile().deleteOnExit();
            try (InputStream in = new GZIPInputStream(Files.newInputStream(dir().resolve("weights.pth.gz")));
                    OutputStream out = Files.newOutputStream(file)) {
                in.transferTo(out);
            }
            weights = file;
        }
        return weights;
    }
}
