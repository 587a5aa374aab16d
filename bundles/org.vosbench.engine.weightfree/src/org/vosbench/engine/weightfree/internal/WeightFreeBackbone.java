package org.vosbench.engine.weightfree.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.vosbench.engine.Backbone;
import org.vosbench.engine.FrameFeatures;

/**
 * A training-free backbone: the classic colour-and-position affinity of bilateral filtering and
 * video segmentation propagation, run through the same memory read as STCN.
 * <ul>
 * <li>key: mean CIE Lab colour and centre position of each {@code stride x stride} cell, scaled
 * so that the L2 similarity is a Gaussian (bilateral) kernel, see {@link WeightFreeSettings};</li>
 * <li>value: each object's mask inside the cell, as the {@code (stride/guideCell)²} averages of
 * its guide cells (a small patch of the mask), so the readout carries each matched cell's mask
 * shape, not only its coverage: thin and small objects are not averaged away;</li>
 * <li>decode: the read-out patches put back in place (a soft mask at the guide resolution),
 * refined by a colour guided filter on the frame so that the mask edges snap to the frame's
 * edges.</li>
 * </ul>
 * Stride 16 (not 8) because the engine's memory read is dense in THW x HW: at stride 8 it would
 * be 16 times larger than STCN's (gigabytes on a 480p video with ten memory frames).
 * It holds no parameters. It is meant for the default L2 similarity: under the dot product the
 * key's norm, which grows with the position, would bias every read towards the bottom right.
 */
public final class WeightFreeBackbone implements Backbone {

    /** The extension id. */
    public static final String ID = "weightfree";

    private final WeightFreeSettings settings;

    /** @param settings the knobs */
    public WeightFreeBackbone(WeightFreeSettings settings) {
        this.settings = settings;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int stride() {
        return settings.stride();
    }

    @Override
    public int padMultiple() {
        return settings.stride();
    }

    /** {@inheritDoc} Image {@code 1 x 3 x H x W} in [0, 1], H and W multiples of the stride. */
    @Override
    public FrameFeatures encodeKey(NDManager manager, NDArray image) {
        int height = (int) image.getShape().get(2);
        int width = (int) image.getShape().get(3);
        int stride = settings.stride();
        // Lab is computed on the guide cells: 16 times fewer pixels, and the key averages anyway
        NDArray imageLow = WeightFreeOps.cellMean(image, settings.guideCell());
        NDArray lab = WeightFreeOps.toLab(imageLow);
        NDArray colour = WeightFreeOps.cellMean(lab, stride / settings.guideCell()).div(settings.sigmaColour());
        NDArray position = WeightFreeOps.cellPositions(manager, height / stride, width / stride, stride)
                .div(settings.sigmaPosition());
        NDArray key = colour.concat(position, 1);
        // times CK^(1/4): the L2 similarity divides the squared distance by sqrt(CK)
        float scale = (float) Math.pow(key.getShape().get(1), 0.25);
        // in the session's type (the image's): the positions are made as float32
        return new WeightFreeFeatures(key.mul(scale).toType(image.getDataType(), false), image, imageLow);
    }

    /**
     * {@inheritDoc} Values {@code K x (stride/guideCell)² x h x w}: per cell, the object's share of
     * each guide cell inside it.
     */
    @Override
    public NDArray encodeValue(FrameFeatures features, NDArray image, NDArray masks, NDArray others) {
        try (NDArray lowMasks = WeightFreeOps.cellMean(masks, settings.guideCell())) {
            return WeightFreeOps.spaceToDepth(lowMasks, settings.stride() / settings.guideCell());
        }
    }

    /** {@inheritDoc} Readout {@code K x (stride/guideCell)² x h x w} → {@code K x 1 x H x W} in [0, 1]. */
    @Override
    public NDArray decode(FrameFeatures features, NDArray readout) {
        WeightFreeFeatures own = (WeightFreeFeatures) features;
        try (NDArray soft = WeightFreeOps.depthToSpace(readout, settings.stride() / settings.guideCell())) {
            NDArray refined = WeightFreeOps.fastColourGuidedFilter(own.image(), own.imageLow(), soft,
                    settings.guideRadius(), settings.guideEps());
            return refined.clip(0f, 1f).toType(readout.getDataType(), false);
        }
    }

    @Override
    public void close() {
        // no parameters
    }

    /** @return the settings in use */
    public WeightFreeSettings settings() {
        return settings;
    }
}
