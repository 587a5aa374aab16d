package org.vosbench.engine.weightfree.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The tensor operations of the weight-free backbone: CIE Lab conversion, cell means, cell
 * positions, box filters and the fast colour guided filter. All take and return
 * {@code N x C x H x W} float32 arrays; results belong to the first operand's manager.
 */
public final class WeightFreeOps {

    /** The D65 reference white, by which XYZ is divided before the Lab transfer function. */
    private static final float WHITE_X = 0.95047f;
    private static final float WHITE_Z = 1.08883f;

    /** Lab's linear segment starts below (6/29)^3. */
    private static final float DELTA = 6f / 29f;

    private WeightFreeOps() {
    }

    /**
     * Converts sRGB to CIE L*a*b* under D65 (IEC 61966-2-1 transfer and matrix, CIE 1976 Lab).
     *
     * @param rgb {@code N x 3 x H x W} in [0, 1]
     * @return {@code N x 3 x H x W}: L* in [0, 100], a* and b* roughly in [-110, 110]
     */
    public static NDArray toLab(NDArray rgb) {
        NDArray linear = NDArrays.where(rgb.lte(0.04045f), rgb.div(12.92f), rgb.add(0.055f).div(1.055f).pow(2.4f));
        NDArray r = linear.get(":, 0:1");
        NDArray g = linear.get(":, 1:2");
        NDArray b = linear.get(":, 2:3");
        NDArray x = r.mul(0.4124564f / WHITE_X).add(g.mul(0.3575761f / WHITE_X)).add(b.mul(0.1804375f / WHITE_X));
        NDArray y = r.mul(0.2126729f).add(g.mul(0.7151522f)).add(b.mul(0.0721750f));
        NDArray z = r.mul(0.0193339f / WHITE_Z).add(g.mul(0.1191920f / WHITE_Z)).add(b.mul(0.9503041f / WHITE_Z));
        NDArray fx = labTransfer(x);
        NDArray fy = labTransfer(y);
        NDArray fz = labTransfer(z);
        NDArray lightness = fy.mul(116f).sub(16f);
        NDArray greenRed = fx.sub(fy).mul(500f);
        NDArray blueYellow = fy.sub(fz).mul(200f);
        return NDArrays.concat(new NDList(lightness, greenRed, blueYellow), 1);
    }

    private static NDArray labTransfer(NDArray t) {
        NDArray cubeRoot = t.clip(1e-12f, Float.MAX_VALUE).cbrt();
        NDArray linear = t.div(3f * DELTA * DELTA).add(4f / 29f);
        return NDArrays.where(t.gt(DELTA * DELTA * DELTA), cubeRoot, linear);
    }

    /**
     * @param x {@code N x C x H x W}, H and W multiples of {@code cell}
     * @param cell side of the square cells
     * @return the mean of each non-overlapping cell, {@code N x C x H/cell x W/cell}
     */
    public static NDArray cellMean(NDArray x, int cell) {
        Shape window = new Shape(cell, cell);
        return x.getNDArrayInternal().avgPool(window, window, new Shape(0, 0), false, true);
    }

    /**
     * Mean over the {@code (2r+1) x (2r+1)} window around each pixel; near the border only the
     * pixels inside the image are averaged. Separable, so the cost grows with r, not r².
     *
     * @param x {@code N x C x H x W}
     * @param radius r
     * @return same shape
     */
    public static NDArray boxFilter(NDArray x, int radius) {
        // DJL 0.35.1's avgPool does not honour countIncludePad=false, so average with the zero
        // padding counted and divide by the fraction of each window that lies inside the image
        NDArray sums = boxWithZeroPadding(x, radius);
        try (NDArray ones = x.getManager().ones(new Shape(1, 1, x.getShape().get(2), x.getShape().get(3)),
                x.getDataType(), x.getDevice());
                NDArray inside = boxWithZeroPadding(ones, radius)) {
            return sums.div(inside);
        }
    }

    private static NDArray boxWithZeroPadding(NDArray x, int radius) {
        int k = 2 * radius + 1;
        NDArray rows = x.getNDArrayInternal().avgPool(new Shape(1, k), new Shape(1, 1), new Shape(0, radius), false,
                true);
        return rows.getNDArrayInternal().avgPool(new Shape(k, 1), new Shape(1, 1), new Shape(radius, 0), false, true);
    }

    /**
     * Moves each {@code block x block} patch into channels ("space to depth").
     *
     * @param x {@code N x 1 x H x W}, H and W multiples of {@code block}
     * @param block patch side
     * @return {@code N x block² x H/block x W/block}; channel {@code i * block + j} holds the
     *         patch's row i, column j
     */
    public static NDArray spaceToDepth(NDArray x, int block) {
        long n = x.getShape().get(0);
        long h = x.getShape().get(2) / block;
        long w = x.getShape().get(3) / block;
        return x.reshape(n, h, block, w, block).transpose(0, 2, 4, 1, 3).reshape(n, (long) block * block, h, w);
    }

    /**
     * The inverse of {@link #spaceToDepth}.
     *
     * @param x {@code N x block² x h x w}
     * @param block patch side
     * @return {@code N x 1 x h*block x w*block}
     */
    public static NDArray depthToSpace(NDArray x, int block) {
        long n = x.getShape().get(0);
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        return x.reshape(n, block, block, h, w).transpose(0, 3, 1, 4, 2).reshape(n, 1, h * block, w * block);
    }

