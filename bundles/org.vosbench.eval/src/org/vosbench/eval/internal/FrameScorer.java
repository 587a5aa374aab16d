package org.vosbench.eval.internal;

import java.util.Arrays;

/**
 * Scores one frame of a result against its ground truth for objects {@code 1..K}: the Jaccard
 * index (region similarity J) and the boundary F-measure, as davis2017-evaluation's
 * {@code db_eval_iou} and {@code f_measure} define them.
 *
 * <p>One pass over each row's runs of equal labels (found with the vectorised
 * {@link Arrays#mismatch}) counts intersections and unions and builds, per object, a bitset per
 * row (64 pixels a word), remembering each row's first and last non-empty word. Boundaries
 * ({@code _seg2bmap}) are then a few word operations on those words, and the disk dilation is a
 * union of horizontally dilated rows: row {@code dy} of a disk of radius r is the interval
 * {@code |dx| <= halfWidth(dy)}, and horizontal dilations of every width come from repeating a
 * one-pixel dilation. Only words inside a row's range are ever read, so buffers are reused
 * across frames without clearing them whole; nothing is allocated per pixel.
 *
 * <p>An instance holds scratch buffers and is not thread-safe; use one per thread.
 */
public final class FrameScorer {

    /** Boundary tolerance as a fraction of the image diagonal, davis2017-evaluation's {@code bound_th}. */
    public static final double BOUND_TH = 0.008;

    /** An object's pixels (or boundary) as row bitsets with each row's non-empty word range. */
    private static final class RowBits {
        final long[] bits;
        /** First non-empty word per row; greater than {@link #hi} for an empty row. */
        final int[] lo;
        /** Last non-empty word per row. */
        final int[] hi;

        RowBits(int height, int words) {
            bits = new long[height * words];
            lo = new int[height];
            hi = new int[height];
            Arrays.fill(lo, Integer.MAX_VALUE);
            Arrays.fill(hi, -1);
        }
    }

    private int width;
    private int height;
    private int words;
    private int radius;
    private int spread;
    private int[] halfWidth;
    private long[] ladderA = new long[0];
    private long[] ladderB = new long[0];
    private long[] dilated = new long[0];
    private RowBits[] gtObjects = new RowBits[0];
    private RowBits[] resultObjects = new RowBits[0];
    private RowBits boundaryA;
    private RowBits boundaryB;

    /**
     * The result of scoring one frame.
     *
     * @param jaccard J of objects 1..K at index 0..K-1
     * @param boundaryF F of objects 1..K at index 0..K-1
     * @param maxResultLabel the largest label in the result, void (255) included
     */
    public record Scores(double[] jaccard, double[] boundaryF, int maxResultLabel) {
    }

    /**
     * @param width image width
     * @param height image height
     * @return the dilation radius the toolkit uses: {@code ceil(0.008 * |(H, W)|)}
     */
    public static int boundaryRadius(int width, int height) {
        return (int) Math.ceil(BOUND_TH * Math.sqrt((double) height * height + (double) width * width));
    }

