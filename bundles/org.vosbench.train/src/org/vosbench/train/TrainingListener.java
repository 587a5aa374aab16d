package org.vosbench.train;

import java.nio.file.Path;

/** What a training run reports as it goes (the CLI's progress bar, the workbench's loss chart). */
public interface TrainingListener {

    /** Reports nothing. */
    TrainingListener NONE = new TrainingListener() {
    };

    /**
     * One finished iteration.
     *
     * @param it the iteration's index (0-based)
     * @param iterations the run's total
     * @param loss1 frame 1's loss
     * @param loss2 frame 2's loss
     * @param totalLoss their sum
     * @param p the fraction of pixels the bootstrapped loss kept
     * @param lr the learning rate of the step
     * @param maxSkip the curriculum's max skip for this iteration
     * @param iterationsPerSecond iterations per second since the run (or the resumed run) started
     */
    record Iteration(int it, int iterations, double loss1, double loss2, double totalLoss, double p, double lr,
            int maxSkip, double iterationsPerSecond) {
    }

    /** @param iteration an iteration just finished (its update applied) */
    default void iteration(Iteration iteration) {
    }

    /**
     * @param completed iterations done when it was written
     * @param weights the network weights written
     * @param checkpoint the resumable checkpoint written
     */
    default void saved(int completed, Path weights, Path checkpoint) {
    }
}