    /**
     * @param manager where the array is created
     * @param h cell rows
     * @param w cell columns
     * @param cell cell side in pixels
     * @return {@code 1 x 2 x h x w}: channel 0 the x, channel 1 the y of each cell's centre, in pixels
     */
    public static NDArray cellPositions(NDManager manager, int h, int w, int cell) {
        NDArray xs = manager.arange(w).toType(DataType.FLOAT32, false).add(0.5f).mul((float) cell)
                .reshape(1, 1, 1, w).broadcast(1, 1, h, w);
        NDArray ys = manager.arange(h).toType(DataType.FLOAT32, false).add(0.5f).mul((float) cell)
                .reshape(1, 1, h, 1).broadcast(1, 1, h, w);
        return xs.concat(ys, 1);
    }

    /**
     * Bilinear resize with {@code align_corners=false} (as PyTorch's {@code F.interpolate}).
     *
     * @param x {@code N x C x h x w}
     * @param height H
     * @param width W
     * @return {@code N x C x H x W}
     */
    public static NDArray resize(NDArray x, long height, long width) {
        return x.getNDArrayInternal().interpolation(new long[] {height, width}, 2, false);
    }

    /**
     * Fast colour guided filter (He, Sun and Tang, "Guided Image Filtering", TPAMI 2013, with the
     * subsampling of He and Sun, "Fast Guided Filter", 2015): in each {@code (2r+1)^2} window of
     * the low-resolution guide, {@code p} is fitted as an affine function of the RGB colour
     * (ridge {@code eps}); the averaged coefficients are upsampled and applied to the
     * full-resolution guide, so the output's edges follow the frame's colour edges.
     *
     * @param guide {@code 1 x 3 x H x W} full-resolution colour guide
     * @param guideLow {@code 1 x 3 x h x w} the guide at the resolution of {@code p}
     * @param p {@code K x 1 x h x w} the signal to filter, one map per object
     * @param radius r, in low-resolution pixels
     * @param eps ridge regularisation; larger smooths more (the guide is in [0, 1])
     * @return {@code K x 1 x H x W}
     */
    public static NDArray fastColourGuidedFilter(NDArray guide, NDArray guideLow, NDArray p, int radius, float eps) {
        NDArray r = guideLow.get(":, 0:1");
        NDArray g = guideLow.get(":, 1:2");
        NDArray b = guideLow.get(":, 2:3");
        NDArray meanR = boxFilter(r, radius);
        NDArray meanG = boxFilter(g, radius);
        NDArray meanB = boxFilter(b, radius);
        NDArray meanP = boxFilter(p, radius);
        NDArray covRp = boxFilter(r.mul(p), radius).sub(meanR.mul(meanP));
        NDArray covGp = boxFilter(g.mul(p), radius).sub(meanG.mul(meanP));
        NDArray covBp = boxFilter(b.mul(p), radius).sub(meanB.mul(meanP));
        NDArray vrr = boxFilter(r.mul(r), radius).sub(meanR.mul(meanR)).add(eps);
        NDArray vrg = boxFilter(r.mul(g), radius).sub(meanR.mul(meanG));
        NDArray vrb = boxFilter(r.mul(b), radius).sub(meanR.mul(meanB));
        NDArray vgg = boxFilter(g.mul(g), radius).sub(meanG.mul(meanG)).add(eps);
        NDArray vgb = boxFilter(g.mul(b), radius).sub(meanG.mul(meanB));
        NDArray vbb = boxFilter(b.mul(b), radius).sub(meanB.mul(meanB)).add(eps);
        // inverse of the symmetric 3x3 covariance (plus eps I) by its cofactors
        NDArray irr = vgg.mul(vbb).sub(vgb.mul(vgb));
        NDArray irg = vgb.mul(vrb).sub(vrg.mul(vbb));
        NDArray irb = vrg.mul(vgb).sub(vgg.mul(vrb));
        NDArray igg = vrr.mul(vbb).sub(vrb.mul(vrb));
        NDArray igb = vrb.mul(vrg).sub(vrr.mul(vgb));
        NDArray ibb = vrr.mul(vgg).sub(vrg.mul(vrg));
        NDArray det = vrr.mul(irr).add(vrg.mul(irg)).add(vrb.mul(irb));
        NDArray ar = irr.mul(covRp).add(irg.mul(covGp)).add(irb.mul(covBp)).div(det);
        NDArray ag = irg.mul(covRp).add(igg.mul(covGp)).add(igb.mul(covBp)).div(det);
        NDArray ab = irb.mul(covRp).add(igb.mul(covGp)).add(ibb.mul(covBp)).div(det);
        NDArray offset = meanP.sub(ar.mul(meanR)).sub(ag.mul(meanG)).sub(ab.mul(meanB));
        NDArray coefficients = boxFilter(NDArrays.concat(new NDList(ar, ag, ab, offset), 1), radius); // K x 4 x h x w
        NDArray full = resize(coefficients, guide.getShape().get(2), guide.getShape().get(3));
        NDArray colourTerm = full.get(":, 0:3").mul(guide).sum(new int[] {1}, true);
        return colourTerm.add(full.get(":, 3:4"));
    }
}
