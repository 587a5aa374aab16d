package org.vosbench.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PeakMemoryTest {

    private static final String LIBC = "7f3a1c000000-7f3a1c028000 r--p 00000000 fe:01 1234 /usr/lib/x86_64-linux-gnu/libc.so.6\n";

    @Test
    void aPreloadedTcmallocIsNamed() {
        String maps = "7f3a1b000000-7f3a1b020000 r-xp 00000000 fe:01 99 /usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4.5.10\n"
                + LIBC;
        assertEquals("tcmalloc", PeakMemory.allocatorIn(maps));
    }

    @Test
    void withoutAPreloadedAllocatorItIsGlibc() {
        assertEquals("glibc malloc", PeakMemory.allocatorIn(LIBC));
        assertEquals("jemalloc", PeakMemory.allocatorIn("7f00-7f10 r-xp 0 0:0 1 /usr/lib/libjemalloc.so.2\n" + LIBC));
        assertEquals("", PeakMemory.allocatorIn("")); // not Linux-like: nothing claimed
    }

    @Test
    void thisProcessReportsItsAllocator() {
        // Surefire forks the test JVM without a preload (glibc's malloc on Linux) unless one was set.
        String preload = System.getenv().getOrDefault("LD_PRELOAD", "");
        String expected = preload.contains("tcmalloc") ? "tcmalloc" : preload.contains("jemalloc") ? "jemalloc"
                : System.getProperty("os.name").startsWith("Linux") ? "glibc malloc" : "";
        assertEquals(expected, PeakMemory.nativeAllocator());
    }
}
