package org.vosbench.core;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exclusive ownership of one output folder by one run, across threads and processes.
 * <p>
 * The lock is a file beside the folder, {@code .<folder>.vosbench-lock} (beside, not inside,
 * because the owner may replace the folder as a whole by a rename), holding the owner's
 * {@linkplain Owner record}: run id, what it is, pid, host and start time, which is what another
 * run is told when it is refused. Exclusion itself is an operating-system lock on that file
 * ({@link FileChannel#tryLock()}), which the system drops when the process dies however it dies:
 * a lock file left by a killed run is <em>stale</em>, detected as such (its OS lock is free) and
 * taken over ({@link #staleOwner()} says whose it was). Within one JVM, where OS locks do not
 * exclude threads, a registry of held folders does.
 * <p>
 * {@link #close()} empties the lock file and leaves it in place: removing it would let a run that
 * opened it just before lock a file no longer in the folder while a third run creates a new one.
 * The process never opens the lock file a second time while holding it (with POSIX locks, closing
 * any descriptor of a file drops the process's lock on it).
 * <p>
 * Most callers want {@link RunOutput}, which adds write-beside-then-rename of whole folders.
 */
public final class OutputLock implements AutoCloseable {

    /** Who holds a folder. */
    public record Owner(String runId, String what, long pid, String host, Instant started) {

        static Owner current(String runId, String what) {
            return new Owner(runId, what, ProcessHandle.current().pid(), hostName(), Instant.now());
        }

        String text() {
            return "run=" + runId + "\nwhat=" + what.replace('\n', ' ') + "\npid=" + pid + "\nhost=" + host
                    + "\nstarted=" + started + "\n";
        }

        static Optional<Owner> parse(String text) {
            try {
                Properties p = new Properties();
                p.load(new java.io.StringReader(text));
                return Optional.of(new Owner(p.getProperty("run"), p.getProperty("what"),
                        Long.parseLong(p.getProperty("pid")), p.getProperty("host"),
                        Instant.parse(p.getProperty("started"))));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }

        @Override
        public String toString() {
            return "run " + runId + ": " + what + ", pid " + pid + " on " + host + ", since " + started;
        }
    }

    /** Lock files of folders held in this JVM, to exclude its threads (OS locks are per process). */
    private static final Map<Path, Owner> HELD_HERE = new ConcurrentHashMap<>();

    private final Path folder;
    private final Path lockFile;
    private final Owner owner;
    private final Owner staleOwner;
    private final FileChannel channel;
    private final FileLock osLock;
    private boolean closed;

    private OutputLock(Path folder, Path lockFile, Owner owner, Owner staleOwner, FileChannel channel, FileLock osLock) {
        this.folder = folder;
        this.lockFile = lockFile;
        this.owner = owner;
        this.staleOwner = staleOwner;
        this.channel = channel;
        this.osLock = osLock;
    }

    /**
     * Takes the folder for a run, creating the folder's parent if needed (not the folder).
     *
     * @param folder the output folder
     * @param runId the run's id (see {@link RunOutput#newRunId()})
     * @param what what the run is, in words ("vosbench propagate", "workbench editor save")
     * @return the held lock; close it when the run is over
     * @throws OutputInUseException when another live run holds the folder
     * @throws IOException when the lock file cannot be written
     */
    public static OutputLock acquire(Path folder, String runId, String what) throws IOException {
        Path target = folder.toAbsolutePath().normalize();
        if (target.getParent() == null) {
            throw new InvalidInputException(target, "a file system root cannot be an output folder");
        }
        Path lockFile = lockFileOf(target);
        Owner me = Owner.current(runId, what);
        Owner other = HELD_HERE.putIfAbsent(lockFile, me);
        if (other != null) {
            throw new OutputInUseException(target, other.toString());
        }
        boolean done = false;
        try {
            Files.createDirectories(target.getParent());
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            try {
                FileLock os = channel.tryLock();
                if (os == null) {
                    throw new OutputInUseException(target, Owner.parse(read(channel)).map(Owner::toString)
                            .orElse("a run starting now, lock file " + lockFile.getFileName()));
                }
                String previous = read(channel);
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(me.text().getBytes(StandardCharsets.UTF_8)), 0);
                channel.force(true);
                Owner stale = previous.isBlank() ? null : Owner.parse(previous).orElse(null);
                done = true;
                return new OutputLock(target, lockFile, me, stale, channel, os);
            } finally {
                if (!done) {
                    channel.close();
                }
            }
        } finally {
            if (!done) {
                HELD_HERE.remove(lockFile, me);
            }
        }
    }

    /**
     * Who holds a folder now, if anyone: another process (its OS lock is held) or this one.
     *
     * @param folder an output folder
     * @return the live owner, or empty when the folder is free (a stale lock file counts as free)
     * @throws IOException when the lock file exists but cannot be read
     */
    public static Optional<Owner> holder(Path folder) throws IOException {
        Path lockFile = lockFileOf(folder.toAbsolutePath().normalize());
        Owner here = HELD_HERE.get(lockFile);
        if (here != null) {
            return Optional.of(here);
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock os = channel.tryLock();
            if (os != null) {
                os.release();
                return Optional.empty();
            }
            return Owner.parse(read(channel));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** The lock file of a folder: {@code .<name>.vosbench-lock} beside it. */
    public static Path lockFileOf(Path folder) {
        return folder.resolveSibling("." + folder.getFileName() + ".vosbench-lock");
    }

    private static String read(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0 || size > 1 << 16) {
            return "";
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
            // read all
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException | RuntimeException e) {
            return "localhost";
        }
    }

    /** @return the folder this lock holds */
    public Path folder() {
        return folder;
    }

    /** @return this run's record, as written in the lock file */
    public Owner owner() {
        return owner;
    }

    /** @return the owner of the stale lock file this lock took over (a run that was killed), if any */
    public Optional<Owner> staleOwner() {
        return Optional.ofNullable(staleOwner);
    }

    /** Empties the lock file (a clean release, not a stale lock) and releases the folder. Idempotent. */
    @Override
    public void close() throws IOException {
        release(false);
    }

    /**
     * Releases the folder and removes its lock file, for a run that created the folder's parent
     * itself and removes it again (no other run can have waited on a folder that was never there).
     */
    void closeAndRemove() throws IOException {
        release(true);
    }

    private synchronized void release(boolean remove) throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (remove) {
                Files.deleteIfExists(lockFile);
            } else {
                channel.truncate(0);
                channel.force(true);
            }
        } finally {
            try {
                osLock.release();
                channel.close();
            } finally {
                HELD_HERE.remove(lockFile, owner);
            }
        }
    }
}
