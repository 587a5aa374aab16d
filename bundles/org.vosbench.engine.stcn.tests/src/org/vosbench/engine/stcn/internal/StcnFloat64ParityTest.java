package org.vosbench.engine.stcn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.core.Npy;
import org.vosbench.core.ProgressMonitor;
import org.vosbench.engine.EngineDevice;
import org.vosbench.engine.Precision;
import org.vosbench.engine.ProbabilityMap;
import org.vosbench.engine.Propagator;
import org.vosbench.engine.SessionSettings;
import org.vosbench.engine.StepResult;

/**
 * Every case of {@code ../shared/fixtures/stcn-parity/expected-fp64}: the official STCN code run
 * entirely in float64, which is stable to ~2e-9 against its own perturbations (README of the
 * fixtures), so the bar is tight: every probability of every frame within 1e-6, and labels
 * identical except where the official top two probabilities are exactly tied.
 */
class StcnFloat64ParityTest {

    /** The bar; a real arithmetic difference shows far above it. */
    static final double TOLERANCE = 1e-6;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"synthetic, 5", "horsejump-high, 3", "late-object, 5"})
    void reproducesOfficialFloat64Outputs(String name, int memEvery) throws IOException {
        Path root = SharedFiles.parity();
        FixtureSequence sequence = new FixtureSequence(root.resolve(name), name);
        SessionSettings settings = SessionSettings.defaults("stcn", SharedFiles.weights()).withMemEvery(memEvery)
                .withDevice(EngineDevice.CPU.withPrecision(Precision.FP64));
        List<StepResult> results = new ArrayList<>();

        new Propagator(TestEngine.service(), settings).propagateSequence(sequence, results::add, ProgressMonitor.NULL);

        assertEquals(sequence.frameCount(), results.size());
        List<Integer> sortedIds = results.get(results.size() - 1).objectIds().stream().sorted().toList();
        Path expected = root.resolve("expected-fp64").resolve(name);
        double worst = 0;
        for (StepResult result : results) {
            String frame = sequence.frameName(result.frameIndex());
            String what = name + "/" + frame;
            ProbabilityMap actual = result.probabilities();
            assertTrue(actual.isFloat64(), what + ": an fp64 session must give float64 probabilities");
            Npy.Float64Array probabilities = Npy.readFloat64(expected.resolve(frame + ".npy"));
            double max = maxDifference(probabilities, actual.over(sortedIds));
            assertTrue(max <= TOLERANCE, what + ": max |dp| = " + max);
            worst = Math.max(worst, max);
            int differing = untiedDifferingLabels(probabilities, MaskIO.read(expected.resolve(frame + ".png")),
                    result.labels());
            assertEquals(0, differing, what + ": labels differ on pixels without an exact official tie");
        }
        System.out.println("fp64 parity " + name + ": max |dp| over all frames = " + worst);
    }

    /** Expected channels: background, then the objects in ascending id order (0 before an object appears). */
    static double maxDifference(Npy.Float64Array expected, ProbabilityMap actual) {
        assertEquals(expected.shape()[0], actual.channels());
        assertEquals(expected.shape()[1], actual.height());
        assertEquals(expected.shape()[2], actual.width());
        double[] mine = actual.doubleData();
        double max = 0;
        for (int i = 0; i < mine.length; i++) {
            max = Math.max(max, Math.abs(mine[i] - expected.data()[i]));
        }
        return max;
    }

    /** @return pixels whose label differs where the official top two probabilities are not exactly equal */
    static int untiedDifferingLabels(Npy.Float64Array expected, LabelMask expectedLabels, LabelMask actual) {
        int channels = expected.shape()[0];
        int plane = expected.shape()[1] * expected.shape()[2];
        int differing = 0;
        for (int p = 0; p < plane; p++) {
            if (expectedLabels.labels()[p] == actual.labels()[p]) {
                continue;
            }
            double first = -1;
            double second = -1;
            for (int c = 0; c < channels; c++) {
                double v = expected.data()[c * plane + p];
                if (v > first) {
                    second = first;
                    first = v;
                } else if (v > second) {
                    second = v;
                }
            }
            if (first != second) {
                differing++;
            }
        }
        return differing;
    }
}
