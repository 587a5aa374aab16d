package org.vosbench.train.internal;

import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import org.vosbench.train.data.TrainingSample;

/**
 * Stacks B samples into the official batch ({@code DataLoader} collation of
 * {@code vos_dataset.py} / {@code static_dataset.py} items): {@code rgb}, {@code gt},
 * {@code cls_gt} (0 background, 1 where the target's mask is above 0.5, then 2 where the second
 * object's is) and, for the multi-object network, {@code sec_gt} (zeros without a second
 * object) and {@code selector} ({@code [1, 1]} with a second object, else {@code [1, 0]}).
 */
public final class Batches {

    private Batches() {
    }

    /**
     * @param manager the step's manager
     * @param samples B samples of one size
     * @param singleObject the single-object network (no {@code sec_gt}, no {@code selector})
     * @param dataType the network's type
     * @return the batch
     */
    public static TrainingStep.Batch of(NDManager manager, List<TrainingSample> samples, boolean singleObject,
            DataType dataType) {
        int b = samples.size();
        int h = samples.get(0).height();
        int w = samples.get(0).width();
        int plane = h * w;
        float[] rgb = new float[b * 9 * plane];
        float[] gt = new float[b * 3 * plane];
        float[] sec = singleObject ? null : new float[b * 3 * plane];
        float[] selector = singleObject ? null : new float[b * 2];
        int[] classes = new int[b * 3 * plane];
        boolean[] second = new boolean[b];
        for (int j = 0; j < b; j++) {
            TrainingSample s = samples.get(j);
            if (s.height() != h || s.width() != w) {
                throw new IllegalArgumentException("sample " + s.info() + " is " + s.height() + "x" + s.width()
                        + ", the batch's first " + h + "x" + w);
            }
            System.arraycopy(s.rgb(), 0, rgb, j * 9 * plane, 9 * plane);
            System.arraycopy(s.target(), 0, gt, j * 3 * plane, 3 * plane);
            boolean hasSecond = !singleObject && s.hasSecond();
            second[j] = hasSecond;
            if (!singleObject) {
                selector[j * 2] = 1;
                selector[j * 2 + 1] = hasSecond ? 1 : 0;
                if (hasSecond) {
                    System.arraycopy(s.second(), 0, sec, j * 3 * plane, 3 * plane);
                }
            }
            for (int i = 0; i < 3 * plane; i++) {
                int c = s.target()[i] > 0.5f ? 1 : 0;
                if (hasSecond && s.second()[i] > 0.5f) {
                    c = 2;
                }
                classes[j * 3 * plane + i] = c;
            }
        }
        NDArray rgbArray = create(manager, rgb, new Shape(b, 3, 3, h, w), dataType);
        NDArray gtArray = create(manager, gt, new Shape(b, 3, 1, h, w), dataType);
        NDArray secArray = singleObject ? null : create(manager, sec, new Shape(b, 3, 1, h, w), dataType);
        NDArray selectorArray = singleObject ? null : create(manager, selector, new Shape(b, 2), dataType);
        return new TrainingStep.Batch(rgbArray, gtArray, secArray, selectorArray, classes, second);
    }

    private static NDArray create(NDManager manager, float[] data, Shape shape, DataType dataType) {
        NDArray a = manager.create(data, shape);
        if (dataType == DataType.FLOAT32) {
            return a;
        }
        NDArray converted = a.toType(dataType, false);
        a.close();
        return converted;
    }
}
