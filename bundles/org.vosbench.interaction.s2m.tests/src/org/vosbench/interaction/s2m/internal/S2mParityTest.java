package org.vosbench.interaction.s2m.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import ai.djl.ndarray.NDManager;

import org.junit.jupiter.api.Test;
import org.vosbench.core.ImageReader;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.core.Npy;
import org.vosbench.core.ProgressMonitor;
import org.vosbench.core.RgbImage;
import org.vosbench.engine.EngineDevice;
import org.vosbench.engine.Precision;
import org.vosbench.engine.djl.DjlRuntime;
import org.vosbench.interaction.InputKind;
import org.vosbench.interaction.InteractionModelInfo;
import org.vosbench.interaction.InteractionRequest;
import org.vosbench.interaction.InteractionResult;
import org.vosbench.interaction.internal.DefaultInteractionSession;

/**
 * The fixture's interaction (two objects, their previous masks, background and object
 * scribbles) against the official MiVOS S2M run in float64: probabilities within 1e-6 and the
 * aggregated labels identical in float64. In float32 the bound is the fixture README's 2e-4, not
 * the 1e-4: this random-weight network amplifies float32 rounding of its early activations
 * about a thousandfold, so an all-float32 run is a draw of about 1e-4 (official code, torch 1.13:
 * 0.91e-4 when it normalises the image in float32, 1.35e-4 when it normalises in float64 and rounds;
 * this implementation 1.12e-4). No single cheap operation is the cause: the whole head (ASPP, decoder,
 * upsampling, sigmoid) in float64 gives 1.05e-4, a float64 stem 0.55e-4 in the official code but
 * 1.12e-4 here; only float64 through layer1 (a tenth of the work) gets lower (official code: 0.2e-4 to
 * 0.33e-4). bench/README.md has the figures. Prints the time of each interaction (the first
 * includes libtorch's first-call setup).
 */
class S2mParityTest {

    private static final InteractionModelInfo S2M = new InteractionModelInfo("s2m", "S2M", true,
            Set.of(InputKind.SCRIBBLES, InputKind.CLICKS, InputKind.PREVIOUS_MASK), "test", "");

    private static InteractionResult run(Precision precision) throws IOException {
        Path case_ = S2mFixture.dir().resolve("case");
        RgbImage image = ImageReader.readRgb(case_.resolve("image.png"));
        LabelMask previous = MaskIO.read(case_.resolve("prev_mask.png"));
        LabelMask scribbles = MaskIO.read(case_.resolve("scribbles.png"));
        EngineDevice device = new EngineDevice(EngineDevice.Kind.CPU, false, 0, precision);
        NDManager manager = new DjlRuntime().newManager(device);
        try (DefaultInteractionSession session = new DefaultInteractionSession(S2M,
                new S2mModelProvider().load(Optional.of(S2mFixture.weights()), device, manager), manager, precision)) {
            InteractionRequest request = new InteractionRequest(image, previous, scribbles, List.of(), Optional.empty(), 0);
            InteractionResult result = null;
            // float32 twice: the second interaction's time shows what the first one's setup cost
            for (int run = 1; run <= (precision == Precision.FP32 ? 2 : 1); run++) {
                long start = System.nanoTime();
                result = session.interact(request, ProgressMonitor.NULL);
                System.out.printf("S2M %s, %dx%d, 2 objects, interaction %d: %.0f ms%n", precision, image.width(),
                        image.height(), run, (System.nanoTime() - start) / 1e6);
            }
            return result;
        }
    }

    private static double maxDifference(InteractionResult result, double[] expected) {
        int plane = expected.length / result.objectIds().size();
        double max = 0;
        for (int k = 0; k < result.objectIds().size(); k++) {
            double[] p = result.probabilities()[k];
            assertEquals(plane, p.length);
            for (int i = 0; i < plane; i++) {
                max = Math.max(max, Math.abs(p[i] - expected[k * plane + i]));
            }
        }
        return max;
    }

    @Test
    void float64MatchesTheOfficialProbabilitiesAndLabels() throws IOException {
        InteractionResult result = run(Precision.FP64);
        double[] expected = Npy.readFloat64(S2mFixture.dir().resolve("expected/probabilities.npy")).data();
        assertEquals(List.of(1, 2), result.objectIds());
        double difference = maxDifference(result, expected);
        System.out.println("S2M float64: max |p - official| = " + difference);
        assertTrue(difference <= 1e-6, "max difference " + difference);
        LabelMask labels = MaskIO.read(S2mFixture.dir().resolve("expected/labels.png"));
        assertArrayEquals(labels.labels(), result.labels().labels());
    }

    @Test
    void float32IsWithinFloat32sSpreadOfTheOfficialFloat64() throws IOException {
        InteractionResult result = run(Precision.FP32);
        double[] expected = Npy.readFloat64(S2mFixture.dir().resolve("expected/probabilities.npy")).data();
        double difference = maxDifference(result, expected);
        byte[] labels = MaskIO.read(S2mFixture.dir().resolve("expected/labels.png")).labels();
        int same = 0;
        for (int i = 0; i < labels.length; i++) {
            same += labels[i] == result.labels().labels()[i] ? 1 : 0;
        }
        System.out.println("S2M float32: max |p - official float64| = " + difference + ", identical labels "
                + same + " / " + labels.length);
        assertTrue(difference <= 2e-4, "max difference " + difference);
        assertTrue(same >= labels.length * 0.999, same + " of " + labels.length + " labels identical");
    }
}
