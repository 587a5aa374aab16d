package org.vosbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class LabelMaskTest {

    @Test
    void objectIdsIgnoreBackgroundAndVoid() {
        LabelMask mask = new LabelMask(3, 2, new byte[] {0, 3, 1, (byte) 255, 3, 0});

        assertEquals(List.of(1, 3), List.copyOf(mask.objectIds()));
        assertEquals(3, mask.maxObjectLabel());
    }

    @Test
    void maxObjectLabelOfVoidOnlyMaskIsZero() {
        LabelMask mask = new LabelMask(2, 1, new byte[] {0, (byte) 255});

        assertEquals(0, mask.maxObjectLabel());
    }

    @Test
    void setAndGetUseRowMajorUnsignedLabels() {
        LabelMask mask = LabelMask.empty(4, 3);

        mask.set(3, 1, 200);

        assertEquals(200, mask.get(3, 1));
        assertEquals((byte) 200, mask.labels()[1 * 4 + 3]);
    }

    @Test
    void copyIsIndependent() {
        LabelMask mask = LabelMask.empty(2, 2);
        LabelMask copy = mask.copy();

        copy.set(0, 0, 5);

        assertNotSame(mask.labels(), copy.labels());
        assertEquals(0, mask.get(0, 0));
    }

    @Test
    void rejectsLabelArrayOfWrongLength() {
        assertThrows(IllegalArgumentException.class, () -> new LabelMask(3, 3, new byte[8]));
    }
}