    /**
     * Scores a frame. Ground-truth labels above {@code objects} (void 255 included) count as
     * background, as the toolkit's semi-supervised evaluation does. Result labels above
     * {@code objects} are only reported through {@link Scores#maxResultLabel()}; callers reject them.
     *
     * @param gt ground-truth labels, row-major
     * @param result result labels, row-major, same size
     * @param width pixels per row
     * @param height rows
     * @param objects K, the number of ground-truth objects
     * @return J and F per object
     */
    public Scores score(byte[] gt, byte[] result, int width, int height, int objects) {
        if (gt.length != width * height || result.length != gt.length) {
            throw new IllegalArgumentException("Masks must both be " + width + "x" + height);
        }
        prepare(width, height);
        int k = objects;
        ensureObjects(k);
        int[] inter = new int[256];
        int[] gtCount = new int[256];
        int[] resCount = new int[256];
        int maxResult = 0;
        try {
            for (int y = 0; y < height; y++) {
                int rowStart = y * width;
                int rowEnd = rowStart + width;
                // walk the row by segments where both labels are constant (masks are long runs)
                int x = rowStart;
                int gtRunEnd = runEnd(gt, x, rowEnd);
                int resultRunEnd = runEnd(result, x, rowEnd);
                while (x < rowEnd) {
                    int segmentEnd = Math.min(gtRunEnd, resultRunEnd);
                    int g = gt[x] & 0xFF;
                    int r = result[x] & 0xFF;
                    if ((g | r) != 0) {
                        int length = segmentEnd - x;
                        maxResult = Math.max(maxResult, r);
                        g = g > k ? 0 : g;
                        r = r > k ? 0 : r;
                        if (g != 0) {
                            gtCount[g] += length;
                            setRange(gtObjects[g], y, x - rowStart, segmentEnd - rowStart);
                            if (g == r) {
                                inter[g] += length;
                            }
                        }
                        if (r != 0) {
                            resCount[r] += length;
                            setRange(resultObjects[r], y, x - rowStart, segmentEnd - rowStart);
                        }
                    }
                    x = segmentEnd;
                    if (x == gtRunEnd) {
                        gtRunEnd = runEnd(gt, x, rowEnd);
                    }
                    if (x == resultRunEnd) {
                        resultRunEnd = runEnd(result, x, rowEnd);
                    }
                }
            }
            double[] jaccard = new double[k];
            double[] boundaryF = new double[k];
            for (int o = 1; o <= k; o++) {
                long union = (long) gtCount[o] + resCount[o] - inter[o];
                // db_eval_iou: an empty union (object absent from both) scores 1
                jaccard[o - 1] = union == 0 ? 1.0 : (double) inter[o] / (double) union;
                boundaryF[o - 1] = union == 0 ? 1.0 : boundaryF(resultObjects[o], gtObjects[o]);
            }
            return new Scores(jaccard, boundaryF, maxResult);
        } finally {
            for (int o = 1; o <= k; o++) {
                clear(gtObjects[o]);
                clear(resultObjects[o]);
            }
        }
    }

    /** End (exclusive) of the run of equal labels starting at {@code from}, within the row. */
    private static int runEnd(byte[] labels, int from, int rowEnd) {
        if (from + 1 >= rowEnd) {
            return rowEnd;
        }
        int k = Arrays.mismatch(labels, from, rowEnd - 1, labels, from + 1, rowEnd);
        return k < 0 ? rowEnd : from + k + 1;
    }

    /** Sets pixels {@code from..to-1} of row {@code y}. */
    private void setRange(RowBits target, int y, int from, int to) {
        long[] bits = target.bits;
        int base = y * words;
        int first = from >>> 6;
        int last = (to - 1) >>> 6;
        long firstMask = -1L << from;
        long lastMask = -1L >>> (63 - ((to - 1) & 63));
        if (first == last) {
            bits[base + first] |= firstMask & lastMask;
        } else {
            bits[base + first] |= firstMask;
            for (int w = first + 1; w < last; w++) {
                bits[base + w] = -1L;
            }
            bits[base + last] |= lastMask;
        }
        target.lo[y] = Math.min(target.lo[y], first);
        target.hi[y] = Math.max(target.hi[y], last);
    }

    /** Empties an object bitset, touching only its non-empty words. */
    private void clear(RowBits target) {
        for (int y = 0; y < height; y++) {
            if (target.lo[y] <= target.hi[y]) {
                Arrays.fill(target.bits, y * words + target.lo[y], y * words + target.hi[y] + 1, 0L);
                target.lo[y] = Integer.MAX_VALUE;
                target.hi[y] = -1;
            }
        }
    }

