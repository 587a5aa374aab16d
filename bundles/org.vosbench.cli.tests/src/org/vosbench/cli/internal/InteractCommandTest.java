package org.vosbench.cli.internal;

import static org.vosbench.cli.internal.CommandLineTest.vosbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.core.Npy;
import org.vosbench.testing.SharedData;
import org.vosbench.cli.internal.CommandLineTest.Result;

/** {@code vosbench interact} in-process with the real services and models. */
class InteractCommandTest {

    private static Path s2m() {
        return SharedData.shared().resolve("fixtures/s2m");
    }

    private static Path weights(Path tmp) throws IOException {
        Path file = tmp.resolve("s2m.pth");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(s2m().resolve("weights.pth.gz")))) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void s2mWritesTheOfficialLabelsAndProbabilitiesPerObject(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        Result r = vosbench("interact", "--image", s2m().resolve("case/image.png").toString(), "--output", out.toString(),
                "--model", "s2m", "--weights", weights(tmp).toString(), "--prev-mask",
                s2m().resolve("case/prev_mask.png").toString(), "--scribbles", s2m().resolve("case/scribbles.png").toString(),
                "--save-probabilities");
        assertEquals(0, r.code(), r.err());
        byte[] expected = MaskIO.read(s2m().resolve("expected/labels.png")).labels();
        byte[] labels = MaskIO.read(out.resolve("labels.png")).labels();
        long same = 0;
        for (int i = 0; i < expected.length; i++) {
            same += expected[i] == labels[i] ? 1 : 0;
        }
        assertTrue(same >= expected.length * 0.999, same + " of " + expected.length);
        Npy.NpyArray p = Npy.read(out.resolve("probabilities.npy"));
        assertEquals("<f4", p.dtype());
        assertTrue(Arrays.equals(new int[] {2, 240, 427}, p.shape()), Arrays.toString(p.shape()));
    }

    @Test
    void aRunWithoutProbabilitiesLeavesNoEarlierProbabilitiesBesideItsLabels(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        String image = SharedData.shared().resolve("data/davis-real/JPEGImages/480p/car-roundabout/00000.jpg").toString();
        Result first = vosbench("interact", "--image", image, "--output", out.toString(), "--box", "300,150,500,350",
                "--save-probabilities");
        assertEquals(0, first.code(), first.err());
        assertTrue(Files.isRegularFile(out.resolve("probabilities.npy")));

        Result second = vosbench("interact", "--image", image, "--output", out.toString(), "--box", "100,100,300,300");

        assertEquals(0, second.code(), second.err());
        assertTrue(Files.isRegularFile(out.resolve("labels.png")));
        assertFalse(Files.exists(out.resolve("probabilities.npy")), "a stale probabilities.npy of the first run");
    }

    @Test
    void grabcutNeedsNoWeightsAndSegmentsTheCarFromItsBox(@TempDir Path tmp) throws IOException {
        Path davis = SharedData.shared().resolve("data/davis-real");
        LabelMask truth = MaskIO.read(davis.resolve("Annotations/480p/car-roundabout/00000.png"));
        int x0 = Integer.MAX_VALUE;
        int y0 = Integer.MAX_VALUE;
        int x1 = 0;
        int y1 = 0;
        for (int y = 0; y < truth.height(); y++) {
            for (int x = 0; x < truth.width(); x++) {
                if (truth.get(x, y) == 1) {
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x + 1);
                    y1 = Math.max(y1, y + 1);
                }
            }
        }
        Path out = tmp.resolve("out");
        Result r = vosbench("interact", "--image", davis.resolve("JPEGImages/480p/car-roundabout/00000.jpg").toString(),
                "--output", out.toString(), "--box", x0 + "," + y0 + "," + x1 + "," + y1);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("grabcut:"), r.out());
        LabelMask labels = MaskIO.read(out.resolve("labels.png"));
        long inter = 0;
        long union = 0;
        for (int i = 0; i < labels.labels().length; i++) {
            boolean a = labels.labels()[i] == 1;
            boolean b = truth.labels()[i] == 1;
            inter += a && b ? 1 : 0;
            union += a || b ? 1 : 0;
        }
        assertTrue(inter > 0.6 * union, "IoU " + (double) inter / union);
    }

    @Test
    void aClickOutsideTheImageIsAUsageErrorNamingItAndWritesNothing(@TempDir Path tmp) {
        Path out = tmp.resolve("out");
        Result r = vosbench("interact", "--image", s2m().resolve("case/image.png").toString(), "--output", out.toString(),
                "--click", "10,10", "--click", "500,20");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--click") && r.err().contains("500,20") && r.err().contains("427x240"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void anEmptyBoxAndABadClickAreRefused(@TempDir Path tmp) {
        Path out = tmp.resolve("out");
        Result empty = vosbench("interact", "--image", s2m().resolve("case/image.png").toString(), "--output",
                out.toString(), "--box", "30,40,30,90");
        assertEquals(2, empty.code());
        assertTrue(empty.err().contains("--box") && empty.err().contains("empty"), empty.err());
        Result malformed = vosbench("interact", "--image", s2m().resolve("case/image.png").toString(), "--output",
                out.toString(), "--click", "10,x");
        assertEquals(2, malformed.code());
        assertTrue(malformed.err().contains("--click"), malformed.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aScribbleMapOfTheWrongSizeIsNamed(@TempDir Path tmp) {
        Path out = tmp.resolve("out");
        Path wrong = SharedData.shared().resolve("data/davis-real/Annotations/480p/car-roundabout/00000.png");
        Result r = vosbench("interact", "--image", s2m().resolve("case/image.png").toString(), "--output", out.toString(),
                "--scribbles", wrong.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--scribbles " + wrong) && r.err().contains("854x480"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aTruncatedS2mCheckpointIsNamedAndNothingIsWritten(@TempDir Path tmp) throws IOException {
        Path full = weights(tmp);
        byte[] bytes = Files.readAllBytes(full);
        Path truncated = tmp.resolve("truncated.pth");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 3));
        Path out = tmp.resolve("out");
        Result r = vosbench("interact", "--image", s2m().resolve("case/image.png").toString(), "--output", out.toString(),
                "--weights", truncated.toString(), "--scribbles", s2m().resolve("case/scribbles.png").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(truncated.toString()), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void fp64ProbabilitiesAreFloat64AndMatchTheOfficialOnes(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        Result r = vosbench("interact", "--image", s2m().resolve("case/image.png").toString(), "--output", out.toString(),
                "--weights", weights(tmp).toString(), "--prev-mask", s2m().resolve("case/prev_mask.png").toString(),
                "--scribbles", s2m().resolve("case/scribbles.png").toString(), "--precision", "fp64",
                "--save-probabilities");
        assertEquals(0, r.code(), r.err());
        Npy.Float64Array p = Npy.readFloat64(out.resolve("probabilities.npy"));
        double[] expected = Npy.readFloat64(s2m().resolve("expected/probabilities.npy")).data();
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs(p.data()[i] - expected[i]));
        }
        assertTrue(max <= 1e-6, "max difference " + max);
        assertTrue(Arrays.equals(MaskIO.read(s2m().resolve("expected/labels.png")).labels(),
                MaskIO.read(out.resolve("labels.png")).labels()));
    }

    @Test
    void s2mWithoutWeightsSaysWhereToGetThem(@TempDir Path tmp) {
        Result r = vosbench("interact", "--image", s2m().resolve("case/image.png").toString(), "--output",
                tmp.resolve("out").toString(), "--model", "s2m", "--click", "10,10");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("s2m.pth"), r.err());
    }
}
