package org.vosbench.engine;

import java.util.List;

/**
 * Probabilities {@code [K+1, H, W]}, row-major: channel 0 the background, channel i the object
 * {@code objectIds.get(i - 1)}; the layout of the {@code .npy} files of
 * {@code --save-probabilities}. Stored as float32, or as float64 for an {@code fp64} session
 * ({@link #isFloat64()}), so nothing of a float64 run is rounded away.
 */
public final class ProbabilityMap {

    private final int width;
    private final int height;
    private final List<Integer> objectIds;
    private final float[] floats;
    private final double[] doubles;

    /**
     * Wraps float32 data without copying.
     *
     * @param width pixels per row
     * @param height rows
     * @param objectIds ids of channels 1..K
     * @param data {@code (K+1) * H * W} floats
     */
    public ProbabilityMap(int width, int height, List<Integer> objectIds, float[] data) {
        this(width, height, objectIds, data, null, data.length);
    }

    /**
     * Wraps float64 data without copying.
     *
     * @param width pixels per row
     * @param height rows
     * @param objectIds ids of channels 1..K
     * @param data {@code (K+1) * H * W} doubles
     */
    public ProbabilityMap(int width, int height, List<Integer> objectIds, double[] data) {
        this(width, height, objectIds, null, data, data.length);
    }

    private ProbabilityMap(int width, int height, List<Integer> objectIds, float[] floats, double[] doubles,
            int length) {
        if ((long) (objectIds.size() + 1) * width * height != length) {
            throw new IllegalArgumentException("Probability map of " + (objectIds.size() + 1) + "x" + height + "x"
                    + width + " needs " + (objectIds.size() + 1) * width * height + " values, got " + length);
        }
        this.width = width;
        this.height = height;
        this.objectIds = List.copyOf(objectIds);
        this.floats = floats;
        this.doubles = doubles;
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

    /** @return whether the values are float64 (an {@code fp64} session) */
    public boolean isFloat64() {
        return doubles != null;
    }

    /**
     * @return {@code [K+1, H, W]} row-major as float32: the live data of a float32 map, a rounded
     *         copy of a float64 one
     */
    public float[] data() {
        if (floats != null) {
            return floats;
        }
        float[] out = new float[doubles.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) doubles[i];
        }
        return out;
    }

    /** @return {@code [K+1, H, W]} row-major as float64: the live data of a float64 map, an exact copy of a float32 one */
    public double[] doubleData() {
        if (doubles != null) {
            return doubles;
        }
        double[] out = new double[floats.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = floats[i];
        }
        return out;
    }

    /** @return the shape as {@code {K+1, H, W}} */
    public long[] shape() {
        return new long[] {channels(), height, width};
    }

    /**
     * @param channel 0 background, i object {@code objectIds.get(i - 1)}
     * @param x column
     * @param y row
     * @return the probability (rounded to float32 for a float64 map)
     */
    public float get(int channel, int x, int y) {
        int i = (channel * height + y) * width + x;
        return floats != null ? floats[i] : (float) doubles[i];
    }

    /**
     * @param channel 0 background, i object {@code objectIds.get(i - 1)}
     * @param x column
     * @param y row
     * @return the probability, exact
     */
    public double getDouble(int channel, int x, int y) {
        int i = (channel * height + y) * width + x;
        return floats != null ? floats[i] : doubles[i];
    }

    /**
     * The map over a given list of objects, the layout STCN's evaluation writes for a whole
     * sequence: channel 0 the background, channel i the object {@code ids.get(i - 1)}, all zero for
     * an object this frame does not have yet (it appears later). Objects of this map missing from
     * {@code ids} are appended after them, so nothing is dropped. The storage type is kept.
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
        Object source = floats != null ? floats : doubles;
        Object out = floats != null ? new float[(order.size() + 1) * plane] : new double[(order.size() + 1) * plane];
        System.arraycopy(source, 0, out, 0, plane);
        for (int c = 0; c < order.size(); c++) {
            int from = objectIds.indexOf(order.get(c));
            if (from >= 0) {
                System.arraycopy(source, (from + 1) * plane, out, (c + 1) * plane, plane);
            }
        }
        return floats != null ? new ProbabilityMap(width, height, order, (float[]) out)
                : new ProbabilityMap(width, height, order, (double[]) out);
    }
}
