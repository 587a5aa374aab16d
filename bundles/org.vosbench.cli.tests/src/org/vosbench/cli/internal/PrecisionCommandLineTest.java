package org.vosbench.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vosbench.cli.internal.CommandLineTest.Result;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.core.Npy;

/**
 * {@code --precision} from the command line: {@code propagate --precision fp64
 * --save-probabilities} reproduces the official float64 outputs of
 * {@code ../shared/fixtures/stcn-parity/expected-fp64} (max |dp| at most 1e-6 on every frame,
 * written as float64 {@code .npy}); unsupported choices are usage errors that write nothing;
 * {@code vosbench info} reports what this CPU has.
 */
class PrecisionCommandLineTest {

    private static final Path FIXTURES = SharedData.root().resolve("fixtures/stcn-parity");

    @ParameterizedTest(name = "{0}")
    @CsvSource({"synthetic, 5, davis", "horsejump-high, 3, davis", "late-object, 5, folder"})
    void propagateInFloat64ReproducesTheOfficialFloat64Run(String name, int memEvery, String format, @TempDir Path tmp)
            throws IOException {
        Path weights = CommandLineTest.parityWeights(FIXTURES, tmp);
        Path out = tmp.resolve("out");

        Result r = CommandLineTest.vosbench("propagate", "--dataset", FIXTURES.resolve(name).toString(), "--format",
                format, "--weights", weights.toString(), "--mem-every", Integer.toString(memEvery), "--precision",
                "fp64", "--output", out.toString(), "--save-probabilities", "--quiet");

        assertEquals(0, r.code(), r.err());
        Path expected = FIXTURES.resolve("expected-fp64").resolve(name);
        List<Path> frames;
        try (var files = Files.list(expected)) {
            frames = files.filter(p -> p.toString().endsWith(".npy")).sorted().toList();
        }
        assertFalse(frames.isEmpty());
        for (Path e : frames) {
            String frame = e.getFileName().toString().replace(".npy", "");
            Path written = out.resolve(name).resolve(frame + ".npy");
            String header = new String(Files.readAllBytes(written), 0, 60, java.nio.charset.StandardCharsets.ISO_8859_1);
            assertTrue(header.contains("<f8"), written + " must be float64: " + header);
            Npy.Float64Array want = Npy.readFloat64(e);
            Npy.Float64Array got = Npy.readFloat64(written);
            assertEquals(Arrays.toString(want.shape()), Arrays.toString(got.shape()), frame);
            double max = 0;
            for (int i = 0; i < want.data().length; i++) {
                max = Math.max(max, Math.abs(want.data()[i] - got.data()[i]));
            }
            assertTrue(max <= 1e-6, name + "/" + frame + ": max |dp| = " + max);
            LabelMask wantLabels = MaskIO.read(expected.resolve(frame + ".png"));
            LabelMask gotLabels = MaskIO.read(out.resolve(name).resolve(frame + ".png"));
            int plane = want.shape()[1] * want.shape()[2];
            for (int p = 0; p < plane; p++) {
                if (wantLabels.labels()[p] != gotLabels.labels()[p]) {
                    assertTrue(exactTie(want, p, plane), name + "/" + frame + ": label differs at pixel " + p);
                }
            }
        }
    }

    private static boolean exactTie(Npy.Float64Array probabilities, int pixel, int plane) {
        double first = -1;
        double second = -1;
        for (int c = 0; c < probabilities.shape()[0]; c++) {
            double v = probabilities.data()[c * plane + pixel];
            if (v > first) {
                second = first;
                first = v;
            } else if (v > second) {
                second = v;
            }
        }
        return first == second;
    }

    @Test
    void fp64WithAmpIsAUsageErrorThatWritesNothing(@TempDir Path tmp) throws IOException {
        Path weights = CommandLineTest.parityWeights(FIXTURES, tmp);
        Path out = tmp.resolve("out");

        Result r = CommandLineTest.vosbench("propagate", "--dataset", FIXTURES.resolve("synthetic").toString(),
                "--weights", weights.toString(), "--precision", "fp64", "--amp", "--output", out.toString(), "--quiet");

        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--precision fp64") && r.err().contains("amp"), r.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void anUnknownPrecisionNamesTheChoices(@TempDir Path tmp) {
        Result r = CommandLineTest.vosbench("propagate", "--dataset", FIXTURES.resolve("synthetic").toString(),
                "--backbone", "weightfree", "--precision", "fp8", "--output", tmp.resolve("out").toString());

        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("fp8") && r.err().contains("fp64, fp32, bf16"), r.err());
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    /** The bf16 line follows the CPU's own flags, read here independently of the code under test. */
    @Test
    void infoReportsTheEngineAndWhatThisCpuSupports() throws IOException {
        String flags = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("flags"))
                .findFirst().orElse("");
        boolean bf16 = Arrays.asList(flags.split("[\\s:]+")).contains("avx512_bf16")
                || Arrays.asList(flags.split("[\\s:]+")).contains("amx_bf16");

        Result r = CommandLineTest.vosbench("info");

        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("PyTorch 2.7.1"), r.out());
        assertTrue(r.out().contains("bfloat16:    " + (bf16 ? "yes" : "no")), r.out());
        assertTrue(r.out().contains("cpu: fp64, fp32" + (bf16 ? ", bf16" : ";")), r.out());
    }
}
