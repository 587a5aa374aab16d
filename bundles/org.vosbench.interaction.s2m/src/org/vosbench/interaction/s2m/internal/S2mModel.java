package org.vosbench.interaction.s2m.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import org.vosbench.core.ProgressMonitor;
import org.vosbench.core.RgbImage;
import org.vosbench.interaction.Click;
import org.vosbench.interaction.InteractionModel;
import org.vosbench.interaction.ObjectInput;

/**
 * One object's interaction as MiVOS's {@code S2MController.interact}: the ImageNet-normalised
 * image, the previous mask (0/1), the positive and the negative scribble maps, zero-padded to a
 * multiple of 16 ({@code pad_divide_by}: the odd pixel at the bottom/right), through the network,
 * {@code sigmoid}, unpadded.
 */
final class S2mModel implements InteractionModel {

    /** Radius of the scribble dot a click is drawn as (MiVOS draws 3-pixel-wide strokes). */
    static final int CLICK_RADIUS = 3;

    private static final double[] MEAN = {0.485, 0.456, 0.406};
    private static final double[] STD = {0.229, 0.224, 0.225};
    private static final int MULTIPLE = 16;

    private final S2mNetwork network;
    private final NDManager manager;

    S2mModel(S2mNetwork network, NDManager manager) {
        this.network = network;
        this.manager = manager;
    }

    @Override
    public double[] predict(RgbImage image, ObjectInput input, ProgressMonitor monitor) {
        int w = image.width();
        int h = image.height();
        int paddedH = pad(h);
        int paddedW = pad(w);
        int top = (paddedH - h) / 2;
        int left = (paddedW - w) / 2;
        int plane = paddedH * paddedW;
        boolean float64 = network.dataType() == DataType.FLOAT64;
        double[] x = new double[6 * plane];
        byte[] rgb = image.rgb();
        boolean[] positive = input.positiveScribbles() == null ? new boolean[w * h] : input.positiveScribbles().clone();
        boolean[] negative = input.negativeScribbles() == null ? new boolean[w * h] : input.negativeScribbles().clone();
        for (Click c : input.clicks()) {
            dot(c.positive() ? positive : negative, w, h, c.x(), c.y());
        }
        boolean[] previous = input.previousMask();
        for (int y = 0; y < h; y++) {
            for (int xx = 0; xx < w; xx++) {
                int p = y * w + xx;
                int q = (y + top) * paddedW + xx + left;
                for (int c = 0; c < 3; c++) {
                    int v = rgb[3 * p + c] & 0xFF;
                    // to_tensor then Normalize, in the run's type as the official transforms
                    x[c * plane + q] = float64 ? (v / 255.0 - MEAN[c]) / STD[c]
                            : ((float) v / 255f - (float) MEAN[c]) / (float) STD[c];
                }
                x[3 * plane + q] = previous != null && previous[p] ? 1 : 0;
                x[4 * plane + q] = positive[p] ? 1 : 0;
                x[5 * plane + q] = negative[p] ? 1 : 0;
            }
        }
        Shape shape = new Shape(1, 6, paddedH, paddedW);
        try (NDManager step = manager.newSubManager()) {
            NDArray in;
            if (network.dataType() == DataType.FLOAT64) {
                in = step.create(x, shape);
            } else {
                float[] f = new float[x.length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) x[i];
                }
                in = step.create(f, shape);
            }
            NDArray logits = network.forward(in, monitor);
            logits.attach(step);
            NDArray probability = logits.getNDArrayInternal().sigmoid();
            NDArray cropped = probability.get(new NDIndex("0, 0, {}:{}, {}:{}", top, top + h, left, left + w));
            NDArray asDouble = cropped.toType(DataType.FLOAT64, false);
            return asDouble.toDoubleArray();
        }
    }

    private static int pad(int size) {
        return size % MULTIPLE == 0 ? size : size + MULTIPLE - size % MULTIPLE;
    }

    private static void dot(boolean[] map, int w, int h, int cx, int cy) {
        for (int y = Math.max(0, cy - CLICK_RADIUS); y <= Math.min(h - 1, cy + CLICK_RADIUS); y++) {
            for (int x = Math.max(0, cx - CLICK_RADIUS); x <= Math.min(w - 1, cx + CLICK_RADIUS); x++) {
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= CLICK_RADIUS * CLICK_RADIUS) {
                    map[y * w + x] = true;
                }
            }
        }
    }

    @Override
    public void close() {
        // the parameters belong to the manager the service closes
    }
}
