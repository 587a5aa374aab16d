package org.vosbench.interaction.grabcut.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vosbench.core.ImageReader;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.core.ProgressMonitor;
import org.vosbench.core.RgbImage;
import org.vosbench.interaction.Click;
import org.vosbench.interaction.InteractionRequest;
import org.vosbench.interaction.InteractionResult;

/**
 * Milliseconds per GrabCut interaction on the 854x480 first frames of {@code ../shared/data/davis-real}
 * (the ground truth's box; then three RITM-protocol clicks as {@link GrabCutDavisTest}), the median
 * of {@link #ROUNDS} rounds after one warm-up, with the IoU each reaches. Not part of the suite
 * (its name ends in Benchmark): {@code bench/interact.sh} runs it.
 */
class GrabCutBenchmark {

    private static final int ROUNDS = 5;

    @BeforeAll
    static void load() {
        GrabCutDavisTest.load();
    }

    @Test
    void printsMillisecondsPerInteractionAt480p() throws IOException {
        System.out.println("GrabCut per interaction, " + Runtime.getRuntime().availableProcessors() + " CPUs, "
                + GrabCutModel.ITERATIONS + " iterations, at most " + GrabCutModel.MAX_PIXELS + " pixels per window");
        for (String sequence : Files.readAllLines(GrabCutDavisTest.davis().resolve("ImageSets/2017/val.txt"))) {
            if (sequence.isBlank()) {
                continue;
            }
            RgbImage image = ImageReader.readRgb(GrabCutDavisTest.davis().resolve("JPEGImages/480p/" + sequence + "/00000.jpg"));
            LabelMask truth = MaskIO.read(GrabCutDavisTest.davis().resolve("Annotations/480p/" + sequence + "/00000.png"));
            for (int object : truth.objectIds()) {
                boolean[] gt = GrabCutDavisTest.of(truth, object);
                double[][] ms = new double[4][ROUNDS];
                double[] iou = new double[4];
                for (int round = -1; round < ROUNDS; round++) {
                    long start = System.nanoTime();
                    InteractionResult fromBox = GrabCutDavisTest.session.interact(new InteractionRequest(image, null,
                            null, List.of(), Optional.of(GrabCutDavisTest.box(gt, image.width())), object),
                            ProgressMonitor.NULL);
                    double t = (System.nanoTime() - start) / 1e6;
                    iou[0] = GrabCutDavisTest.iou(GrabCutDavisTest.of(fromBox.labels(), object), gt);
                    if (round >= 0) {
                        ms[0][round] = t;
                    }
                    List<Click> clicks = new ArrayList<>();
                    LabelMask current = null;
                    boolean[] predicted = new boolean[gt.length];
                    for (int c = 0; c < 3; c++) {
                        clicks.add(GrabCutDavisTest.nextClick(gt, predicted, image.width(), image.height()));
                        start = System.nanoTime();
                        InteractionResult r = GrabCutDavisTest.session.interact(new InteractionRequest(image, current,
                                null, clicks, Optional.empty(), object), ProgressMonitor.NULL);
                        t = (System.nanoTime() - start) / 1e6;
                        current = r.labels();
                        predicted = GrabCutDavisTest.of(current, object);
                        iou[c + 1] = GrabCutDavisTest.iou(predicted, gt);
                        if (round >= 0) {
                            ms[c + 1][round] = t;
                        }
                    }
                }
                String[] what = {"box", "click 1", "click 2", "click 3"};
                for (int i = 0; i < 4; i++) {
                    Arrays.sort(ms[i]);
                    System.out.printf(Locale.ROOT, "GrabCut %s %dx%d #%d %-8s %6.0f ms (median of %d; min %.0f, max %.0f)  IoU %.3f%n",
                            sequence, image.width(), image.height(), object, what[i], ms[i][ROUNDS / 2], ROUNDS, ms[i][0],
                            ms[i][ROUNDS - 1], iou[i]);
                }
            }
        }
    }
}
