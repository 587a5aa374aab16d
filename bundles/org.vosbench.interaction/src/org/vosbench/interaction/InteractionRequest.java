package org.vosbench.interaction;

import java.util.List;
import java.util.Optional;

import org.vosbench.core.LabelMask;
import org.vosbench.core.RgbImage;

/**
 * One interaction on one frame.
 *
 * @param image the frame
 * @param previousMask the frame's current label mask (object ids, 255 void), or null
 * @param scribbles a scribble map of the frame's size with MiVOS's codes (255 none, 0 background,
 *        k object k), or null
 * @param clicks clicks for {@code objectId}
 * @param box a box around {@code objectId}
 * @param objectId the object the clicks and the box are for (1..254)
 */
public record InteractionRequest(RgbImage image, LabelMask previousMask, LabelMask scribbles, List<Click> clicks,
        Optional<Box> box, int objectId) {

    /** Copies the clicks. */
    public InteractionRequest {
        clicks = clicks == null ? List.of() : List.copyOf(clicks);
        box = box == null ? Optional.empty() : box;
    }
}