    /**
     * The toolkit's {@code _seg2bmap} of a binary mask, for inspection.
     *
     * @param seg one flag per pixel, row-major
     * @param width pixels per row
     * @param height rows
     * @return the boundary flags
     */
    public boolean[] seg2bmap(boolean[] seg, int width, int height) {
        prepare(width, height);
        RowBits mask = new RowBits(height, words);
        for (int i = 0; i < seg.length; i++) {
            if (seg[i]) {
                setRange(mask, i / width, i % width, i % width + 1);
            }
        }
        RowBits boundary = new RowBits(height, words);
        seg2bmap(mask, boundary);
        boolean[] out = new boolean[seg.length];
        for (int i = 0; i < out.length; i++) {
            int y = i / width;
            int word = (i % width) >>> 6;
            out[i] = word >= boundary.lo[y] && word <= boundary.hi[y]
                    && (boundary.bits[y * words + word] >>> (i % width) & 1) != 0;
        }
        return out;
    }

    private void prepare(int newWidth, int newHeight) {
        if (newWidth == width && newHeight == height) {
            return;
        }
        width = newWidth;
        height = newHeight;
        words = (width + 63) >>> 6;
        radius = boundaryRadius(width, height);
        // how many words a dilation by the radius reaches beyond a non-empty word
        spread = (radius + 63) / 64;
        // skimage.morphology.disk(r): dx^2 + dy^2 <= r^2
        halfWidth = new int[radius + 1];
        for (int dy = 0; dy <= radius; dy++) {
            int dx = 0;
            while ((long) (dx + 1) * (dx + 1) + (long) dy * dy <= (long) radius * radius) {
                dx++;
            }
            halfWidth[dy] = dx;
        }
        int ladderSize = height * (radius + 1) * words;
        ladderA = new long[ladderSize];
        ladderB = new long[ladderSize];
        dilated = new long[words];
        gtObjects = new RowBits[0];
        resultObjects = new RowBits[0];
        boundaryA = new RowBits(height, words);
        boundaryB = new RowBits(height, words);
    }

    private void ensureObjects(int objects) {
        if (gtObjects.length > objects) {
            return;
        }
        RowBits[] gt = Arrays.copyOf(gtObjects, objects + 1);
        RowBits[] res = Arrays.copyOf(resultObjects, objects + 1);
        for (int o = Math.max(1, gtObjects.length); o <= objects; o++) {
            gt[o] = new RowBits(height, words);
            res[o] = new RowBits(height, words);
        }
        gtObjects = gt;
        resultObjects = res;
    }

    /**
     * f_measure of davis2017-evaluation for one object.
     *
     * @param segmentation the result's object
     * @param annotation the ground truth's object
     * @return F
     */
    private double boundaryF(RowBits segmentation, RowBits annotation) {
        long nFg = seg2bmap(segmentation, boundaryA);
        long nGt = seg2bmap(annotation, boundaryB);
        double precision;
        double recall;
        if (nFg == 0 && nGt > 0) {
            precision = 1;
            recall = 0;
        } else if (nFg > 0 && nGt == 0) {
            precision = 0;
            recall = 1;
        } else if (nFg == 0 && nGt == 0) {
            precision = 1;
            recall = 1;
        } else {
            buildLadder(boundaryA, ladderA);
            buildLadder(boundaryB, ladderB);
            long fgMatch = matches(boundaryA, ladderB, boundaryB);
            long gtMatch = matches(boundaryB, ladderA, boundaryA);
            precision = fgMatch / (double) nFg;
            recall = gtMatch / (double) nGt;
        }
        if (precision + recall == 0) {
            return 0;
        }
        return 2 * precision * recall / (precision + recall);
    }

