package org.vosbench.interaction;

import org.vosbench.core.ProgressMonitor;
import org.vosbench.core.RgbImage;

/**
 * A loaded interaction model. Not thread-safe: one call at a time.
 */
public interface InteractionModel extends AutoCloseable {

    /**
     * Computes one object's probability map.
     *
     * @param image the frame
     * @param input the object's input, of the frame's size, holding only kinds the model
     *        declared ({@code accepts}): the service checks this before calling
     * @param monitor cancellation (checked between stages) and progress
     * @return {@code W * H} probabilities in [0, 1], row-major, computed in the model's precision
     *         (float32 values widened when it runs in float32)
     * @throws org.vosbench.core.CancelledException when the monitor is cancelled
     */
    double[] predict(RgbImage image, ObjectInput input, ProgressMonitor monitor);

    /** Releases native memory. */
    @Override
    void close();
}
