package org.vosbench.interaction.grabcut.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;
import org.vosbench.core.ImageReader;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.core.ProgressMonitor;
import org.vosbench.core.RgbImage;
import org.vosbench.engine.EngineDevice;
import org.vosbench.interaction.Box;
import org.vosbench.interaction.Click;
import org.vosbench.interaction.InputKind;
import org.vosbench.interaction.InteractionModelInfo;
import org.vosbench.interaction.InteractionRequest;
import org.vosbench.interaction.InteractionResult;
import org.vosbench.interaction.internal.DefaultInteractionSession;
import org.vosbench.testing.SharedData;

/**
 * GrabCut's honest IoU on the first frames of {@code ../shared/data/davis-real} (human ground
 * truth, 854x480), per object: from the ground truth's bounding box, and from three clicks made
 * as the interactive-segmentation protocol of RITM/f-BRS does (the first at the object's interior
 * point farthest from its boundary; each next one at the point farthest from the boundary of the
 * largest error, positive on a miss, negative on a false alarm; the current mask is the previous
 * mask of the next click). Prints the figures and the time per interaction.
 */
class GrabCutDavisTest {

    static DefaultInteractionSession session;

    @BeforeAll
    static void load() {
        session = new DefaultInteractionSession(new InteractionModelInfo("grabcut", "GrabCut", false,
                EnumSet.allOf(InputKind.class), "test", ""),
                new GrabCutModelProvider().load(Optional.empty(), EngineDevice.CPU, null), null, EngineDevice.CPU.precision());
    }

    static Path davis() {
        return SharedData.davisReal();
    }

    private record Score(String what, double iou, double seconds) {
    }

    @Test
    void reportsIouFromTheGroundTruthBoxAndFromThreeClicksOnDavisFirstFrames() throws IOException {
        List<Score> scores = new ArrayList<>();
        for (String sequence : Files.readAllLines(davis().resolve("ImageSets/2017/val.txt"))) {
            if (sequence.isBlank()) {
                continue;
            }
            RgbImage image = ImageReader.readRgb(davis().resolve("JPEGImages/480p/" + sequence + "/00000.jpg"));
            LabelMask truth = MaskIO.read(davis().resolve("Annotations/480p/" + sequence + "/00000.png"));
            for (int object : truth.objectIds()) {
                boolean[] gt = of(truth, object);
                long start = System.nanoTime();
                InteractionResult fromBox = session.interact(new InteractionRequest(image, null, null, List.of(),
                        Optional.of(box(gt, image.width())), object), ProgressMonitor.NULL);
                scores.add(new Score(sequence + " #" + object + " box", iou(of(fromBox.labels(), object), gt),
                        (System.nanoTime() - start) / 1e9));
                List<Click> clicks = new ArrayList<>();
                LabelMask current = null;
                boolean[] predicted = new boolean[gt.length];
                double seconds = 0;
                for (int c = 0; c < 3; c++) {
                    clicks.add(nextClick(gt, predicted, image.width(), image.height()));
                    start = System.nanoTime();
                    InteractionResult r = session.interact(new InteractionRequest(image, current, null, clicks,
                            Optional.empty(), object), ProgressMonitor.NULL);
                    seconds += (System.nanoTime() - start) / 1e9;
                    current = r.labels();
                    predicted = of(current, object);
                }
                scores.add(new Score(sequence + " #" + object + " 3 clicks " + clicks, iou(predicted, gt), seconds / 3));
            }
        }
        double boxMean = 0;
        double clickMean = 0;
        for (Score s : scores) {
            System.out.printf(Locale.ROOT, "GrabCut IoU %-60s %.3f  (%.3f s per interaction)%n", s.what(), s.iou(),
                    s.seconds());
            if (s.what().endsWith(" box")) {
                boxMean += s.iou() / (scores.size() / 2.0);
            } else {
                clickMean += s.iou() / (scores.size() / 2.0);
            }
        }
        System.out.printf(Locale.ROOT, "GrabCut mean IoU on DAVIS first frames: box %.3f, 3 clicks %.3f%n", boxMean,
                clickMean);
        assertEquals(4, scores.size());
        // a property, not a figure: from the ground truth's own box GrabCut must be better than the box itself
        for (Score s : scores) {
            assertTrue(s.iou() > 0, s.what());
        }
    }

