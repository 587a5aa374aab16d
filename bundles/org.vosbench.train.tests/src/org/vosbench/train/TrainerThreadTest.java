package org.vosbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosbench.core.ProgressMonitor;
import org.vosbench.engine.djl.DjlRuntime;

/** Training from threads other than the one that loaded the engine (the workbench's Job workers). */
class TrainerThreadTest {

    private static final int SIZE = 32;

    /**
     * A run on a thread of its own (as the workbench's Jobs, on pooled worker threads): PyTorch's grad
     * mode is per thread and on by default, and DJL's gradient collector restores the mode it found, so
     * without the Trainer turning it off the optimizer's in-place update of a leaf fails.
     */
    @Test
    void aRunOnAFreshThreadTrains(@TempDir Path tmp) throws Exception {
        Path weights = tmp.resolve("weights.pth");
        try (java.io.InputStream in = new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(
                org.vosbench.testing.SharedData.fixtures().resolve("stcn-parity/weights.pth.gz")))) {
            java.nio.file.Files.copy(in, weights);
        }
        Path out = tmp.resolve("thread");
        java.util.concurrent.atomic.AtomicReference<Object> result = new java.util.concurrent.atomic.AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                result.set(new Trainer(new DjlRuntime()).train(TrainerResumeTest.options(out, 1, weights), new SyntheticSource(SIZE, 8, false),
                        TrainingListener.NONE, ProgressMonitor.NULL));
            } catch (Throwable e) {
                result.set(e);
            }
        });
        t.start();
        t.join();
        assertTrue(result.get() instanceof Trainer.Result, String.valueOf(result.get()));
        assertEquals(1, ((Trainer.Result) result.get()).completed());
    }
}
