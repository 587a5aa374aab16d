package org.vosbench.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

class ProcessMemoryTest {

    @Test
    void residentMemoryCountsNativeAllocationsTheHeapDoesNotSee() {
        long before = ProcessMemory.residentBytes();
        assertTrue(before > 0, "VmRSS read from /proc/self/status");
        ByteBuffer direct = ByteBuffer.allocateDirect(128 << 20); // native memory, outside the Java heap
        for (int i = 0; i < direct.capacity(); i += 4096) {
            direct.put(i, (byte) 1); // touched, so resident
        }
        long after = ProcessMemory.residentBytes();
        assertTrue(after - before >= 100L << 20, "resident grew by " + ((after - before) >> 20) + " MiB");
        assertTrue(ProcessMemory.peakResidentBytes() >= after, "the high-water mark is at least the current size");
        direct.put(0, (byte) 2);
    }
}
