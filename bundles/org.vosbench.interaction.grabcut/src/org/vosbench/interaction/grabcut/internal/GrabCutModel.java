package org.vosbench.interaction.grabcut.internal;

import org.opencv.core.Core;
import org.opencv.core.CvException;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.vosbench.core.ProgressMonitor;
import org.vosbench.core.RgbImage;
import org.vosbench.interaction.Box;
import org.vosbench.interaction.Click;
import org.vosbench.interaction.InteractionModel;
import org.vosbench.interaction.ObjectInput;

/**
 * GrabCut seeded from the input. Definite seeds: positive clicks (disks) and positive scribbles
 * are foreground, negative ones background, and with a box everything outside it is background.
 * The prior ("probably foreground"): the box; else the previous mask with the positive seeds;
 * else the pixels near the positive seeds. GrabCut runs on a window around the prior (the rest of
 * the frame is background), one iteration at a time so that it can be cancelled.
 */
final class GrabCutModel implements InteractionModel {

    /**
     * GrabCut iterations. On the DAVIS first frames (bench/interact.sh, 2 busy cores) three at
     * {@link #MAX_PIXELS} reach the IoU that five reached at 100,000 pixels (box mean 0.707 vs 0.714,
     * three clicks 0.622 vs 0.620) in about half the time (184-744 ms vs 283-1457 ms median). Two at
     * 30,000 pixels were faster still but lost the car's box (0.72 vs 0.86).
     */
    static final int ITERATIONS = 3;
    /** Radius of the definite seed a click puts down. */
    static final int SEED_RADIUS = 4;
    /** Probability given to "probably foreground" pixels (GrabCut's output is hard). */
    static final double PROBABLE = 0.95;
    /**
     * Largest window GrabCut runs on at full resolution; larger ones are scaled down to this many
     * pixels and the result scaled back (nearest; the definite seeds restored). A full-resolution
     * iteration in a band around the scaled-back boundary was tried and lowered the IoU (car box
     * 0.80 to 0.72) at up to twice the time.
     */
    static final int MAX_PIXELS = 50_000;

    @Override
    public double[] predict(RgbImage image, ObjectInput input, ProgressMonitor monitor) {
        int w = image.width();
        int h = image.height();
        int n = w * h;
        byte[] label = new byte[n]; // GrabCut codes over the whole frame
        boolean[] prior = new boolean[n];
        boolean[] positive = new boolean[n];
        boolean[] negative = new boolean[n];
        boolean anyPositive = false;
        for (Click c : input.clicks()) {
            disk(c.positive() ? positive : negative, w, h, c.x(), c.y(), SEED_RADIUS);
            anyPositive |= c.positive();
        }
        if (input.positiveScribbles() != null) {
            for (int i = 0; i < n; i++) {
                positive[i] |= input.positiveScribbles()[i];
                anyPositive |= input.positiveScribbles()[i];
            }
        }
        if (input.negativeScribbles() != null) {
            for (int i = 0; i < n; i++) {
                negative[i] |= input.negativeScribbles()[i];
            }
        }
        boolean[] previous = input.previousMask();
        boolean hasPrevious = previous != null && any(previous);
        if (input.box().isPresent()) {
            Box b = input.box().get();
            for (int y = b.y0(); y < b.y1(); y++) {
                for (int x = b.x0(); x < b.x1(); x++) {
                    prior[y * w + x] = true;
                }
            }
        } else if (hasPrevious || anyPositive) {
            // the previous mask, grown around each positive click: a new click can add what the mask missed
            int radius = Math.max(20, (w + h) / 24);
            for (int i = 0; i < n; i++) {
                prior[i] = hasPrevious && previous[i] || positive[i];
            }
            for (Click c : input.clicks()) {
                if (c.positive()) {
                    disk(prior, w, h, c.x(), c.y(), radius);
                }
            }
            if (!hasPrevious && input.clicks().stream().noneMatch(Click::positive)) {
                for (int i = 0; i < n; i += 1) {
                    if (positive[i] && (i % 4 == 0)) { // positive scribbles: a band around them
                        disk(prior, w, h, i % w, i / w, radius / 2);
                    }
                }
            }
        } else {
            return new double[n]; // only negative input: nothing is the object
        }
        for (int i = 0; i < n; i++) {
            label[i] = (byte) (prior[i] ? Imgproc.GC_PR_FGD : input.box().isPresent() ? Imgproc.GC_BGD : Imgproc.GC_PR_BGD);
            if (positive[i]) {
                label[i] = Imgproc.GC_FGD;
            }
            if (negative[i]) {
                label[i] = Imgproc.GC_BGD;
            }
        }
        Rect roi = window(prior, positive, w, h);
        byte[] rgb = image.rgb();
        byte[] crop = new byte[roi.width * roi.height * 3];
        byte[] cropLabel = new byte[roi.width * roi.height];
        for (int y = 0; y < roi.height; y++) {
            System.arraycopy(rgb, ((roi.y + y) * w + roi.x) * 3, crop, y * roi.width * 3, roi.width * 3);
            System.arraycopy(label, (roi.y + y) * w + roi.x, cropLabel, y * roi.width, roi.width);
        }
        Mat img = new Mat(roi.height, roi.width, CvType.CV_8UC3);
        Mat mask = new Mat(roi.height, roi.width, CvType.CV_8UC1);
        Mat background = new Mat();
        Mat foreground = new Mat();
        try {
            img.put(0, 0, crop);
            mask.put(0, 0, cropLabel);
            if (hasBothModels(cropLabel)) {
                double scale = Math.min(1, Math.sqrt((double) MAX_PIXELS / (roi.width * roi.height)));
                Mat small = img;
                Mat smallMask = mask;
                if (scale < 1) {
                    Size size = new Size(Math.max(1, Math.round(roi.width * scale)), Math.max(1, Math.round(roi.height * scale)));
                    small = new Mat();
                    smallMask = new Mat();
                    Imgproc.resize(img, small, size, 0, 0, Imgproc.INTER_AREA);
                    Imgproc.resize(mask, smallMask, size, 0, 0, Imgproc.INTER_NEAREST);
                }
                try {
                    // GrabCut seeds its colour models' k-means from OpenCV's thread-local RNG: a fixed
                    // seed makes one input give one mask, whatever ran before on this thread
                    Core.setRNGSeed(0);
                    for (int it = 0; it < ITERATIONS; it++) {
                        monitor.checkCanceled();
                        Imgproc.grabCut(small, smallMask, new Rect(), background, foreground, 1,
                                it == 0 ? Imgproc.GC_INIT_WITH_MASK : Imgproc.GC_EVAL);
                    }
                    if (scale < 1) {
                        Imgproc.resize(smallMask, mask, mask.size(), 0, 0, Imgproc.INTER_NEAREST);
                        mask.get(0, 0, cropLabel);
                        restoreSeeds(cropLabel, label, roi, w);
                    } else {
                        mask.get(0, 0, cropLabel);
                    }
                } catch (CvException e) {
                    // too few pixels of one class for its colour model: keep the seeds and the prior
                } finally {
                    if (scale < 1) {
                        small.release();
                        smallMask.release();
                    }
                }
            }
        } finally {
            img.release();
            mask.release();
            background.release();
            foreground.release();
        }
        double[] probability = new double[n];
        for (int y = 0; y < roi.height; y++) {
            for (int x = 0; x < roi.width; x++) {
                probability[(roi.y + y) * w + roi.x + x] = switch (cropLabel[y * roi.width + x]) {
                    case Imgproc.GC_FGD -> 1;
                    case Imgproc.GC_PR_FGD -> PROBABLE;
                    case Imgproc.GC_PR_BGD -> 1 - PROBABLE;
                    default -> 0;
                };
            }
        }
        return probability;
    }

