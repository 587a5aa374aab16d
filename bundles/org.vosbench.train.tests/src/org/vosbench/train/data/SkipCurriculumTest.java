package org.vosbench.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The official max-skip schedule of {@code train.py}, by hand. */
class SkipCurriculumTest {

    @Test
    void theMainStagesGoFiveTenFifteenTwentyTwentyFiveAndBackToFive() {
        SkipCurriculum c = SkipCurriculum.of(Stage.MAIN);
        int[] expected = new int[100];
        for (int e = 0; e < 100; e++) {
            expected[e] = e < 10 ? 5 : e < 20 ? 10 : e < 30 ? 15 : e < 40 ? 20 : e < 90 ? 25 : 5;
            assertEquals(expected[e], c.maxSkipAtEpoch(e, 100), "epoch " + e);
        }
        assertEquals(25, SkipCurriculum.of(Stage.MAIN_AFTER_BL30K).maxSkipAtEpoch(89, 100));
        assertEquals(5, SkipCurriculum.of(Stage.MAIN_AFTER_BL30K).maxSkipAtEpoch(90, 100));
    }

    @Test
    void bl30kReturnsToFiveAtEightyPercent() {
        SkipCurriculum c = SkipCurriculum.of(Stage.BL30K);
        assertEquals(25, c.maxSkipAtEpoch(79, 100));
        assertEquals(5, c.maxSkipAtEpoch(80, 100));
    }

    @Test
    void changesFallOnRoundedEpochsAsPythonRoundsHalfToEven() {
        // 25 epochs: round(2.5) = 2, round(5.0) = 5, round(7.5) = 8, round(10) = 10, round(22.5) = 22
        SkipCurriculum c = SkipCurriculum.of(Stage.MAIN);
        assertEquals(5, c.maxSkipAtEpoch(1, 25));
        assertEquals(10, c.maxSkipAtEpoch(2, 25));
        assertEquals(10, c.maxSkipAtEpoch(4, 25));
        assertEquals(15, c.maxSkipAtEpoch(5, 25));
        assertEquals(15, c.maxSkipAtEpoch(7, 25));
        assertEquals(20, c.maxSkipAtEpoch(8, 25));
        assertEquals(25, c.maxSkipAtEpoch(10, 25));
        assertEquals(25, c.maxSkipAtEpoch(21, 25));
        assertEquals(5, c.maxSkipAtEpoch(22, 25));
    }

    @Test
    void iterationsMapToTheOfficialEpochs() {
        // 1000 iterations of 30 per epoch: 34 epochs (the last incomplete); round(3.4) = 3
        SkipCurriculum c = SkipCurriculum.of(Stage.MAIN);
        assertEquals(5, c.maxSkipAtIteration(89, 1000, 30));
        assertEquals(10, c.maxSkipAtIteration(90, 1000, 30));
        assertEquals(5, c.maxSkipAtIteration(999, 1000, 30), "round(30.6) = 31: the last epochs at 5");
        assertThrows(IllegalArgumentException.class, () -> SkipCurriculum.of(Stage.STATIC));
    }
}
