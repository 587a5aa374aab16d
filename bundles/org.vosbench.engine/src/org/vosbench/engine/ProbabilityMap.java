package org.vosbench.engine;

import java.util.List;

/**
 * Probabilities {@code [K+1, H, W]} float32, row-major: channel 0 the background, channel i the
 * object {@code objectIds.get(i - 1)}; the layout of the {@code .npy} files of
 * {@code --save-probabilities}.
 */
public final class ProbabilityMap {

    private final int width;
    private final int height;
    private final List<Integer> objectIds;
    private final float[] data;

    /**
     * Wraps the data without copying.
     *
     * @param width pixels per row
     * @param height rows
     * @param objectIds ids of channels 1..K
     * @param data {@code (K+1) * H * W} floats
     */
    public ProbabilityMap(int width, int height, List<Integer> objectIds, float[] data) {
        if ((long) (objectIds.size() + 1) * width * height != data.length) {
            throw new IllegalArgumentException("Probability map of " + (objectIds.size() + 1) + "x" + height + "x"
                    + width + " needs " + (objectIds.size() + 1) * width * height + " values, got " + data.length);
        }
        this.width = width;
        this.height = height;
        this.objectIds = List.copyOf(objectIds);
        this.data = data;
    }

    /** @return pixels per row */
    public int width() {
        return width;
    }

    /** @return rows */
    public int height() {
        return height;
    }

    /** @return K + 1 */
    public int channels() {
        return objectIds.size() + 1;
    }

    /** @return ids of channels 1..K */
    public List<Integer> objectIds() {
        return objectIds;
    }

    /** @return the live data, {@code [K+1, H, W]} row-major */
    public float[] data() {
        return data;
    }

    /** @return the shape as {@code {K+1, H, W}} */
    public long[] shape() {
        return new long[] {channels(), height, width};
    }

    /**
     * @param channel 0 background, i object {@code objectIds.get(i - 1)}
     * @param x column
     * @param y row
     * @return the probability
     */
    public float get(int channel, int x, int y) {
        return data[(channel * height + y) * width + x];
    }

    /**
     * The map over a given list of objects, the layout STCN's evaluation writes for a whole
     * sequence: channel 0 the background, channel i the object {@code ids.get(i - 1)}, all zero for
     * an object this frame does not have yet (it appears later). Objects of this map missing from
     * {@code ids} are appended after them, so nothing is dropped.
     *
     * @param ids the sequence's object ids, in the order wanted
     * @return a new map; this one when it already has exactly these channels
     */
    public ProbabilityMap over(List<Integer> ids) {
        if (ids.equals(objectIds)) {
            return this;
        }
        List<Integer> order = new java.util.ArrayList<>(ids);
        for (int id : objectIds) {
            if (!order.contains(id)) {
                order.add(id);
            }
        }
        int plane = width * height;
        float[] out = new float[(order.size() + 1) * plane];
        System.arraycopy(data, 0, out, 0, plane);
        for (int c = 0; c < order.size(); c++) {
            int from = objectIds.indexOf(order.get(c));
            if (from >= 0) {
                System.arraycopy(data, (from + 1) * plane, out, (c + 1) * plane, plane);
            }
        }
        return new ProbabilityMap(width, height, order, out);
    }
}
