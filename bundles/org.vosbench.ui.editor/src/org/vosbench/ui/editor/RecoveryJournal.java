package org.vosbench.ui.editor;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.vosbench.core.AtomicFiles;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.dataset.SequenceRef;

/**
 * Mirrors a document's unsaved changes into {@code <workDir>/.recovery/}: the changed frames' masks as
 * palette PNGs, their states, and the object list, each file written atomically, on a background
 * thread after every change. A crash therefore loses at most the change being written. Saving deletes
 * the journal; so does discarding it.
 */
final class RecoveryJournal {

    private static final Logger LOG = Logger.getLogger(RecoveryJournal.class.getName());

    record Content(Map<Integer, FrameState> states, Map<Integer, LabelMask> masks, List<AnnotatedObject> objects) {
    }

    private final Path dir;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "VOS Bench recovery journal");
        t.setDaemon(true);
        return t;
    });
    private Future<?> last;

    RecoveryJournal(Path dir) {
        this.dir = dir;
    }

    boolean exists() {
        return Files.isRegularFile(dir.resolve(SequenceDocument.FRAMES_FILE));
    }

    /**
     * Snapshots, on the document's thread, the masks of the frames that just changed plus the state of
     * every frame changed since the last save, and writes them in the background. Only the frames that
     * changed are written, so a propagation of n frames writes n masks, not n²/2.
     */
    void schedule(SequenceDocument doc, java.util.Set<Integer> changedFrames) {
        if (writer.isShutdown()) {
            return;
        }
        BitSet touched = doc.touchedFrames();
        Map<Integer, LabelMask> masks = new HashMap<>();
        for (int i : changedFrames) {
            LabelMask m = doc.mask(i);
            if (m != null) {
                masks.put(i, m.copy());
            }
        }
        StringBuilder states = new StringBuilder("# frame\tstate\n");
        for (int i = touched.nextSetBit(0); i >= 0; i = touched.nextSetBit(i + 1)) {
            states.append(doc.sequence().frame(i).name()).append('\t').append(doc.state(i).name()).append('\n');
        }
        String objects = SequenceDocument.objectsText(doc.objects());
        boolean dirty = doc.isDirty();
        SequenceRef seq = doc.sequence();
        last = writer.submit(() -> {
            try {
                if (!dirty) {
                    deleteAll();
                    return;
                }
                Files.createDirectories(dir);
                for (Map.Entry<Integer, LabelMask> e : masks.entrySet()) {
                    MaskIO.write(dir.resolve(seq.frame(e.getKey()).name() + ".png"), e.getValue());
                }
                AtomicFiles.writeString(dir.resolve(SequenceDocument.OBJECTS_FILE), objects);
                // written last: a journal counts only once its state file exists
                AtomicFiles.writeString(dir.resolve(SequenceDocument.FRAMES_FILE), states.toString());
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Could not write the recovery journal in " + dir, e);
            }
        });
    }

    Content read(SequenceRef sequence) throws IOException {
        Map<String, FrameState> byName = SequenceDocument.readStates(dir.resolve(SequenceDocument.FRAMES_FILE));
        Map<Integer, FrameState> states = new HashMap<>();
        Map<Integer, LabelMask> masks = new HashMap<>();
        for (int i = 0; i < sequence.length(); i++) {
            FrameState s = byName.get(sequence.frame(i).name());
            if (s == null) {
                continue;
            }
            states.put(i, s);
            Path png = dir.resolve(sequence.frame(i).name() + ".png");
            if (s != FrameState.NONE) {
                masks.put(i, MaskIO.read(png));
            }
        }
        Path objectsFile = dir.resolve(SequenceDocument.OBJECTS_FILE);
        List<AnnotatedObject> objects = Files.isRegularFile(objectsFile) ? SequenceDocument.readObjects(objectsFile)
                : null;
        return new Content(states, masks, objects);
    }

    void discard() throws IOException {
        flush();
        deleteAll();
    }

    private void deleteAll() throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        // the state file goes first so that a half-deleted journal is never offered
        Files.deleteIfExists(dir.resolve(SequenceDocument.FRAMES_FILE));
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(files::add);
        }
        for (Path f : files) {
            Files.deleteIfExists(f);
        }
        Files.deleteIfExists(dir);
    }

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
