package org.vosbench.interaction;

import java.util.List;

import org.vosbench.core.LabelMask;
import org.vosbench.engine.Precision;

/**
 * The outcome of one interaction.
 *
 * @param objectIds the frame's objects, ascending
 * @param probabilities per object (same order), {@code W * H} values: the model's probability
 *        for an object it ran on, the previous mask (0 or 1) for one it left alone
 * @param labels after MiVOS's {@code aggregate_wbg(..., hard=True)} and argmax, with the
 *        original object ids
 * @param precision the arithmetic the model ran in
 */
public record InteractionResult(List<Integer> objectIds, double[][] probabilities, LabelMask labels, Precision precision) {

    /**
     * @param objectId one of {@link #objectIds()}
     * @return its probabilities
     */
    public double[] probabilitiesOf(int objectId) {
        int index = objectIds.indexOf(objectId);
        if (index < 0) {
            throw new IllegalArgumentException("No object " + objectId + " in " + objectIds);
        }
        return probabilities[index];
    }
}
