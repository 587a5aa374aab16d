package org.vosbench.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vosbench.engine.ProbabilityMap;

class ProbabilityMapTest {

    // 2 pixels; background .1/.2, object 5 .6/.3, object 2 .3/.5 (order of appearance: 5, then 2)
    private final ProbabilityMap map = new ProbabilityMap(2, 1, List.of(5, 2), new float[] {.1f, .2f, .6f, .3f, .3f, .5f});

    @Test
    void overTheSequencesIdsReordersChannelsAndZeroFillsObjectsNotThereYet() {
        ProbabilityMap all = map.over(List.of(2, 3, 5));

        assertEquals(List.of(2, 3, 5), all.objectIds());
        assertArrayEquals(new float[] {.1f, .2f, .3f, .5f, 0f, 0f, .6f, .3f}, all.data());
    }

    @Test
    void objectsMissingFromTheListAreKeptAfterIt() {
        ProbabilityMap all = map.over(List.of(2));

        assertEquals(List.of(2, 5), all.objectIds());
        assertArrayEquals(new float[] {.1f, .2f, .3f, .5f, .6f, .3f}, all.data());
    }

    @Test
    void theSameIdsGiveTheSameMap() {
        assertSame(map, map.over(List.of(5, 2)));
    }

    @Test
    void float64MapsKeepTheirValuesThroughReordering() {
        ProbabilityMap doubles = new ProbabilityMap(2, 1, List.of(5, 2), new double[] {.1, .2, .6, .3, .3, .5});

        ProbabilityMap all = doubles.over(List.of(2, 3, 5));

        assertTrue(all.isFloat64());
        assertArrayEquals(new double[] {.1, .2, .3, .5, 0, 0, .6, .3}, all.doubleData());
        assertEquals(.6, all.getDouble(3, 0, 0));
    }
}
