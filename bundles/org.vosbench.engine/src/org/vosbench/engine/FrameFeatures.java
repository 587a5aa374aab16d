package org.vosbench.engine;

import ai.djl.ndarray.NDArray;

/**
 * What a backbone computes once per frame: the key used to match memory (shared by all
 * objects) and whatever else it needs later to encode values or decode masks. Arrays belong to
 * the manager passed to {@link Backbone#encodeKey}, i.e. to the current step.
 */
public interface FrameFeatures {

    /** @return the frame's key, {@code 1 x CK x h x w} (h, w = padded size / stride) */
    NDArray key();
}