    /**
     * _seg2bmap: a pixel is on the boundary when it differs from its east, south or south-east
     * neighbour; the last row compares only with the east, the last column only with the south,
     * and the bottom-right pixel is never a boundary.
     *
     * @return the number of boundary pixels
     */
    private long seg2bmap(RowBits mask, RowBits boundary) {
        long[] seg = mask.bits;
        long[] b = boundary.bits;
        int lastWord = words - 1;
        long lastBit = 1L << (width - 1);
        long total = 0;
        for (int y = 0; y < height; y++) {
            boolean lastRow = y == height - 1;
            int lo = lastRow ? mask.lo[y] : Math.min(mask.lo[y], mask.lo[y + 1]);
            int hi = lastRow ? mask.hi[y] : Math.max(mask.hi[y], mask.hi[y + 1]);
            int first = Integer.MAX_VALUE;
            int last = -1;
            if (lo <= hi) {
                int row = y * words;
                int next = row + words;
                // a boundary word depends on the same and the next mask word; both rows are empty outside lo..hi
                for (int w = Math.max(0, lo - 1); w <= hi; w++) {
                    long r = word(mask, y, w);
                    long east = r >>> 1 | (w + 1 < words ? word(mask, y, w + 1) << 63 : 0);
                    long v;
                    if (lastRow) {
                        v = r ^ east;
                    } else {
                        long s = word(mask, y + 1, w);
                        long southEast = s >>> 1 | (w + 1 < words ? word(mask, y + 1, w + 1) << 63 : 0);
                        v = (r ^ east) | (r ^ s) | (r ^ southEast);
                    }
                    if (w == lastWord) {
                        boolean differs = !lastRow && ((seg[row + lastWord] ^ seg[next + lastWord]) & lastBit) != 0;
                        v = differs ? v | lastBit : v & ~lastBit;
                    }
                    b[row + w] = v;
                    if (v != 0) {
                        first = Math.min(first, w);
                        last = w;
                        total += Long.bitCount(v);
                    }
                }
            }
            boundary.lo[y] = first;
            boundary.hi[y] = last;
        }
        return total;
    }

    /** A mask word, zero outside the row's non-empty range (where the buffer may hold stale bits). */
    private long word(RowBits mask, int y, int w) {
        return w >= mask.lo[y] && w <= mask.hi[y] ? mask.bits[y * words + w] : 0L;
    }

    /**
     * Per non-empty row: the row dilated horizontally by 0..radius pixels, over its non-empty
     * words widened by {@link #spread} words on each side (outside them the ladder is stale).
     */
    private void buildLadder(RowBits boundary, long[] ladder) {
        int stride = (radius + 1) * words;
        for (int y = 0; y < height; y++) {
            if (boundary.lo[y] > boundary.hi[y]) {
                continue;
            }
            int from = Math.max(0, boundary.lo[y] - spread);
            int to = Math.min(words - 1, boundary.hi[y] + spread);
            int base = y * stride;
            for (int w = from; w <= to; w++) {
                ladder[base + w] = w >= boundary.lo[y] && w <= boundary.hi[y] ? boundary.bits[y * words + w] : 0L;
            }
            for (int step = 1; step <= radius; step++) {
                int previous = base + (step - 1) * words;
                int current = previous + words;
                for (int w = from; w <= to; w++) {
                    long v = ladder[previous + w];
                    long left = v << 1 | (w > from ? ladder[previous + w - 1] >>> 63 : 0);
                    long right = v >>> 1 | (w < to ? ladder[previous + w + 1] << 63 : 0);
                    ladder[current + w] = v | left | right;
                }
            }
        }
    }

    /** Counts the pixels of {@code boundary} within the disk dilation of {@code other}, given its ladder. */
    private long matches(RowBits boundary, long[] otherLadder, RowBits other) {
        int stride = (radius + 1) * words;
        long matched = 0;
        for (int y = 0; y < height; y++) {
            int first = boundary.lo[y];
            int last = boundary.hi[y];
            if (first > last) {
                continue;
            }
            Arrays.fill(dilated, first, last + 1, 0);
            int fromRow = Math.max(0, y - radius);
            int toRow = Math.min(height - 1, y + radius);
            for (int yy = fromRow; yy <= toRow; yy++) {
                if (other.lo[yy] > other.hi[yy]) {
                    continue;
                }
                int from = Math.max(first, other.lo[yy] - spread);
                int to = Math.min(last, other.hi[yy] + spread);
                int offset = yy * stride + halfWidth[Math.abs(yy - y)] * words;
                for (int w = from; w <= to; w++) {
                    dilated[w] |= otherLadder[offset + w];
                }
            }
            int row = y * words;
            for (int w = first; w <= last; w++) {
                matched += Long.bitCount(boundary.bits[row + w] & dilated[w]);
            }
        }
        return matched;
    }
}
