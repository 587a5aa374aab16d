package org.vosbench.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vosbench.engine.MemoryPolicy;
import org.vosbench.engine.MemoryPolicy.Decision;
import org.vosbench.engine.MemoryPolicy.FrameStats;

class MemoryPolicyTest {

    @Test
    void stcnMemorisesEveryMemEveryThFrameButNeverTheLastOfThePass() {
        MemoryPolicy stcn = MemoryPolicy.stcn(5, false);

        assertEquals(Decision.SKIP, stcn.decide(4, false));
        assertEquals(Decision.PERMANENT, stcn.decide(5, false));
        assertEquals(Decision.SKIP, stcn.decide(5, true));
    }

    @Test
    void includeLastKeepsOtherFramesAsTemporaryMemory() {
        MemoryPolicy stcn = MemoryPolicy.stcn(5, true);

        assertEquals(Decision.TEMPORARY, stcn.decide(2, false));
        assertEquals(Decision.PERMANENT, stcn.decide(5, false));
    }

    @Test
    void stcnNeverEvicts() {
        List<FrameStats> frames = List.of(new FrameStats(0, true, 0, 9), new FrameStats(5, false, 0, 9));

        assertEquals(List.of(), MemoryPolicy.stcn(5, false).evict(frames));
    }

    @Test
    void boundedDropsTheLeastUsedPropagatedFrameButKeepsAnnotatedAndNewest() {
        MemoryPolicy bounded = MemoryPolicy.bounded(5, false, 2);
        List<FrameStats> frames = List.of(new FrameStats(0, true, 0, 10), new FrameStats(5, false, 8, 10),
                new FrameStats(10, false, 1, 5), new FrameStats(15, false, 0, 0));

        assertEquals(List.of(10), bounded.evict(frames));
    }

    @Test
    void boundedKeepsAllWhileUnderTheBound() {
        List<FrameStats> frames = List.of(new FrameStats(0, true, 0, 1), new FrameStats(5, false, 0, 1));

        assertEquals(List.of(), MemoryPolicy.bounded(5, false, 1).evict(frames));
    }
}