    @Test
    void aBoxAroundAFlatSquareOnAFlatBackgroundFindsTheSquare() {
        int w = 64;
        int h = 48;
        byte[] rgb = new byte[3 * w * h];
        boolean[] square = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean inside = x >= 20 && x < 40 && y >= 10 && y < 30;
                square[y * w + x] = inside;
                for (int c = 0; c < 3; c++) {
                    rgb[3 * (y * w + x) + c] = (byte) (inside ? 200 + c * 10 + (x + y) % 3 : 40 + (x * 7 + y) % 5);
                }
            }
        }
        InteractionResult r = session.interact(new InteractionRequest(new RgbImage(w, h, rgb), null, null, List.of(),
                Optional.of(new Box(15, 5, 45, 35)), 1), ProgressMonitor.NULL);
        assertTrue(iou(of(r.labels(), 1), square) > 0.95, "IoU " + iou(of(r.labels(), 1), square));
    }

    static boolean[] of(LabelMask mask, int object) {
        boolean[] m = new boolean[mask.labels().length];
        for (int i = 0; i < m.length; i++) {
            m[i] = (mask.labels()[i] & 0xFF) == object;
        }
        return m;
    }

    static Box box(boolean[] gt, int w) {
        int x0 = Integer.MAX_VALUE;
        int y0 = Integer.MAX_VALUE;
        int x1 = -1;
        int y1 = -1;
        for (int i = 0; i < gt.length; i++) {
            if (gt[i]) {
                x0 = Math.min(x0, i % w);
                y0 = Math.min(y0, i / w);
                x1 = Math.max(x1, i % w);
                y1 = Math.max(y1, i / w);
            }
        }
        return new Box(x0, y0, x1 + 1, y1 + 1);
    }

    static double iou(boolean[] a, boolean[] b) {
        long inter = 0;
        long union = 0;
        for (int i = 0; i < a.length; i++) {
            inter += a[i] && b[i] ? 1 : 0;
            union += a[i] || b[i] ? 1 : 0;
        }
        return union == 0 ? 1 : (double) inter / union;
    }

    /** RITM's next click: the point farthest from the boundary of the larger error (misses vs false alarms). */
    static Click nextClick(boolean[] gt, boolean[] predicted, int w, int h) {
        boolean[] missed = new boolean[gt.length];
        boolean[] extra = new boolean[gt.length];
        for (int i = 0; i < gt.length; i++) {
            missed[i] = gt[i] && !predicted[i];
            extra[i] = predicted[i] && !gt[i];
        }
        int[] m = farthest(missed, w, h);
        int[] e = farthest(extra, w, h);
        boolean positive = m[2] >= e[2];
        int[] p = positive ? m : e;
        return new Click(p[0], p[1], positive);
    }

    /** @return x, y and distance (x1000) of the pixel of the region farthest from its boundary, the frame's edge included */
    private static int[] farthest(boolean[] region, int w, int h) {
        Mat padded = new Mat(h + 2, w + 2, CvType.CV_8UC1);
        byte[] bytes = new byte[(w + 2) * (h + 2)];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                bytes[(y + 1) * (w + 2) + x + 1] = (byte) (region[y * w + x] ? 1 : 0);
            }
        }
        padded.put(0, 0, bytes);
        Mat distance = new Mat();
        Imgproc.distanceTransform(padded, distance, Imgproc.DIST_L2, 5);
        Core.MinMaxLocResult best = Core.minMaxLoc(distance);
        padded.release();
        distance.release();
        return new int[] {(int) best.maxLoc.x - 1, (int) best.maxLoc.y - 1, (int) (best.maxVal * 1000)};
    }
}
