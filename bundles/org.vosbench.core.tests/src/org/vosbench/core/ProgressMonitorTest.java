package org.vosbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProgressMonitorTest {

    /** Counts what reaches it and is cancelled on request. */
    private static final class Recording implements ProgressMonitor {
        int worked;
        boolean canceled;

        @Override
        public void begin(String task, int totalWork) {
            worked = -1000;
        }

        @Override
        public void worked(int work) {
            worked += work;
        }

        @Override
        public void subTask(String name) {
            worked = -2000;
        }

        @Override
        public boolean isCanceled() {
            return canceled;
        }

        @Override
        public void done() {
            worked = -3000;
        }
    }

    @Test
    void cancellationOfFollowsTheOuterMonitorAndReportsNothingToIt() {
        Recording outer = new Recording();
        ProgressMonitor inner = ProgressMonitor.cancellationOf(outer);

        inner.begin("step", 10);
        inner.worked(3);
        inner.subTask("x");
        inner.done();
        assertEquals(0, outer.worked);
        assertFalse(inner.isCanceled());

        outer.canceled = true;
        assertTrue(inner.isCanceled());
    }
}
