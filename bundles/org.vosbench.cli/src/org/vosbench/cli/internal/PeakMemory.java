package org.vosbench.cli.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Peak memory of this process: the resident set high-water mark (VmHWM, which includes
 * libtorch's native buffers) and the Java heap's peak use.
 */
record PeakMemory(long residentBytes, long heapBytes) {

    static PeakMemory now() {
        long heap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                heap += pool.getPeakUsage().getUsed();
            }
        }
        return new PeakMemory(org.vosbench.core.ProcessMemory.peakResidentBytes(), heap);
    }

    /** Current resident set size (VmRSS), for per-frame memory curves. */
    static long residentNow() {
        return org.vosbench.core.ProcessMemory.residentBytes();
    }

    /**
     * @return the native allocator serving libtorch in this process: {@code tcmalloc} or
     *         {@code jemalloc} when one is preloaded (the launcher preloads tcmalloc when it is
     *         installed), {@code glibc malloc} otherwise, empty when not on Linux
     */
    static String nativeAllocator() {
        try {
            return allocatorIn(Files.readString(Path.of("/proc/self/maps")));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** @param maps the text of {@code /proc/<pid>/maps} */
    static String allocatorIn(String maps) {
        if (maps.contains("/libtcmalloc")) {
            return "tcmalloc";
        }
        if (maps.contains("/libjemalloc")) {
            return "jemalloc";
        }
        if (maps.contains("/libmimalloc")) {
            return "mimalloc";
        }
        return maps.contains("/libc.so") || maps.contains("/libc-") ? "glibc malloc" : "";
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.0f MiB", bytes / (1024.0 * 1024.0));
    }

    @Override
    public String toString() {
        return "peak resident " + (residentBytes > 0 ? mib(residentBytes) : "n/a") + ", peak Java heap " + mib(heapBytes);
    }
}
