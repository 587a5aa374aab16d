package org.vosbench.engine.stcn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConvProfileTest {

    @Test
    void summaryDividesWorkAndTimeByFrames() {
        ConvProfile profile = new ConvProfile();
        profile.frame();
        profile.frame();
        profile.add(3_000_000_000L, 1_000_000_000L); // 3 GFLOP in 1 s
        profile.add(1_000_000_000L, 1_000_000_000L); // 1 GFLOP in 1 s
        assertEquals("STCN convolutions: 2.0 GFLOP per frame over 2 frames, run at 2.0 GFLOP/s = 1.000 s/frame in "
                + "convolutions alone (a floor for this arithmetic at this rate)", profile.summary());
    }
}
