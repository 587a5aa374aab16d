package org.vosbench.interaction.s2m.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.zip.GZIPInputStream;

/** {@code ../shared/fixtures/s2m}: the official MiVOS S2M outputs in float64 (README inside). */
final class S2mFixture {

    private static Path weights;

    private S2mFixture() {
    }

    static Path dir() {
        String property = System.getProperty("vosbench.shared");
        if (property != null) {
            return Paths.get(property).resolve("fixtures/s2m");
        }
        for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolveSibling("shared");
            if (Files.isRegularFile(candidate.resolve("DESIGN.md"))) {
                return candidate.resolve("fixtures/s2m");
            }
        }
        throw new IllegalStateException("Cannot find the shared folder: set -Dvosbench.shared=<path>");
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

    /** @return the values of a little-endian float64 C-order {@code .npy} file (header checked) */
    static double[] readFloat64(Path npy) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(npy)).order(ByteOrder.LITTLE_ENDIAN);
        int major = b.get(6);
        int headerLength = major == 1 ? b.getShort(8) & 0xFFFF : b.getInt(8);
        int start = (major == 1 ? 10 : 12) + headerLength;
        String header = new String(b.array(), major == 1 ? 10 : 12, headerLength, StandardCharsets.ISO_8859_1);
        if (!header.contains("'<f8'") || !header.contains("'fortran_order': False")) {
            throw new IOException(npy + ": expected a float64 C-order array, header " + header);
        }
        double[] values = new double[(b.capacity() - start) / 8];
        b.position(start);
        b.asDoubleBuffer().get(values);
        return values;
    }
}
