package org.vosbench.engine;

import java.io.IOException;

/**
 * Receives each propagated frame. Writers write each frame atomically, so a cancelled or
 * crashed run leaves every frame it wrote valid.
 */
@FunctionalInterface
public interface FrameSink {

    /**
     * @param result the frame's labels and probabilities
     * @throws IOException when it cannot be written
     */
    void accept(StepResult result) throws IOException;
}
