package org.vosbench.core;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * A run's ownership of its output: the one service every command or job that writes result
 * folders uses (propagate, the workbench's propagation, train, batch, export, ...), so that two
 * runs never mix and a folder is never left half-written.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * try (RunOutput run = RunOutput.begin("vosbench propagate", overwrite)) {
 *     List<RunOutput.Folder> folders = new ArrayList<>();
 *     for (Path seq : sequenceFolders) {
 *         folders.add(run.claim(seq));         // all claimed before the first frame is computed
 *     }
 *     for (RunOutput.Folder f : folders) {
 *         MaskIO.write(f.file("00000.png"), mask); // written beside the folder, into f.staging()
 *         ...
 *         f.commit();                           // renamed over the folder as a whole
 *     }
 * }                                             // uncommitted folders are dropped, locks released
 * }</pre>
 *
 * <h2>Guarantees</h2>
 * <ul>
 * <li><b>One owner.</b> {@link #claim} takes the folder's {@link OutputLock} (a lock file beside
 * it with this run's id and pid; a lock left by a killed run is detected and taken over) and
 * refuses with {@link OutputInUseException} a folder another live run holds, whether in this
 * process (another thread, a workbench Job) or another one.</li>
 * <li><b>Whole or not at all.</b> Files go to a staging folder beside the target,
 * {@code .<name>.vosbench-<run>.partial}; {@link Folder#commit()} renames the previous folder
 * aside, the staging folder into place, and deletes the previous one: readers see the old folder
 * or the new one, never a mix, and never files of the old run beside the new run's (stale
 * {@code .npy} beside new masks). A folder that is not committed (failure, cancel) leaves the
 * previous content untouched.</li>
 * <li><b>Existing results are kept unless asked.</b> Without {@code overwrite}, {@link #claim}
 * refuses a folder that already holds files, before anything is written.</li>
 * <li><b>Attributable.</b> Each committed folder holds {@value #RUN_FILE}: run id, what wrote it,
 * pid, start and end.</li>
 * <li><b>Leftovers are cleaned.</b> Claiming a folder removes what a killed run left around it:
 * staging and set-aside folders of earlier runs (safe: only the lock holder may touch them), and
 * {@link AtomicFiles} temporary files of dead processes inside it. If a run died between its two
 * renames, the set-aside previous folder is put back first.</li>
 * <li>Folders the run created (the output root) are removed again when nothing was committed
 * (a run that failed at its first step leaves no empty output folder).</li>
 * <li>Lock files ({@code .<name>.vosbench-lock}) stay beside the folders, empty once released
 * (see {@link OutputLock}).</li>
 * </ul>
 * Files get the umask's mode (see {@link AtomicFiles}). Thread-safe; a Folder is used by one
 * thread at a time.
 */
public final class RunOutput implements AutoCloseable {

    /** The file naming the run that wrote a committed folder. */
    public static final String RUN_FILE = ".vosbench-run";

    private static final String STAGING_SUFFIX = ".partial";
    private static final String ASIDE_SUFFIX = ".old";

    private final String runId;
    private final String what;
    private final boolean overwrite;
    private final Instant started = Instant.now();
    private final Map<Path, Folder> claimed = new LinkedHashMap<>();
    private final List<Path> createdDirectories = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private boolean anyCommitted;
    private boolean closed;

    private RunOutput(String runId, String what, boolean overwrite) {
        this.runId = runId;
        this.what = what;
        this.overwrite = overwrite;
    }

    /**
     * Starts a run's ownership of its outputs.
     *
     * @param what what the run is, in words, as other runs will be told ("vosbench propagate")
     * @param overwrite whether folders that already hold files may be replaced (as a whole)
     * @return the run; close it when the run is over
     */
    public static RunOutput begin(String what, boolean overwrite) {
        return new RunOutput(newRunId(), what, overwrite);
    }

    /** A new run id: UTC time and a random suffix, e.g. {@code 20260101T120000Z-3f9a1c}. */
    public static String newRunId() {
        String time = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        return time + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24) | 1 << 24).substring(1);
    }

    /** @return this run's id, as written in lock files and {@value #RUN_FILE} */
    public String runId() {
        return runId;
    }

    /** What claiming and cleaning found worth telling (stale locks taken over, leftovers removed). */
    public synchronized List<String> notes() {
        return List.copyOf(notes);
    }

    /**
     * Claims a folder for this run: locks it, checks it may be replaced, cleans leftovers of killed
     * runs around it and creates its (empty) staging folder.
     *
     * @param folder the output folder (it may not exist yet)
     * @return the claimed folder; write into {@link Folder#staging()} and {@link Folder#commit()}
     * @throws OutputInUseException when another live run holds the folder
     * @throws OutputExistsException without overwrite, when the folder already holds files
     * @throws InvalidInputException when a file is where the folder should be
     * @throws IOException when the file system fails
     */
    public synchronized Folder claim(Path folder) throws IOException {
        if (closed) {
            throw new IllegalStateException("run " + runId + " is closed");
        }
        Path target = folder.toAbsolutePath().normalize();
        Folder existing = claimed.get(target);
        if (existing != null) {
            return existing;
        }
        Path parent = target.getParent();
        if (parent != null && Files.exists(parent) && !Files.isDirectory(parent)) {
            throw new InvalidInputException(parent, "is a file, not a folder: results cannot be written under it");
        }
        createParents(parent);
        OutputLock lock = OutputLock.acquire(target, runId, what);
        boolean ok = false;
        try {
            lock.staleOwner().ifPresent(o -> notes.add(target + ": took over the lock of a run that is no longer running (" + o + ")"));
            recoverAndClean(target);
            if (Files.exists(target) && !Files.isDirectory(target)) {
                throw new InvalidInputException(target, "is a file, but a folder of results belongs there");
            }
            if (!overwrite && Files.isDirectory(target)) {
                long files = countFiles(target);
                if (files > 0) {
                    throw new OutputExistsException(target, files);
                }
            }
            Path staging = sibling(target, runId + STAGING_SUFFIX);
            Files.createDirectory(staging);
            Folder f = new Folder(target, staging, lock);
            claimed.put(target, f);
            ok = true;
            return f;
        } finally {
            if (!ok) {
                lock.close();
            }
        }
    }

    private void createParents(Path parent) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = parent; p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        Files.createDirectories(parent);
        for (Path p : missing) {
            if (!createdDirectories.contains(p)) {
                createdDirectories.add(p);
            }
        }
    }

    /** Under the lock: undo a half-done commit, delete other runs' staging and set-aside folders, stale temporaries. */
    private void recoverAndClean(Path target) throws IOException {
        String prefix = "." + target.getFileName() + ".vosbench-";
        List<Path> mine = new ArrayList<>();
        try (Stream<Path> siblings = Files.list(target.getParent())) {
            siblings.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(p -> p.getFileName().toString().endsWith(STAGING_SUFFIX)
                            || p.getFileName().toString().endsWith(ASIDE_SUFFIX))
                    .forEach(mine::add);
        }
        for (Path p : mine) {
            if (p.getFileName().toString().endsWith(ASIDE_SUFFIX) && !Files.exists(target)) {
                move(p, target);
                notes.add(target + ": restored the previous results that a killed run had set aside");
            } else {
                deleteTree(p);
                notes.add(target + ": removed " + p.getFileName() + " left by a run that did not finish");
            }
        }
        int temporaries = AtomicFiles.removeLeftovers(target);
        if (temporaries > 0) {
            notes.add(target + ": removed " + temporaries + " temporary file(s) left by a killed writer");
        }
    }

    private static Path sibling(Path target, String suffix) {
        return target.resolveSibling("." + target.getFileName() + ".vosbench-" + suffix);
    }

    private static long countFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void syncDirectory(Path dir) {
        // makes the renames durable where the file system supports it; best effort elsewhere
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            // not supported (some file systems, other platforms): the renames are still atomic
        }
    }

    /**
     * Drops the folders not committed (their previous content stays), releases every lock, and
     * removes the folders this run created when it committed nothing.
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException first = null;
        for (Folder f : claimed.values()) {
            try {
                f.release(!anyCommitted && createdDirectories.contains(f.target.getParent()));
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (!anyCommitted) {
            for (Folder f : claimed.values()) {
                // lock files of folders released earlier (abandoned), in folders this run made: free, so removable
                if (createdDirectories.contains(f.target.getParent()) && OutputLock.holder(f.target).isEmpty()) {
                    Files.deleteIfExists(OutputLock.lockFileOf(f.target));
                }
            }
            for (int i = createdDirectories.size() - 1; i >= 0; i--) {
                try {
                    Files.deleteIfExists(createdDirectories.get(i));
                } catch (DirectoryNotEmptyException e) {
                    break; // someone else wrote there meanwhile: keep it
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** One claimed output folder. */
    public final class Folder {
        private final Path target;
        private final Path staging;
        private final OutputLock lock;
        private boolean committed;
        private boolean released;

        private Folder(Path target, Path staging, OutputLock lock) {
            this.target = target;
            this.staging = staging;
            this.lock = lock;
        }

        /** @return the folder the results end up in */
        public Path target() {
            return target;
        }

        /** @return where to write until {@link #commit()} */
        public Path staging() {
            return staging;
        }

        /**
         * @param relative a file name (or relative path) inside the folder
         * @return where to write it now
         */
        public Path file(String relative) {
            return staging.resolve(relative);
        }

        /** @return whether {@link #commit()} ran */
        public boolean isCommitted() {
            return committed;
        }

        /**
         * Puts the staging folder in place of the target as a whole, with {@value RunOutput#RUN_FILE},
         * and releases the folder's lock.
         *
         * @throws IOException when a rename fails; the previous content is then in place or set aside
         *             (and put back by the next claimant)
         */
        public void commit() throws IOException {
            synchronized (RunOutput.this) {
                if (released) {
                    throw new IllegalStateException(target + " is no longer held by run " + runId);
                }
                AtomicFiles.writeString(staging.resolve(RUN_FILE), "run=" + runId + "\nwhat=" + what + "\npid="
                        + ProcessHandle.current().pid() + "\nstarted=" + started + "\nfinished=" + Instant.now() + "\n");
                Path aside = null;
                if (Files.exists(target)) {
                    aside = sibling(target, runId + ASIDE_SUFFIX);
                    move(target, aside);
                }
                move(staging, target);
                syncDirectory(target.getParent());
                committed = true;
                anyCommitted = true;
                if (aside != null) {
                    deleteTree(aside);
                }
                release();
            }
        }

        /** Drops what was written (the previous content stays) and releases the folder. */
        public void abandon() throws IOException {
            synchronized (RunOutput.this) {
                release();
            }
        }

        private void release() throws IOException {
            release(false);
        }

        private void release(boolean removeLockFile) throws IOException {
            if (released) {
                return;
            }
            released = true;
            try {
                if (!committed) {
                    deleteTree(staging);
                }
            } finally {
                if (removeLockFile) {
                    lock.closeAndRemove();
                } else {
                    lock.close();
                }
            }
        }

        @Override
        public String toString() {
            return target + (committed ? " (committed by run " : " (held by run ") + runId + ")";
        }
    }

    /** @return the folder claimed for {@code target}, if this run claimed it */
    public synchronized Optional<Folder> claimed(Path target) {
        return Optional.ofNullable(claimed.get(target.toAbsolutePath().normalize()));
    }

}
