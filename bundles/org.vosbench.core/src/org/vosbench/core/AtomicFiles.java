package org.vosbench.core;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes files so that readers never see half of one: the body writes a temporary file in the
 * target's folder, which is flushed to disk and renamed over the target only when the body
 * succeeded. On failure the temporary file is deleted and the target is untouched.
 * <p>
 * Files get the mode the process's umask gives new files (0644 under umask 022), as any other
 * program's output would, so a teammate or a server process can read them; the temporary file is
 * not made with {@link Files#createTempFile}, whose 0600 would be kept by the rename.
 * <p>
 * A temporary file is named {@code .<name>.<pid>-<random>.tmp}. One left behind by a process that
 * was killed (SIGKILL, power loss) is removed by {@link #removeLeftovers(Path)}, which the next
 * writer of the folder calls: the pid in the name tells a dead writer's leftover from a live
 * writer's file in progress.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * Writes {@code target} atomically, creating its folder if needed.
     *
     * @param target the file to write
     * @param body writes the content; it must not close the stream
     * @throws IOException when the body or the file system fails; the target is then unchanged
     */
    public static void write(Path target, IoConsumer<OutputStream> body) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path temp = temporaryFor(absolute);
        boolean moved = false;
        try {
            // CREATE_NEW without attributes: the file system applies the umask (createTempFile forces 0600)
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.CREATE_NEW)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                body.accept(out);
                out.flush();
                channel.force(false);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /**
     * A fresh temporary name beside {@code target}, {@code .<name>.<pid>-<random>.tmp}; not created.
     *
     * @param target the file the temporary one will be renamed to
     * @return a path in the target's folder that does not exist yet (with overwhelming likelihood)
     */
    public static Path temporaryFor(Path target) {
        long random = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
        return target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + Long.toString(random, 36) + ".tmp");
    }

    /** This class's temporary names, and those of Files.createTempFile used before (".name.<digits>.tmp"). */
    private static final Pattern TEMPORARY = Pattern.compile("\\..+\\.(?:(\\d+)-[0-9a-z]+|\\d+)\\.tmp");

    /**
     * Removes the temporary files that writers killed in the middle of a write left in
     * {@code folder} (not in sub-folders): those named by a process that is no longer running, and
     * those of the older unnamed form ({@code .<name>.<digits>.tmp}) when they are older than a
     * minute. A live writer's temporary file is never touched.
     *
     * @param folder the folder to clean; nothing happens when it does not exist
     * @return how many files were removed
     * @throws IOException when the folder cannot be listed or a leftover cannot be removed
     */
    public static int removeLeftovers(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        int removed = 0;
        long minuteAgo = System.currentTimeMillis() - 60_000;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Matcher m = TEMPORARY.matcher(p.getFileName().toString());
                if (!m.matches() || !Files.isRegularFile(p)) {
                    continue;
                }
                boolean dead = m.group(1) != null ? !isAlive(Long.parseLong(m.group(1)))
                        : Files.getLastModifiedTime(p).toMillis() < minuteAgo;
                if (dead && Files.deleteIfExists(p)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    /** Whether a process with this id runs on this machine (the current one always does). */
    static boolean isAlive(long pid) {
        return pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Writes bytes atomically.
     *
     * @param target the file to write
     * @param content the bytes
     * @throws IOException when the file system fails; the target is then unchanged
     */
    public static void writeBytes(Path target, byte[] content) throws IOException {
        write(target, out -> out.write(content));
    }

    /**
     * Writes UTF-8 text atomically.
     *
     * @param target the file to write
     * @param content the text
     * @throws IOException when the file system fails; the target is then unchanged
     */
    public static void writeString(Path target, String content) throws IOException {
        writeBytes(target, content.getBytes(StandardCharsets.UTF_8));
    }
}
