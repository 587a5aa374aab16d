package org.vosbench.engine.stcn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The bfloat16 rounding of the bf16 modules' weights, on hand-computed cases: a bfloat16 keeps
 * float32's sign, exponent and the top 7 mantissa bits; rounding is to nearest, ties to even.
 */
class Bf16RoundingTest {

    @Test
    void exactValuesStayExact() {
        assertEquals((short) 0x3F80, Bf16Convolutions.bfloat16(1.0));
        assertEquals((short) 0xBF80, Bf16Convolutions.bfloat16(-1.0));
        assertEquals((short) 0x0000, Bf16Convolutions.bfloat16(0.0));
        assertEquals((short) 0x4049, Bf16Convolutions.bfloat16(3.140625)); // 0x40490000
    }

    @Test
    void roundsToNearestWithTiesToEven() {
        double ulp = Math.pow(2, -7); // of bfloat16 in [1, 2)
        assertEquals((short) 0x3F80, Bf16Convolutions.bfloat16(1 + 0.49 * ulp));
        assertEquals((short) 0x3F81, Bf16Convolutions.bfloat16(1 + 0.51 * ulp));
        assertEquals((short) 0x3F80, Bf16Convolutions.bfloat16(1 + 0.5 * ulp)); // tie: 0x3F80 is even
        assertEquals((short) 0x3F82, Bf16Convolutions.bfloat16(1 + 1.5 * ulp)); // tie: 0x3F82 is even
        assertEquals((short) 0xBF81, Bf16Convolutions.bfloat16(-(1 + 0.51 * ulp)));
    }

    @Test
    void float32RoundingMatchesTheFloat64OneOnFloat32Values() {
        float ulp = (float) Math.pow(2, -7);
        float[] values = {1f, -1f, 3.140625f, 1 + 0.5f * ulp, 1 + 1.5f * ulp, 1 + 0.75f * ulp, -2.5e-3f, 123.456f};
        for (float v : values) {
            assertEquals(Bf16Convolutions.bfloat16((double) v), Bf16Convolutions.bfloat16(v), "value " + v);
        }
        assertEquals((short) 0x3F80, Bf16Convolutions.bfloat16(1 + 0.5f * ulp)); // tie to even
        assertEquals((short) 0x3F82, Bf16Convolutions.bfloat16(1 + 1.5f * ulp));
    }

    @Test
    void aFloat64IsRoundedOnceNotThroughFloat32() {
        // just above the tie between 1 and 1 + 2^-7: float32 rounds it to the tie itself, and a
        // second rounding (ties to even) would give 1; rounded once it is 1 + 2^-7
        double v = 1 + Math.pow(2, -8) + Math.pow(2, -40);
        assertEquals(1 + Math.pow(2, -8), (double) (float) v);
        assertEquals((short) 0x3F81, Bf16Convolutions.bfloat16(v));
    }
}
