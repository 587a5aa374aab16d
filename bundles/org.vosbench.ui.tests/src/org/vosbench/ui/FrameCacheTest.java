package org.vosbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class FrameCacheTest {

    @Test
    void loadsEachFrameOnceWhileCached() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        try (FrameCache<String> cache = new FrameCache<>(10, 4, i -> {
            loads.incrementAndGet();
            return "frame" + i;
        })) {
            assertEquals("frame3", cache.get(3));
            assertEquals("frame3", cache.get(3));
            assertEquals(1, loads.get());
        }
    }

    @Test
    void evictsTheLeastRecentlyUsedFrame() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        try (FrameCache<Integer> cache = new FrameCache<>(10, 2, i -> {
            loads.incrementAndGet();
            return i;
        })) {
            cache.get(0);
            cache.get(1);
            cache.get(0);
            cache.get(2); // evicts 1, the least recently used
            assertTrue(cache.isCached(0));
            assertFalse(cache.isCached(1));
            cache.get(1);
            assertEquals(4, loads.get());
        }
    }

    @Test
    void prefetchLoadsTheNextFramesInTheBackground() throws Exception {
        try (FrameCache<Integer> cache = new FrameCache<>(10, 8, i -> i)) {
            cache.prefetch(2, 1, 3);
            assertEquals(5, cache.get(5));
            // one prefetch thread loads nearest first, so 3 and 4 are done once 5 is
            assertTrue(cache.isCached(3));
            assertTrue(cache.isCached(4));
            assertEquals(0, cache.hitsAndMisses()[1], "the prefetched frame was not loaded again on demand");
        }
    }

    @Test
    void loaderFailureSurfacesAndIsRetried() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (FrameCache<Integer> cache = new FrameCache<>(3, 2, i -> {
            if (calls.incrementAndGet() == 1) {
                throw new java.io.IOException("truncated JPEG");
            }
            return i;
        })) {
            assertThrows(java.io.IOException.class, () -> cache.get(1));
            assertEquals(1, cache.get(1));
        }
    }
}
