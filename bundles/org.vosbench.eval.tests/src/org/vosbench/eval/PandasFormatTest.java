package org.vosbench.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vosbench.eval.internal.PandasFormat;

class PandasFormatTest {

    @Test
    void fixedRoundsTheBinaryValueHalfToEvenAsPython() {
        // '%.2f' % 2.675 == '2.67' in Python (2.675 is 2.67499999... in binary)
        assertEquals("2.67", PandasFormat.fixed(2.675, 2));
        assertEquals("0.125", PandasFormat.fixed(0.125, 3));
        assertEquals("-0.000", PandasFormat.fixed(-0.0001, 3));
        assertEquals("1.000", PandasFormat.fixed(0.99999, 3));
    }

    @Test
    void floatColumnTrimsTrailingZerosOverTheColumn() {
        assertEquals(List.of("0.00000", "0.14433"), PandasFormat.floatColumn(new double[] {0, 0.14433}));
        assertEquals(List.of("1.0"), PandasFormat.floatColumn(new double[] {1}));
        assertEquals(List.of("0.983053", "1.000000"), PandasFormat.floatColumn(new double[] {0.9830532, 1}));
    }

    @Test
    void tinyValuesSwitchTheColumnToScientific() {
        assertEquals(List.of("2.000000e-07", "5.000000e-01"), PandasFormat.floatColumn(new double[] {2e-7, 0.5}));
    }
}
