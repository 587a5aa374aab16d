package org.vosbench.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The official choice of three frames ({@code VOSDataset.__getitem__}): in range, in time order or
 * reversed, each jump at most {@code min(length, maxJump) + 1} (the official code adds 1 to a draw in
 * {@code [0, J]}), reversed half of the time, and the max jump really limiting the jumps.
 */
class FrameIndicesTest {

    @Test
    void framesAreInOrderOrReversedAndJumpsStayWithinTheMaxJump() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int length : new int[] {3, 4, 5, 7, 10, 50, 75}) {
            for (int maxJump : new int[] {1, 2, 3, 5, 10, 15, 20, 25, 100}) {
                int bound = Math.min(length, maxJump) + 1;
                for (int n = 0; n < 500; n++) {
                    int[] f = VosSource.frameIndices(length, maxJump, rng);
                    String at = "length " + length + ", max jump " + maxJump + ": " + f[0] + "," + f[1] + "," + f[2];
                    for (int i : f) {
                        assertTrue(i >= 0 && i < length, at);
                    }
                    boolean forward = f[0] <= f[1] && f[1] <= f[2];
                    boolean backward = f[0] >= f[1] && f[1] >= f[2];
                    assertTrue(forward || backward, at);
                    assertTrue(Math.abs(f[1] - f[0]) <= bound && Math.abs(f[2] - f[1]) <= bound, at);
                    int last = Math.max(f[0], f[2]);
                    int middle = f[1];
                    int jump = Math.min(length, maxJump);
                    assertTrue(middle <= length - jump, at);
                    assertTrue(last <= length - jump / 2 && last <= length - 1, at);
                }
            }
        }
    }

    @Test
    void theMaxJumpLimitsTheJumpsAndIsReached() {
        SplittableRandom rng = new SplittableRandom(2);
        int largestAt5 = 0;
        int largestAt25 = 0;
        for (int n = 0; n < 4000; n++) {
            int[] a = VosSource.frameIndices(75, 5, rng);
            largestAt5 = Math.max(largestAt5, Math.max(Math.abs(a[1] - a[0]), Math.abs(a[2] - a[1])));
            int[] b = VosSource.frameIndices(75, 25, rng);
            largestAt25 = Math.max(largestAt25, Math.max(Math.abs(b[1] - b[0]), Math.abs(b[2] - b[1])));
        }
        assertEquals(6, largestAt5, "max jump 5: the official draws reach 5 + 1 and no further");
        assertEquals(26, largestAt25, "max jump 25: the official draws reach 25 + 1 and no further");
    }

    @Test
    void halfOfTheDrawsAreReversed() {
        SplittableRandom rng = new SplittableRandom(3);
        int reversed = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            int[] f = VosSource.frameIndices(50, 10, rng);
            if (f[0] > f[2]) {
                reversed++;
            }
        }
        // first > last only when reversed (the last index always exceeds the start when length > 2 * jump)
        double fraction = reversed / (double) n;
        assertTrue(Math.abs(fraction - 0.5) < 0.02, "fraction reversed " + fraction);
    }

    @Test
    void aShortSequenceRepeatsFramesAsTheOfficialCodeDoes() {
        // length 3 and jump 3: start 0, second capped at length - J = 0, third at 1 or 2
        SplittableRandom rng = new SplittableRandom(4);
        for (int n = 0; n < 200; n++) {
            int[] f = VosSource.frameIndices(3, 3, rng);
            int[] forward = f[0] <= f[2] ? f : new int[] {f[2], f[1], f[0]};
            assertEquals(0, forward[0]);
            assertEquals(0, forward[1]);
            assertTrue(forward[2] == 1 || forward[2] == 2);
        }
    }
}
