package org.vosbench.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The memory this process holds from the operating system's point of view: the resident set (VmRSS)
 * and its high-water mark (VmHWM) from {@code /proc/self/status}. Unlike the Java heap figures, they
 * include native memory: libtorch's tensors, the allocator's caches, SWT's images. The command line's
 * peak-memory report and the workbench's process memory gauge both read them here. Zero where the
 * system has no {@code /proc} (not Linux).
 */
public final class ProcessMemory {

    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessMemory() {
    }

    /** @return the resident set size now, in bytes (0 when unknown) */
    public static long residentBytes() {
        return statusKb("VmRSS:") * 1024;
    }

    /** @return the largest resident set size so far, in bytes (0 when unknown) */
    public static long peakResidentBytes() {
        return statusKb("VmHWM:") * 1024;
    }

    private static long statusKb(String key) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no resident figure
        }
        return 0;
    }
}
