package org.vosbench.ui.editor;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.vosbench.core.AtomicFiles;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.dataset.SequenceRef;

/**
 * A write-ahead journal of a document's unsaved changes in {@code .<workDir name>.recovery/} beside the work
 * folder (beside, not inside: the folder belongs to whichever run saved it last and is replaced as a whole,
 * and the journal must never write into a folder another run owns), so that a crash
 * at any moment loses at most the change being written and never makes the journal unreadable.
 * <p>
 * Every change (a stroke, one propagated frame, an undo, a redo, an object edit) becomes one
 * <em>entry</em>: a folder {@code 000001/}, {@code 000002/}, … holding the changed frames only, as a
 * {@link SequenceFolder} (their PNGs, their states in {@code frames.tsv}, the whole object list in
 * {@code objects.tsv}). An entry is written as {@code NNNNNN.tmp/} and renamed when complete, so it
 * exists whole or not at all; a half-written one is ignored. Each entry holds absolute values, not
 * differences: replaying the complete entries in order on top of the saved folder gives the
 * document as it was after the last complete entry, and replaying twice gives the same result.
 * <p>
 * Saving (and returning to the saved state by undo) discards the journal by renaming the folder away
 * first, so a crash in the middle never leaves a partial journal that would be replayed.
 */
final class RecoveryJournal {

    private static final Logger LOG = Logger.getLogger(RecoveryJournal.class.getName());
    static final String DIR_SUFFIX = ".recovery";
    private static final Pattern ENTRY = Pattern.compile("\\d{6}");

    /** The file operations the journal does, one seam so that tests can stop the process at each one. */
    interface Io {
        Io FILES = new Io() {
        };

        default void createDirectories(Path dir) throws IOException {
            Files.createDirectories(dir);
        }

        default void writeMask(Path png, LabelMask mask) throws IOException {
            MaskIO.write(png, mask);
        }

        default void writeString(Path file, String text) throws IOException {
            AtomicFiles.writeString(file, text);
        }

        /** Copies a saved file into a folder being written (the folder is private until renamed). */
        default void copy(Path from, Path to) throws IOException {
            Files.copy(from, to); // a new file, so it gets the umask's mode
        }

        default void move(Path from, Path to) throws IOException {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        }

        default void delete(Path file) throws IOException {
            Files.deleteIfExists(file);
        }
    }

    record Content(Map<Integer, FrameState> states, Map<Integer, LabelMask> masks, List<AnnotatedObject> objects) {
    }

    private final Path dir;
    private final String discarded;
    private final Io io;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "VOS Bench recovery journal");
        t.setDaemon(true);
        return t;
    });
    private Future<?> last;
    private int nextEntry = -1;

    RecoveryJournal(Path workDir, Io io) {
        this.dir = dirOf(workDir);
        this.discarded = "." + workDir.getFileName() + ".recovery-discarded-";
        this.io = io;
    }

    /** The journal folder of a work folder. */
    static Path dirOf(Path workDir) {
        return workDir.resolveSibling("." + workDir.getFileName() + DIR_SUFFIX);
    }

    boolean exists() {
        return !entries().isEmpty();
    }

    private List<Path> entries() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> ENTRY.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot list the recovery journal " + dir, e);
            return List.of();
        }
    }

    /**
     * Snapshots, on the document's thread, the frames of one change (mask and state) and the object
     * list, and writes them as the next entry in the background (in order).
     */
    void schedule(SequenceDocument doc, Set<Integer> changedFrames) {
        if (writer.isShutdown()) {
            return;
        }
        Map<Integer, LabelMask> masks = new HashMap<>();
        Map<Integer, FrameState> states = new HashMap<>();
        for (int i : changedFrames) {
            states.put(i, doc.state(i));
            LabelMask m = doc.mask(i);
            if (m != null && doc.state(i) != FrameState.NONE) {
                masks.put(i, m.copy());
            }
        }
        String objects = SequenceFolder.objectsText(doc.objects());
        boolean dirty = doc.isDirty();
        SequenceRef seq = doc.sequence();
        last = writer.submit(() -> {
            try {
                if (!dirty) {
                    // back at the saved state: the saved folder is the whole truth again
                    deleteAll();
                    return;
                }
                if (nextEntry < 0) {
                    List<Path> existing = entries();
                    nextEntry = existing.isEmpty() ? 1
                            : Integer.parseInt(existing.get(existing.size() - 1).getFileName().toString()) + 1;
                }
                String name = String.format("%06d", nextEntry++);
                Path tmp = dir.resolve(name + ".tmp");
                io.createDirectories(tmp);
                for (Map.Entry<Integer, LabelMask> e : masks.entrySet()) {
                    io.writeMask(SequenceFolder.maskFile(tmp, seq, e.getKey()), e.getValue());
                }
                io.writeString(tmp.resolve(SequenceFolder.OBJECTS_FILE), objects);
                io.writeString(tmp.resolve(SequenceFolder.FRAMES_FILE), SequenceFolder.statesText(seq, states));
                // the entry counts from this rename on, whole
                io.move(tmp, dir.resolve(name));
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "Could not write the recovery journal in " + dir, e);
            }
        });
    }

    /** Replays the complete entries in order: each frame's last state and mask, the last object list. */
    Content read(SequenceRef sequence) throws IOException {
        Map<Integer, FrameState> states = new HashMap<>();
        Map<Integer, LabelMask> masks = new HashMap<>();
        List<AnnotatedObject> objects = null;
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < sequence.length(); i++) {
            index.put(sequence.frame(i).name(), i);
        }
        for (Path entry : entries()) {
            Map<String, FrameState> byName = SequenceFolder.readStates(entry.resolve(SequenceFolder.FRAMES_FILE));
            for (Map.Entry<String, FrameState> e : byName.entrySet()) {
                Integer i = index.get(e.getKey());
                if (i == null) {
                    throw new IOException(entry.resolve(SequenceFolder.FRAMES_FILE) + ": frame " + e.getKey()
                            + " is not in sequence " + sequence.name());
                }
                states.put(i, e.getValue());
                if (e.getValue() == FrameState.NONE) {
                    masks.remove(i);
                } else {
                    masks.put(i, MaskIO.read(SequenceFolder.maskFile(entry, sequence, i)));
                }
            }
            objects = SequenceFolder.readObjects(entry.resolve(SequenceFolder.OBJECTS_FILE));
        }
        return new Content(states, masks, objects);
    }

    /** Deletes the journal (after a save, or when the person declines it). */
    void discard() throws IOException {
        flush();
        deleteAll();
    }

    private void deleteAll() throws IOException {
        nextEntry = -1;
        if (Files.isDirectory(dir)) {
            // renamed away first, in one step: a crash while deleting never leaves a partial journal
            Path gone = dir.resolveSibling(discarded + System.nanoTime());
            io.move(dir, gone);
            deleteTree(gone);
        }
        // leftovers of an earlier crash during a discard
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir.getParent(), discarded + "*")) {
            for (Path p : s) {
                deleteTree(p);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // no work folder yet
        }
    }

    private void deleteTree(Path root) throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.forEach(all::add);
        }
        all.sort(Comparator.reverseOrder());
        for (Path p : all) {
            io.delete(p);
        }
    }

    /** Waits until every scheduled entry is written. */
    void flush() {
        Future<?> f = last;
        if (f != null) {
            try {
                f.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Recovery journal did not finish", e);
            }
        }
    }

    void close() {
        flush();
        writer.shutdown();
    }
}
