package org.vosbench.dataset.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class NaturalOrderTest {

    private static List<String> sorted(String... names) {
        List<String> list = new ArrayList<>(List.of(names));
        list.sort(NaturalOrder.INSTANCE);
        return list;
    }

    @Test
    void ordersDigitRunsByValue() {
        assertEquals(List.of("frame1", "frame2", "frame10", "frame100"), sorted("frame10", "frame2", "frame100", "frame1"));
    }

    @Test
    void keepsZeroPaddedNamesInNumericOrder() {
        assertEquals(List.of("00000", "00005", "00010", "00100"), sorted("00100", "00010", "00000", "00005"));
    }

    @Test
    void ordersMixedNamesByTextThenNumber() {
        assertEquals(List.of("a2b", "a10", "a10b3", "a10b20", "b1"), sorted("b1", "a10b20", "a10", "a2b", "a10b3"));
    }

    @Test
    void comparesNumbersLongerThanALong() {
        assertEquals(List.of("x99999999999999999999", "x100000000000000000000"),
                sorted("x100000000000000000000", "x99999999999999999999"));
    }

    @Test
    void isATotalOrderOnNamesEqualByValue() {
        assertTrue(NaturalOrder.INSTANCE.compare("007", "7") != 0);
        assertEquals(-NaturalOrder.INSTANCE.compare("007", "7"), NaturalOrder.INSTANCE.compare("7", "007"));
    }
}
