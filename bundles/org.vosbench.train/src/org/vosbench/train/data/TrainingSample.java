package org.vosbench.train.data;

import java.util.Objects;

/**
 * One training sample as the official STCN datasets return it ({@code dataset/vos_dataset.py},
 * {@code dataset/static_dataset.py}): three frames of one sequence (or three warped copies of a
 * static image) after augmentation and cropping, with the masks of a target object and, in the
 * multi-object mode, of a second object.
 *
 * @param height the crop's height (384 in the official stages)
 * @param width the crop's width
 * @param rgb the frames, {@code 3 frames x 3 channels x height x width}, row-major, already
 *            normalised as the official {@code im_normalization} does (uint8 / 255, then ImageNet
 *            mean and standard deviation)
 * @param target the target object's masks, {@code 3 x height x width}, 0 or 1
 * @param second the second object's masks ({@code 3 x height x width}, 0 or 1), or null when the
 *            sample has no second object (single-object mode, or a sequence with one object)
 * @param info where the sample came from (sequence and frame names), for logs and errors
 */
public record TrainingSample(int height, int width, float[] rgb, float[] target, float[] second, String info) {

    public TrainingSample {
        Objects.requireNonNull(rgb, "rgb");
        Objects.requireNonNull(target, "target");
        int plane = height * width;
        if (height <= 0 || width <= 0 || rgb.length != 9 * plane || target.length != 3 * plane
                || (second != null && second.length != 3 * plane)) {
            throw new IllegalArgumentException("sample " + info + ": arrays do not match " + height + "x" + width);
        }
    }

    /** @return whether the sample has a second object */
    public boolean hasSecond() {
        return second != null;
    }
}
