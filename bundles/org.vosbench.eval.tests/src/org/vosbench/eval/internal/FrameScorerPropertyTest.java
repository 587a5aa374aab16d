package org.vosbench.eval.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Property: on random masks of awkward sizes, the bitset scorer gives exactly what the toolkit's
 * definitions give when written out pixel by pixel (db_eval_iou, _seg2bmap, a disk dilation,
 * f_measure's empty-boundary rules).
 */
class FrameScorerPropertyTest {

    @Test
    void matchesAPixelByPixelReferenceOnRandomMasks() {
        Random random = new Random(2017);
        FrameScorer scorer = new FrameScorer();
        int[][] sizes = {{64, 40}, {65, 33}, {127, 90}, {128, 128}, {200, 57}, {3, 3}, {1, 9}, {300, 170}};
        for (int trial = 0; trial < 80; trial++) {
            int[] size = sizes[trial % sizes.length];
            int width = size[0];
            int height = size[1];
            int objects = 1 + random.nextInt(4);
            byte[] gt = blobs(random, width, height, objects, true);
            byte[] result = random.nextInt(4) == 0 ? jitter(random, gt, width, height, objects)
                    : blobs(random, width, height, objects, false);

            FrameScorer.Scores scores = scorer.score(gt, result, width, height, objects);

            for (int o = 1; o <= objects; o++) {
                boolean[] g = binary(gt, o);
                boolean[] r = binary(result, o);
                String where = "trial " + trial + " " + width + "x" + height + " object " + o;
                assertEquals(referenceJaccard(g, r), scores.jaccard()[o - 1], where);
                assertEquals(referenceF(r, g, width, height), scores.boundaryF()[o - 1], where);
            }
        }
    }

    private static byte[] blobs(Random random, int width, int height, int objects, boolean withVoid) {
        byte[] labels = new byte[width * height];
        int count = random.nextInt(6);
        for (int b = 0; b < count; b++) {
            int label = random.nextInt(8) == 0 && withVoid ? 255 : 1 + random.nextInt(objects + 1);
            int cx = random.nextInt(width);
            int cy = random.nextInt(height);
            int rx = 1 + random.nextInt(Math.max(1, width / 2));
            int ry = 1 + random.nextInt(Math.max(1, height / 2));
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double dx = (x - cx) / (double) rx;
                    double dy = (y - cy) / (double) ry;
                    if (dx * dx + dy * dy <= 1) {
                        // labels above K (and void) must count as background
                        labels[y * width + x] = (byte) label;
                    }
                }
            }
        }
        for (int i = 0; i < labels.length; i++) {
            if (random.nextInt(50) == 0) {
                labels[i] = (byte) random.nextInt(objects + 1);
            }
        }
        return labels;
    }

    private static byte[] jitter(Random random, byte[] gt, int width, int height, int objects) {
        byte[] result = new byte[gt.length];
        int sx = random.nextInt(11) - 5;
        int sy = random.nextInt(11) - 5;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int fx = x - sx;
                int fy = y - sy;
                if (fx >= 0 && fx < width && fy >= 0 && fy < height) {
                    int label = gt[fy * width + fx] & 0xFF;
                    result[y * width + x] = (byte) (label > objects ? 0 : label);
                }
            }
        }
        return result;
    }

    private static boolean[] binary(byte[] labels, int object) {
        boolean[] mask = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            mask[i] = (labels[i] & 0xFF) == object;
        }
        return mask;
    }

    private static double referenceJaccard(boolean[] gt, boolean[] seg) {
        long inter = 0;
        long union = 0;
        for (int i = 0; i < gt.length; i++) {
            inter += gt[i] && seg[i] ? 1 : 0;
            union += gt[i] || seg[i] ? 1 : 0;
        }
        return union == 0 ? 1 : inter / (double) union;
    }

    private static boolean[] referenceBoundary(boolean[] seg, int width, int height) {
        boolean[] b = new boolean[seg.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean v = seg[y * width + x];
                boolean e = x + 1 < width && seg[y * width + x + 1];
                boolean s = y + 1 < height && seg[(y + 1) * width + x];
                boolean se = x + 1 < width && y + 1 < height && seg[(y + 1) * width + x + 1];
                boolean boundary = (v ^ e) | (v ^ s) | (v ^ se);
                if (y == height - 1) {
                    boundary = v ^ e;
                }
                if (x == width - 1) {
                    boundary = v ^ s;
                }
                if (x == width - 1 && y == height - 1) {
                    boundary = false;
                }
                b[y * width + x] = boundary;
            }
        }
        return b;
    }

    private static boolean[] referenceDilate(boolean[] b, int width, int height, int radius) {
        boolean[] d = new boolean[b.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (!b[y * width + x]) {
                    continue;
                }
                for (int dy = -radius; dy <= radius; dy++) {
                    for (int dx = -radius; dx <= radius; dx++) {
                        int nx = x + dx;
                        int ny = y + dy;
                        if (dx * dx + dy * dy <= radius * radius && nx >= 0 && nx < width && ny >= 0
                                && ny < height) {
                            d[ny * width + nx] = true;
                        }
                    }
                }
            }
        }
        return d;
    }

    private static double referenceF(boolean[] seg, boolean[] gt, int width, int height) {
        int radius = (int) Math.ceil(0.008 * Math.hypot(height, width));
        boolean[] fgBoundary = referenceBoundary(seg, width, height);
        boolean[] gtBoundary = referenceBoundary(gt, width, height);
        boolean[] fgDilated = referenceDilate(fgBoundary, width, height, radius);
        boolean[] gtDilated = referenceDilate(gtBoundary, width, height, radius);
        long nFg = 0;
        long nGt = 0;
        long fgMatch = 0;
        long gtMatch = 0;
        for (int i = 0; i < seg.length; i++) {
            nFg += fgBoundary[i] ? 1 : 0;
            nGt += gtBoundary[i] ? 1 : 0;
            fgMatch += fgBoundary[i] && gtDilated[i] ? 1 : 0;
            gtMatch += gtBoundary[i] && fgDilated[i] ? 1 : 0;
        }
        double precision;
        double recall;
        if (nFg == 0 && nGt > 0) {
            precision = 1;
            recall = 0;
        } else if (nFg > 0 && nGt == 0) {
            precision = 0;
            recall = 1;
        } else if (nFg == 0) {
            precision = 1;
            recall = 1;
        } else {
            precision = fgMatch / (double) nFg;
            recall = gtMatch / (double) nGt;
        }
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }
}
