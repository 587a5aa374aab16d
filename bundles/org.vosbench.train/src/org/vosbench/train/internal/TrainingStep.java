package org.vosbench.train.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import org.vosbench.engine.stcn.training.StcnTraining;
import org.vosbench.engine.stcn.training.StcnTraining.KeyFeatures;
import org.vosbench.engine.stcn.training.StcnTraining.Segmentation;

/**
 * The forward pass and loss of one official training step ({@code model/model.py
 * STCNModel.do_pass} with {@code model/losses.py LossComputer}): three frames per sample;
 * frame 1 segmented from frame 0's memory, its values encoded from the soft predicted masks,
 * frame 2 segmented from frames 0 and 1; bootstrapped cross-entropy on frames 1 and 2 per
 * sample, averaged over the batch.
 */
public final class TrainingStep {

    /**
     * A batch of B samples of 3 frames (H x W).
     *
     * @param rgb normalised frames {@code B x 3 x 3 x H x W}
     * @param gt target masks {@code B x 3 x 1 x H x W}
     * @param secGt second-object masks {@code B x 3 x 1 x H x W}, null in single-object mode
     * @param selector {@code B x 2} (second object present), null in single-object mode
     * @param classes per pixel 0 background, 1 target, 2 second object: {@code B x 3 x H x W}
     * @param secondPresent per sample, whether it has a second object (its loss uses 3 classes)
     */
    public record Batch(NDArray rgb, NDArray gt, NDArray secGt, NDArray selector, int[] classes,
            boolean[] secondPresent) {

        boolean singleObject() {
            return secGt == null;
        }
    }

    /**
     * @param loss1 frame 1's loss
     * @param loss2 frame 2's loss
     * @param total their sum, the one back-propagated
     * @param p the fraction of pixels the bootstrapped loss kept
     */
    public record Losses(NDArray loss1, NDArray loss2, NDArray total, double p) {
    }

    private final BootstrappedCrossEntropy loss;

    public TrainingStep(BootstrappedCrossEntropy loss) {
        this.loss = loss;
    }

    /**
     * @param network the network (inside a gradient collector to record the pass)
     * @param batch the batch, on the step's manager
     * @param it the iteration (sets the bootstrapped loss's p)
     * @return the losses
     */
    public Losses forward(StcnTraining network, Batch batch, int it) {
        KeyFeatures k = network.encodeKey(batch.rgb());
        NDArray f0 = batch.rgb().get(":, 0");
        NDArray f1 = batch.rgb().get(":, 1");
        NDArray[] logits = new NDArray[3];
        if (batch.singleObject()) {
            NDArray none = batch.gt().get(":, 0").zerosLike();
            NDArray refV = network.encodeValue(f0, k.f16()[0], batch.gt().get(":, 0"), none);
            Segmentation s1 = network.segment(k.k16()[1], k.f16Thin()[1], k.f8()[1], k.f4()[1], k.k16()[0].expandDims(2),
                    new NDArray[] {refV.expandDims(2)}, null);
            NDArray prevV = network.encodeValue(f1, k.f16()[1], s1.probabilities(), none);
            Segmentation s2 = network.segment(k.k16()[2], k.f16Thin()[2], k.f8()[2], k.f4()[2], stack(k.k16()[0], k.k16()[1]),
                    new NDArray[] {stack(refV, prevV)}, null);
            logits[1] = s1.logits();
            logits[2] = s2.logits();
        } else {
            NDArray gt0 = batch.gt().get(":, 0");
            NDArray sec0 = batch.secGt().get(":, 0");
            NDArray refV1 = network.encodeValue(f0, k.f16()[0], gt0, sec0);
            NDArray refV2 = network.encodeValue(f0, k.f16()[0], sec0, gt0);
            Segmentation s1 = network.segment(k.k16()[1], k.f16Thin()[1], k.f8()[1], k.f4()[1], k.k16()[0].expandDims(2),
                    new NDArray[] {refV1.expandDims(2), refV2.expandDims(2)}, batch.selector());
            NDArray prev1 = s1.probabilities().get(":, 0:1");
            NDArray prev2 = s1.probabilities().get(":, 1:2");
            NDArray prevV1 = network.encodeValue(f1, k.f16()[1], prev1, prev2);
            NDArray prevV2 = network.encodeValue(f1, k.f16()[1], prev2, prev1);
            Segmentation s2 = network.segment(k.k16()[2], k.f16Thin()[2], k.f8()[2], k.f4()[2], stack(k.k16()[0], k.k16()[1]),
                    new NDArray[] {stack(refV1, prevV1), stack(refV2, prevV2)}, batch.selector());
            logits[1] = s1.logits();
            logits[2] = s2.logits();
        }
        Shape shape = batch.gt().getShape();
        int b = (int) shape.get(0);
        int frames = (int) shape.get(1);
        int h = (int) shape.get(3);
        int w = (int) shape.get(4);
        NDManager manager = batch.rgb().getManager();
        NDArray[] frameLoss = new NDArray[frames];
        double p = 0;
        // the class map goes to the engine once; each sample's one-hot target is made there from it
        NDArray classMap = manager.create(batch.classes(), new Shape(b, frames, h, w));
        NDArray classIds = manager.arange(0, 3, 1, DataType.INT32).reshape(3, 1, 1);
        for (int i = 1; i < frames; i++) {
            NDArray sum = null;
            for (int j = 0; j < b; j++) {
                int classes = batch.singleObject() || !batch.secondPresent()[j] ? 2 : 3;
                NDArray sample = logits[i].get(j + ":" + (j + 1) + ", 0:" + classes);
                NDArray target = oneHot(classMap.get(j, i), classIds, classes, sample.getDataType());
                NDArray l = loss.loss(sample, target, it).div(b);
                sum = sum == null ? l : sum.add(l);
                p += loss.p(it) / b / (frames - 1);
            }
            frameLoss[i] = sum;
        }
        NDArray total = frameLoss[1];
        for (int i = 2; i < frames; i++) {
            total = total.add(frameLoss[i]);
        }
        return new Losses(frameLoss[1], frameLoss[2], total, p);
    }

    /** Stacks per-frame {@code B x C x h x w} arrays along a new time axis 2: {@code B x C x T x h x w}. */
    private static NDArray stack(NDArray a, NDArray b) {
        return NDArrays.stack(new NDList(a, b), 2);
    }

    /**
     * @param classMap one frame's classes {@code H x W}: 0, 1 or 2 (a class of {@code count} or above gets no 1)
     * @param classIds {@code 0, 1, 2} as {@code 3 x 1 x 1}
     * @return {@code 1 x count x H x W}: 1 where the pixel is of that class, else 0
     */
    private static NDArray oneHot(NDArray classMap, NDArray classIds, int count, DataType type) {
        try (NDArray ids = classIds.get("0:" + count); NDArray hits = classMap.eq(ids)) {
            return hits.toType(type, false).expandDims(0);
        }
    }
}
