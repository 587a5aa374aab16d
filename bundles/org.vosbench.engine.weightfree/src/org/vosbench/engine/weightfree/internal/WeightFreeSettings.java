package org.vosbench.engine.weightfree.internal;

/**
 * The knobs of the weight-free backbone, each in the unit a person can reason about.
 *
 * <p>The key scales the Lab colour by {@code 1/sigmaColour} and the position by
 * {@code 1/sigmaPosition}, then multiplies the whole by {@code CK^(1/4)}. With the engine's
 * negative squared L2 similarity, divided by {@code sqrt(CK)}, the affinity of a memory cell is
 * then exactly {@code -(|dLab|/sigmaColour)^2 - (|dxy|/sigmaPosition)^2}: the top-k softmax reads
 * memory through a Gaussian kernel of those bandwidths (the bilateral kernel), whatever CK is.
 *
 * @param stride key and value cell side in pixels (also the pad multiple)
 * @param guideCell cell side of the low-resolution guide where the guided filter fits
 * @param sigmaColour Lab distance (one just-noticeable difference is about 2.3) at which a
 *        memory cell's weight falls by e
 * @param sigmaPosition distance in pixels at which a memory cell's weight falls by e; it bounds
 *        how far an object is followed between memory frames
 * @param guideRadius guided filter window radius, in guide cells
 * @param guideEps guided filter ridge; colours in [0, 1], so 1e-3 means edges of contrast above
 *        about 0.03 are followed
 */
public record WeightFreeSettings(int stride, int guideCell, float sigmaColour, float sigmaPosition, int guideRadius,
        float guideEps) {

    /**
     * The defaults. Stride 16 keeps the memory read as large as STCN's; the guide cell and radius
     * were fixed a priori. The sigmas set the sharpness of the top-k softmax: with k = 20 and a
     * broad kernel a small object's few cells are outvoted by similar background cells and vanish
     * within frames, so a sharp kernel (close to nearest-neighbour label transfer) is used.
     * Measured (J&amp;F, official definition) on DAVIS drift-straight + car-roundabout / on the
     * two OSVOS-labelled multi-object sequences: sigmas 10/80: 0.510 / 0.155; 5/40: 0.532 / 0.222;
     * 3/24: 0.538 / 0.251. A guided-filter radius of 8 instead of 4 lost 0.04.
     */
    public static final WeightFreeSettings DEFAULTS = new WeightFreeSettings(16, 4, 3f, 24f, 4, 1e-3f);

    /** Validates the values. */
    public WeightFreeSettings {
        if (stride <= 0 || guideCell <= 0 || stride % guideCell != 0) {
            throw new IllegalArgumentException(
                    "stride must be a positive multiple of guideCell: stride " + stride + ", guideCell " + guideCell);
        }
        if (!(sigmaColour > 0) || !(sigmaPosition > 0) || guideRadius < 0 || !(guideEps > 0)) {
            throw new IllegalArgumentException("sigmas and eps must be positive and the radius not negative: " + this);
        }
    }
}
