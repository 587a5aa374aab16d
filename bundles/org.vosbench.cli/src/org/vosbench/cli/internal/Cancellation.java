package org.vosbench.cli.internal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl+C handling: the first interrupt asks the running command to stop after the frame it is
 * writing (a sequence is written beside its folder and renamed into place when whole, so the one in
 * progress is dropped and every folder stays valid),
 * and the JVM waits a few seconds for it to finish cleanly.
 */
final class Cancellation {

    private static final AtomicBoolean REQUESTED = new AtomicBoolean();
    private static final CountDownLatch FINISHED = new CountDownLatch(1);
    private static volatile int graceSeconds = 10;

    private Cancellation() {
    }

    static boolean requested() {
        return REQUESTED.get();
    }

    /** Installs the shutdown hook for the duration of one command. */
    static void install() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (FINISHED.getCount() == 0) {
                return;
            }
            REQUESTED.set(true);
            try {
                FINISHED.await(graceSeconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "vosbench-cancel"));
    }

    /**
     * Lets Ctrl+C wait longer for the command to finish cleanly (training finishes its iteration and
     * writes its checkpoint).
     */
    static void allowSeconds(int seconds) {
        graceSeconds = seconds;
    }

    /** Called when the command returns, cancelled or not. */
    static void finished() {
        FINISHED.countDown();
    }
}
