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
import org.vosbench.engine.ProbabilityMap;
import org.vosbench.engine.Propagator;
import org.vosbench.engine.SessionSettings;
import org.vosbench.engine.StepResult;

/**
 * Every case of {@code ../shared/fixtures/stcn-parity}, produced by the official STCN code on
 * CPU in fp32 (Debian's torch 1.13, MKL-DNN 2.6), reproduced through the propagation engine.
 *
 * <p>Why the bounds are statistical: the fixture weights are random, so the network is chaotic.
 * Many pixels sit near the sigmoid's saturation, where one float ulp of difference in a logit
 * moves the aggregated probabilities by up to 1/6, and the top-k read amplifies small changes in
 * memory. A Python replica of the official inference code, run with the fixtures' torch build
 * (Debian's 1.13), differs from the fixture by up to 0.003 on 0.1–25% of the values at two
 * threads, and from itself by more than 1e-4 on up to 49% of the values and 1% of the labels
 * when run at one thread instead of two (synthetic frame 2). libtorch 2.7.1 (oneDNN 3)
 * cannot round exactly as torch 1.13 does, so the README's 1e-4 on every value holds where no
 * network ran (the given frame, after aggregation), and elsewhere the test demands what the
 * official code achieves against itself:
 * <ul>
 * <li>the given frame: every probability within 1e-4;</li>
 * <li>the first propagated frame: at least 99% of the probabilities within 1e-4;</li>
 * <li>every frame: mean absolute difference at most 1e-3, and labels identical on at least
 * 99.5% of the pixels, where every differing label that is not an official near-tie (top two
 * within 1e-4) is counted.</li>
 * </ul>
 * A broken memory read, aggregation, padding or network changes most labels of these noise-like
 * masks, far beyond these bounds.
 */
class StcnParityTest {

    private static final double TOLERANCE = 1e-4;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"synthetic, 5", "horsejump-high, 3", "late-object, 5"})
    void reproducesOfficialOutputs(String name, int memEvery) throws IOException {
        Path root = SharedFiles.parity();
        FixtureSequence sequence = new FixtureSequence(root.resolve(name), name);
        SessionSettings settings = SessionSettings.defaults("stcn", SharedFiles.weights()).withMemEvery(memEvery);
        List<StepResult> results = new ArrayList<>();

        new Propagator(TestEngine.service(), settings).propagateSequence(sequence, results::add, ProgressMonitor.NULL);

        assertEquals(sequence.frameCount(), results.size());
        List<Integer> sortedIds = results.get(results.size() - 1).objectIds().stream().sorted().toList();
        for (StepResult result : results) {
            String frame = sequence.frameName(result.frameIndex());
            Path expected = root.resolve("expected").resolve(name);
            Npy.NpyArray probabilities = Npy.read(expected.resolve(frame + ".npy"));
            LabelMask labels = MaskIO.read(expected.resolve(frame + ".png"));
            Comparison c = compare(probabilities, result.probabilities(), sortedIds);
            String what = name + "/" + frame;
            if (sequence.annotatedFrames().contains(result.frameIndex()) && result.frameIndex() == 0) {
                assertTrue(c.max <= TOLERANCE, what + ": given frame differs by " + c.max);
            }
            if (result.frameIndex() == 1) {
                assertTrue(c.fractionOver <= 0.01, what + ": " + 100 * c.fractionOver + "% of values off by > 1e-4");
            }
            assertTrue(c.mean <= 1e-3, what + ": mean absolute difference " + c.mean);
            double differing = differingLabels(probabilities, labels, result.labels());
            assertTrue(differing <= 0.005, what + ": " + 100 * differing + "% of labels differ");
        }
    }

    private record Comparison(double max, double mean, double fractionOver) {
    }

    /** Expected channels: background, then all objects in ascending id order; channels not yet present here are 0. */
    private static Comparison compare(Npy.NpyArray expected, ProbabilityMap actual, List<Integer> sortedIds) {
        int channels = expected.shape()[0];
        int plane = expected.shape()[1] * expected.shape()[2];
        assertEquals(expected.shape()[1], actual.height());
        assertEquals(expected.shape()[2], actual.width());
        assertEquals(channels, sortedIds.size() + 1);
        double max = 0;
        double sum = 0;
        long over = 0;
        for (int c = 0; c < channels; c++) {
            int mine = c == 0 ? 0 : actual.objectIds().indexOf(sortedIds.get(c - 1)) + 1;
            for (int p = 0; p < plane; p++) {
                float value = c > 0 && mine == 0 ? 0f : actual.data()[mine * plane + p];
                double d = Math.abs(value - expected.data()[c * plane + p]);
                max = Math.max(max, d);
                sum += d;
                if (d > TOLERANCE) {
                    over++;
                }
            }
        }
        return new Comparison(max, sum / ((double) channels * plane), (double) over / ((double) channels * plane));
    }

    /** @return fraction of pixels whose label differs although the official top two are not a near-tie */
    private static double differingLabels(Npy.NpyArray expected, LabelMask expectedLabels, LabelMask actual) {
        int channels = expected.shape()[0];
        int plane = expected.shape()[1] * expected.shape()[2];
        int differing = 0;
        for (int p = 0; p < plane; p++) {
            if (expectedLabels.labels()[p] == actual.labels()[p]) {
                continue;
            }
            float first = -1;
            float second = -1;
            for (int c = 0; c < channels; c++) {
                float v = expected.data()[c * plane + p];
                if (v > first) {
                    second = first;
                    first = v;
                } else if (v > second) {
                    second = v;
                }
            }
            float gap = first - second;
            if (!(gap > 0 && gap < TOLERANCE)) {
                differing++;
            }
        }
        return (double) differing / plane;
    }
}
