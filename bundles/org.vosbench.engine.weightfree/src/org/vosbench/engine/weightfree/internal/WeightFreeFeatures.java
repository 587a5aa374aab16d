package org.vosbench.engine.weightfree.internal;

import ai.djl.ndarray.NDArray;
import org.vosbench.engine.FrameFeatures;

/**
 * What the weight-free backbone keeps of a frame.
 *
 * @param key {@code 1 x CK x h x w} the scaled Lab colour and position of each cell
 * @param image {@code 1 x 3 x H x W} the padded frame, the guide of the upsampling
 * @param imageLow {@code 1 x 3 x H/g x W/g} the frame averaged over {@code g x g} cells, the
 *        guide at the resolution where the guided filter fits its coefficients
 */
public record WeightFreeFeatures(NDArray key, NDArray image, NDArray imageLow) implements FrameFeatures {
}
