package org.vosbench.interaction;

import java.util.List;
import java.util.Optional;

/**
 * What a model gets for one object of a W x H frame. Masks are {@code W * H} row-major, or
 * {@code null} when absent. MiVOS's convention for a scribble map (255 none, 0 background, k
 * object k) becomes, for object k: positive = pixels labelled k, negative = pixels labelled
 * anything else but 255 (the background's and the other objects' scribbles).
 *
 * @param width frame width
 * @param height frame height
 * @param objectId the object's id in the frame's label mask
 * @param clicks the clicks for this object, in the order made (empty when none)
 * @param box a box around it
 * @param positiveScribbles pixels the person marked as the object, or null
 * @param negativeScribbles pixels marked as not the object, or null
 * @param previousMask the object's current mask, or null
 */
public record ObjectInput(int width, int height, int objectId, List<Click> clicks, Optional<Box> box,
        boolean[] positiveScribbles, boolean[] negativeScribbles, boolean[] previousMask) {

    /** Validates sizes. */
    public ObjectInput {
        clicks = List.copyOf(clicks);
        box = box == null ? Optional.empty() : box;
        for (boolean[] m : new boolean[][] {positiveScribbles, negativeScribbles, previousMask}) {
            if (m != null && m.length != width * height) {
                throw new IllegalArgumentException("Mask of " + m.length + " pixels for a " + width + "x" + height
                        + " frame");
            }
        }
    }

    /** @return whether the person gave anything for this object (clicks, a box or a scribble pixel) */
    public boolean hasInteraction() {
        return !clicks.isEmpty() || box.isPresent() || any(positiveScribbles) || any(negativeScribbles);
    }

    private static boolean any(boolean[] mask) {
        if (mask == null) {
            return false;
        }
        for (boolean b : mask) {
            if (b) {
                return true;
            }
        }
        return false;
    }
}