    /** Definite seeds stay what the person said after scaling back. */
    private static void restoreSeeds(byte[] cropLabel, byte[] label, Rect roi, int w) {
        for (int y = 0; y < roi.height; y++) {
            for (int x = 0; x < roi.width; x++) {
                byte seed = label[(roi.y + y) * w + roi.x + x];
                if (seed == Imgproc.GC_FGD || seed == Imgproc.GC_BGD) {
                    cropLabel[y * roi.width + x] = seed;
                }
            }
        }
    }

    /** GrabCut needs background and foreground samples to fit its two colour models. */
    private static boolean hasBothModels(byte[] labels) {
        boolean fg = false;
        boolean bg = false;
        for (byte b : labels) {
            fg |= b == Imgproc.GC_FGD || b == Imgproc.GC_PR_FGD;
            bg |= b == Imgproc.GC_BGD || b == Imgproc.GC_PR_BGD;
        }
        return fg && bg;
    }

    /** The prior's bounding box grown by a quarter of its size (at least 16 pixels) on each side. */
    private static Rect window(boolean[] prior, boolean[] positive, int w, int h) {
        int x0 = w;
        int y0 = h;
        int x1 = -1;
        int y1 = -1;
        for (int i = 0; i < prior.length; i++) {
            if (prior[i] || positive[i]) {
                int x = i % w;
                int y = i / w;
                x0 = Math.min(x0, x);
                y0 = Math.min(y0, y);
                x1 = Math.max(x1, x);
                y1 = Math.max(y1, y);
            }
        }
        int margin = Math.max(16, Math.max(x1 - x0, y1 - y0) / 4);
        x0 = Math.max(0, x0 - margin);
        y0 = Math.max(0, y0 - margin);
        x1 = Math.min(w - 1, x1 + margin);
        y1 = Math.min(h - 1, y1 + margin);
        return new Rect(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
    }

    private static void disk(boolean[] map, int w, int h, int cx, int cy, int r) {
        for (int y = Math.max(0, cy - r); y <= Math.min(h - 1, cy + r); y++) {
            for (int x = Math.max(0, cx - r); x <= Math.min(w - 1, cx + r); x++) {
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) {
                    map[y * w + x] = true;
                }
            }
        }
    }

    private static boolean any(boolean[] mask) {
        for (boolean b : mask) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        // OpenCV's matrices are released after each call
    }
}
