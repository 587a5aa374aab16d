package org.vosbench.ui.editor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToIntFunction;

import org.eclipse.core.commands.operations.IOperationHistory;
import org.eclipse.core.commands.operations.IUndoContext;
import org.eclipse.core.commands.operations.ObjectUndoContext;
import org.vosbench.core.Dimension2;
import org.vosbench.core.ImageReader;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.core.OutputInUseException;
import org.vosbench.core.Palette;
import org.vosbench.core.RunOutput;
import org.vosbench.dataset.SequenceRef;

/**
 * The editable masks of one sequence: each frame's label mask and {@link FrameState}, the object list,
 * dirty state, save, and the recovery journal. Edits go through the Eclipse operation history
 * ({@link IOperationHistory}) with this document's {@link #undoContext()}, so Ctrl+Z / Ctrl+Y work as in
 * any Eclipse editor.
 * <p>
 * On disk the document is a {@link SequenceFolder} (the DAVIS result layout plus {@code frames.tsv} and
 * {@code objects.tsv}). Before the first save, masks come from the dataset's input annotations.
 * Unsaved changes go to a write-ahead {@link RecoveryJournal} in {@code .<name>.recovery/} beside the work folder, so that a
 * crash loses at most the change being written; the next {@link #open} reports them through
 * {@link #hasRecovery()}.
 * <p>
 * Not thread-safe: call it from one thread (the UI thread in the workbench).
 */
public final class SequenceDocument {

    /** Told about changes; called on the thread that made them. */
    public interface Listener {
        default void framesChanged(SortedSet<Integer> frames) {
        }

        default void objectsChanged() {
        }

        default void dirtyChanged(boolean dirty) {
        }

        /** A person changed masks (a stroke, a fill, deleting an object), not undo, redo or propagation. */
        default void personEdited(SortedSet<Integer> frames) {
        }
    }

    static final String FRAMES_FILE = SequenceFolder.FRAMES_FILE;
    static final String OBJECTS_FILE = SequenceFolder.OBJECTS_FILE;
    /** The recovery journal's folder beside a work folder. */
    static Path recoveryDir(Path workDir) {
        return RecoveryJournal.dirOf(workDir);
    }

    private final SequenceRef sequence;
    private final Path workDir;
    private final IOperationHistory history;
    private final IUndoContext undoContext;
    private final int width;
    private final int height;
    private final LabelMask[] masks;
    private final Path[] maskSources;
    private final FrameState[] states;
    private final BitSet touched = new BitSet();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final RecoveryJournal journal;
    private final RecoveryJournal.Io io;
    private List<AnnotatedObject> objects;
    private int changeCount;
    private int savedChangeCount;
    private boolean closed;
    /** The run that wrote the folder as this document read it (see {@link #save()}). */
    private String readRunId;

    // the edit in progress (a brush stroke between mouse down and up)
    private int editFrame = -1;
    private MaskSnapshot editBefore;
    private FrameState editBeforeState;

    private SequenceDocument(SequenceRef sequence, Path workDir, IOperationHistory history, Dimension2 size,
            RecoveryJournal.Io journalIo) {
        this.sequence = sequence;
        this.workDir = workDir;
        this.history = history;
        this.undoContext = new ObjectUndoContext(this, sequence.name());
        this.width = size.width();
        this.height = size.height();
        int n = sequence.length();
        this.masks = new LabelMask[n];
        this.maskSources = new Path[n];
        this.states = new FrameState[n];
        this.journal = new RecoveryJournal(workDir, journalIo);
        this.io = journalIo;
    }

    /**
     * Opens a sequence's editable masks from {@code workDir} if it was saved there before, else from
     * the dataset's input annotations.
     */
    public static SequenceDocument open(SequenceRef sequence, Path workDir, IOperationHistory history)
            throws IOException {
        return open(sequence, workDir, history, RecoveryJournal.Io.FILES);
    }

    /** As {@link #open(SequenceRef, Path, IOperationHistory)}, the journal's file operations given (tests). */
    static SequenceDocument open(SequenceRef sequence, Path workDir, IOperationHistory history,
            RecoveryJournal.Io journalIo) throws IOException {
        Objects.requireNonNull(history);
        if (sequence.length() == 0) {
            throw new IOException("Sequence " + sequence.name() + " has no frames");
        }
        Dimension2 size = ImageReader.size(sequence.frame(0).image());
        SequenceDocument doc = new SequenceDocument(sequence, workDir, history, size, journalIo);
        doc.load();
        return doc;
    }

    private void load() throws IOException {
        restoreInterruptedSave();
        readRunId = runIdOf(workDir);
        Arrays.fill(states, FrameState.NONE);
        Path framesFile = workDir.resolve(FRAMES_FILE);
        if (Files.isRegularFile(framesFile)) {
            Map<String, FrameState> saved = SequenceFolder.readStates(framesFile);
            for (int i = 0; i < states.length; i++) {
                FrameState s = saved.get(sequence.frame(i).name());
                if (s != null && s != FrameState.NONE) {
                    states[i] = s;
                    maskSources[i] = maskFile(i);
                }
            }
        } else {
            for (Map.Entry<Integer, Path> given : sequence.annotations().entrySet()) {
                states[given.getKey()] = FrameState.ANNOTATED;
                maskSources[given.getKey()] = given.getValue();
            }
        }
        Path objectsFile = workDir.resolve(OBJECTS_FILE);
        objects = Files.isRegularFile(objectsFile) ? SequenceFolder.readObjects(objectsFile) : defaultObjects();
    }

    /**
     * A save (or another run) killed between its two renames leaves the folder set aside and none in its
     * place: claiming the folder puts it back ({@link RunOutput}) before the document reads it.
     */
    private void restoreInterruptedSave() throws IOException {
        Path parent = workDir.toAbsolutePath().getParent();
        if (Files.exists(workDir) || parent == null || !Files.isDirectory(parent)) {
            return;
        }
        String aside = "." + workDir.getFileName() + ".vosbench-";
        boolean interrupted;
        try (var siblings = Files.list(parent)) {
            interrupted = siblings.anyMatch(p -> p.getFileName().toString().startsWith(aside)
                    && p.getFileName().toString().endsWith(".old"));
        }
        if (interrupted) {
            try (RunOutput run = RunOutput.begin(SAVE_WHAT + " (restore)", true)) {
                run.claim(workDir).abandon();
            } catch (OutputInUseException e) {
                // another run holds the folder now and restores it itself
            }
        }
    }

    private List<AnnotatedObject> defaultObjects() {
        SortedSet<Integer> ids = new TreeSet<>();
        try {
            ids.addAll(sequence.objectIds());
        } catch (IOException | RuntimeException e) {
            // objects are also found in the loaded masks below; an unreadable first mask shows up there
        }
        for (int i = 0; i < states.length; i++) {
            if (states[i] != FrameState.NONE && ids.isEmpty()) {
                ids.addAll(mask(i).objectIds());
            }
        }
        List<AnnotatedObject> list = new ArrayList<>();
        for (int id : ids) {
            String category = sequence.objectCategories().get(id);
            list.add(new AnnotatedObject(id, category != null ? category + " " + id : "Object " + id,
                    Palette.davis().rgb(id), true));
        }
        return list;
    }

    // ---- reading

    public SequenceRef sequence() {
        return sequence;
    }

    public String name() {
        return sequence.name();
    }

    public Path workDir() {
        return workDir;
    }

    public int frameCount() {
        return states.length;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public FrameState state(int frame) {
        return states[frame];
    }

    /** The file a frame's mask is saved to. */
    public Path maskFile(int frame) {
        return SequenceFolder.maskFile(workDir, sequence, frame);
    }

    /**
     * The frame's mask, read on first use; null when the frame has none. The returned mask is live:
     * change it only through the editing methods.
     */
    public LabelMask mask(int frame) {
        if (masks[frame] == null && maskSources[frame] != null) {
            try {
                LabelMask m = MaskIO.read(maskSources[frame]);
                if (m.width() != width || m.height() != height) {
                    throw new IOException(maskSources[frame] + ": mask is " + m.width() + "x" + m.height()
                            + " but the frames are " + width + "x" + height);
                }
                masks[frame] = m;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return masks[frame];
    }

    public List<AnnotatedObject> objects() {
        return Collections.unmodifiableList(objects);
    }

    public Optional<AnnotatedObject> object(int id) {
        return objects.stream().filter(o -> o.id() == id).findFirst();
    }

    /** Frames a person made (annotated or edited), ascending. */
    public SortedSet<Integer> personFrames() {
        SortedSet<Integer> result = new TreeSet<>();
        for (int i = 0; i < states.length; i++) {
            if (states[i].isPersonMade()) {
                result.add(i);
            }
        }
        return result;
    }

    /** Frames in a state, ascending. */
    public SortedSet<Integer> framesIn(FrameState state) {
        SortedSet<Integer> result = new TreeSet<>();
        for (int i = 0; i < states.length; i++) {
            if (states[i] == state) {
                result.add(i);
            }
        }
        return result;
    }

    public IUndoContext undoContext() {
        return undoContext;
    }

    public IOperationHistory history() {
        return history;
    }

    public boolean isDirty() {
        return changeCount != savedChangeCount;
    }

    public boolean isClosed() {
        return closed;
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    // ---- editing

    /**
     * Starts an edit of one frame (a brush stroke): returns the live mask to paint into, created empty
     * when the frame had none. Finish with {@link #endEdit}.
     */
    public LabelMask beginEdit(int frame) {
        if (editFrame >= 0) {
            throw new IllegalStateException("An edit of frame " + editFrame + " is in progress");
        }
        editFrame = frame;
        LabelMask current = mask(frame);
        editBefore = MaskSnapshot.of(current);
        editBeforeState = states[frame];
        if (current == null) {
            masks[frame] = LabelMask.empty(width, height);
        }
        return masks[frame];
    }

    /** Tells listeners that the frame being edited changed, for live feedback during a stroke. */
    public void editProgressed() {
        if (editFrame >= 0) {
            fireFrames(new TreeSet<>(List.of(editFrame)));
        }
    }

    /**
     * Ends the edit: when a pixel changed, adds one undoable operation named {@code label} to the
     * history and marks the frame as made by a person; else forgets it.
     *
     * @return whether anything changed
     */
    public boolean endEdit(String label) {
        if (editFrame < 0) {
            throw new IllegalStateException("No edit in progress");
        }
        int frame = editFrame;
        editFrame = -1;
        LabelMask after = masks[frame];
        boolean changed = editBefore == null ? !isAllBackground(after) : !editBefore.restore().equals(after);
        if (!changed) {
            if (editBefore == null) {
                masks[frame] = null;
            }
            fireFrames(new TreeSet<>(List.of(frame)));
            return false;
        }
        FrameState afterState = editBeforeState.afterPersonEdit();
        states[frame] = afterState;
        maskSources[frame] = null;
        DocumentOperation op = new DocumentOperation(label, this, List.of(new DocumentOperation.FrameChange(frame,
                editBefore, editBeforeState, MaskSnapshot.of(after), afterState)), null, null);
        editBefore = null;
        touched.set(frame);
        changed(new TreeSet<>(List.of(frame)), false);
        history.add(op);
        firePersonEdited(new TreeSet<>(List.of(frame)));
        return true;
    }

    private static boolean isAllBackground(LabelMask mask) {
        for (byte b : mask.labels()) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** One complete edit of a frame (fill, polygon): {@code painter} changes the mask and returns pixels changed. */
    public boolean edit(int frame, String label, ToIntFunction<LabelMask> painter) {
        LabelMask mask = beginEdit(frame);
        painter.applyAsInt(mask);
        return endEdit(label);
    }

    /** Adds an object with the lowest free id, named and coloured by default; undoable. */
    public AnnotatedObject addObject() {
        int id = 1;
        while (object(id).isPresent()) {
            id++;
        }
        if (id > 254) {
            throw new IllegalStateException("A mask holds at most 254 objects");
        }
        AnnotatedObject added = new AnnotatedObject(id, "Object " + id, Palette.davis().rgb(id), true);
        List<AnnotatedObject> after = new ArrayList<>(objects);
        after.add(added);
        after.sort((a, b) -> Integer.compare(a.id(), b.id()));
        changeObjects("Add " + added.name(), after);
        return added;
    }

    public void renameObject(int id, String newName) {
        replaceObject("Rename object", object(id).orElseThrow().withName(newName));
    }

    public void recolorObject(int id, int rgb) {
        replaceObject("Recolour object", object(id).orElseThrow().withColor(rgb));
    }

    /** Shows or hides an object; a view setting, saved with the objects but not undoable. */
    public void setObjectVisible(int id, boolean visible) {
        AnnotatedObject o = object(id).orElseThrow();
        objects = new ArrayList<>(objects);
        objects.replaceAll(x -> x.id() == id ? o.withVisible(visible) : x);
        fireObjects();
    }

    private void replaceObject(String label, AnnotatedObject replacement) {
        List<AnnotatedObject> after = new ArrayList<>(objects);
        after.replaceAll(o -> o.id() == replacement.id() ? replacement : o);
        changeObjects(label, after);
    }

    private void changeObjects(String label, List<AnnotatedObject> after) {
        DocumentOperation op = new DocumentOperation(label, this, List.of(), objects, after);
        objects = new ArrayList<>(after);
        changed(new TreeSet<>(), true);
        history.add(op);
    }

    /** Deletes an object from the list and its pixels from every frame, as one undoable step. */
    public void deleteObject(int id) {
        AnnotatedObject o = object(id).orElseThrow();
        List<DocumentOperation.FrameChange> changes = new ArrayList<>();
        SortedSet<Integer> frames = new TreeSet<>();
        for (int i = 0; i < states.length; i++) {
            LabelMask m = mask(i);
            if (m == null) {
                continue;
            }
            MaskSnapshot before = MaskSnapshot.of(m);
            if (MaskPainter.erase(m, id) > 0) {
                FrameState after = states[i].afterPersonEdit();
                changes.add(new DocumentOperation.FrameChange(i, before, states[i], MaskSnapshot.of(m), after));
                states[i] = after;
                maskSources[i] = null;
                touched.set(i);
                frames.add(i);
            }
        }
        List<AnnotatedObject> after = new ArrayList<>(objects);
        after.remove(o);
        DocumentOperation op = new DocumentOperation("Delete " + o.name(), this, changes, objects, after);
        objects = after;
        changed(frames, true);
        history.add(op);
        if (!frames.isEmpty()) {
            firePersonEdited(frames);
        }
    }

    /**
     * Starts recording a propagation: frames written through the returned recorder become
     * {@link FrameState#PROPAGATED}, and {@link PropagationRecorder#finish} adds them to the history as
     * one undoable step. Frames a person made are refused, so a propagation never overwrites them.
     */
    public PropagationRecorder recordPropagation(String label) {
        return new PropagationRecorder(this, label);
    }

    /** Used by the recorder: writes one propagated frame. */
    DocumentOperation.FrameChange writePropagated(int frame, LabelMask mask) {
        if (states[frame].isPersonMade()) {
            throw new IllegalArgumentException("Frame " + frame + " was made by a person; propagation keeps it");
        }
        if (mask.width() != width || mask.height() != height) {
            throw new IllegalArgumentException("Propagated mask " + mask.width() + "x" + mask.height()
                    + " does not match the frames " + width + "x" + height);
        }
        MaskSnapshot before = MaskSnapshot.of(mask(frame));
        FrameState beforeState = states[frame];
        masks[frame] = mask;
        maskSources[frame] = null;
        states[frame] = FrameState.PROPAGATED;
        touched.set(frame);
        changed(new TreeSet<>(List.of(frame)), false);
        return new DocumentOperation.FrameChange(frame, before, beforeState, MaskSnapshot.of(mask),
                FrameState.PROPAGATED);
    }

    void addToHistory(DocumentOperation op) {
        history.add(op);
    }

    /** Undo/redo of an operation: restores one side of each change. */
    void apply(DocumentOperation op, boolean after) {
        SortedSet<Integer> frames = new TreeSet<>();
        for (DocumentOperation.FrameChange c : op.changes()) {
            MaskSnapshot s = after ? c.after() : c.before();
            masks[c.frame()] = s == null ? null : s.restore();
            maskSources[c.frame()] = null;
            states[c.frame()] = after ? c.afterState() : c.beforeState();
            touched.set(c.frame());
            frames.add(c.frame());
        }
        List<AnnotatedObject> objs = op.objects(after);
        if (objs != null) {
            objects = new ArrayList<>(objs);
        }
        // counting back and forth keeps "dirty" exact when undo returns to the saved state
        changeCount += after ? 1 : -1;
        fireFrames(frames);
        if (objs != null) {
            fireObjects();
        }
        fireDirty();
        journal.schedule(this, frames);
    }

    private void changed(SortedSet<Integer> frames, boolean objectsChanged) {
        changeCount++;
        if (!frames.isEmpty()) {
            fireFrames(frames);
        }
        if (objectsChanged) {
            fireObjects();
        }
        fireDirty();
        journal.schedule(this, frames);
    }

    // ---- save

    /** What a save is called in lock files and {@code .vosbench-run}, as other runs are told. */
    static final String SAVE_WHAT = "workbench editor save";

    /**
     * The sequence folder was replaced by another run (a command-line run, another workbench) since this
     * document read it: saving would mix that run's frames with this document's, so nothing was written.
     */
    public static final class FolderReplacedException extends IOException {
        private static final long serialVersionUID = 1L;

        FolderReplacedException(Path folder, String byRun) {
            super(folder + ": replaced by run " + byRun + " since this editor opened it; nothing was saved (your"
                    + " changes are still in the editor): close the sequence and open it again to see that run's masks");
        }
    }

    /**
     * Saves the sequence folder as a whole, as every run's output is written (core's {@link RunOutput}): the
     * folder is locked for the save (a command-line run or another workbench writing it at the same moment
     * is refused, or refuses this save, with {@link org.vosbench.core.OutputInUseException} naming it), the
     * complete folder (every mask, the frame states, the objects) is written beside it and renamed over it,
     * so a reader, a crash or another run never sees a mix of two writers' frames; unchanged masks are
     * copied, changed ones encoded. A folder another run replaced since the document read it is refused
     * ({@link FolderReplacedException}). The recovery journal is discarded once the folder is in place
     * (its entries hold absolute values, so a crash in between replays to what was saved).
     */
    public void save() throws IOException {
        journal.flush();
        boolean firstSave = !Files.isRegularFile(workDir.resolve(FRAMES_FILE));
        try (RunOutput run = RunOutput.begin(SAVE_WHAT + " (" + sequence.name() + ")", true)) {
            RunOutput.Folder folder = run.claim(workDir);
            String onDisk = runIdOf(workDir);
            if (!Objects.equals(onDisk, readRunId)) {
                throw new FolderReplacedException(workDir, onDisk == null ? "(unknown)" : onDisk);
            }
            for (int i = 0; i < states.length; i++) {
                if (states[i] == FrameState.NONE) {
                    continue;
                }
                Path to = SequenceFolder.maskFile(folder.staging(), sequence, i);
                if (!firstSave && !touched.get(i) && Files.isRegularFile(maskFile(i))) {
                    io.copy(maskFile(i), to);
                } else {
                    io.writeMask(to, mask(i));
                }
            }
            io.writeString(folder.file(OBJECTS_FILE), SequenceFolder.objectsText(objects));
            io.writeString(folder.file(FRAMES_FILE), statesText());
            folder.commit();
            readRunId = run.runId();
        }
        for (int i = 0; i < states.length; i++) {
            maskSources[i] = states[i] == FrameState.NONE ? null : maskFile(i);
        }
        touched.clear();
        savedChangeCount = changeCount;
        journal.discard();
        fireDirty();
    }

    /** @return the run id written in the folder by the last save, or of the run that wrote it as it was read */
    public String savedRunId() {
        return readRunId;
    }

    /** The run named in a folder's {@link RunOutput#RUN_FILE}, or null (never saved, or saved before runs were named). */
    private static String runIdOf(Path folder) throws IOException {
        Path file = folder.resolve(RunOutput.RUN_FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p.getProperty("run");
    }

    /**
     * Writes the document's masks as they are now (every frame that has one), with their states and the
     * objects, into {@code dir} as a {@link SequenceFolder}: a run's own record of its output, which later
     * edits of the document never change. Each file is written atomically; the caller renames the folder
     * into place when it is whole.
     */
    public void writeSnapshot(Path dir) throws IOException {
        java.nio.file.Files.createDirectories(dir);
        for (int i = 0; i < states.length; i++) {
            if (states[i] != FrameState.NONE && mask(i) != null) {
                org.vosbench.core.MaskIO.write(SequenceFolder.maskFile(dir, sequence, i), mask(i));
            }
        }
        org.vosbench.core.AtomicFiles.writeString(dir.resolve(OBJECTS_FILE), SequenceFolder.objectsText(objects));
        org.vosbench.core.AtomicFiles.writeString(dir.resolve(FRAMES_FILE), statesText());
    }

    String statesText() {
        Map<Integer, FrameState> all = new HashMap<>();
        for (int i = 0; i < states.length; i++) {
            all.put(i, states[i]);
        }
        return SequenceFolder.statesText(sequence, all);
    }

    // ---- recovery

    /** Whether a journal of unsaved edits from an earlier session is waiting. */
    public boolean hasRecovery() {
        return journal.exists();
    }

    /** Loads the journal's frames, states and objects as unsaved changes (undo history starts afresh). */
    public void recover() throws IOException {
        RecoveryJournal.Content content = journal.read(sequence);
        SortedSet<Integer> frames = new TreeSet<>();
        for (Map.Entry<Integer, FrameState> e : content.states().entrySet()) {
            int i = e.getKey();
            states[i] = e.getValue();
            masks[i] = content.masks().get(i);
            maskSources[i] = null;
            touched.set(i);
            frames.add(i);
        }
        if (content.objects() != null) {
            objects = new ArrayList<>(content.objects());
        }
        history.dispose(undoContext, true, true, false);
        changed(frames, true);
    }

    /** Deletes the journal without using it. */
    public void discardRecovery() throws IOException {
        journal.discard();
    }

    /** Waits until the journal has caught up with every change (tests, and before closing). */
    public void flushJournal() {
        journal.flush();
    }

    /** Forgets the undo history and stops the journal; a dirty document keeps its journal for recovery. */
    public void close() {
        closed = true;
        history.dispose(undoContext, true, true, true);
        journal.close();
    }

    // ---- events

    private void fireFrames(SortedSet<Integer> frames) {
        SortedSet<Integer> view = Collections.unmodifiableSortedSet(frames);
        listeners.forEach(l -> l.framesChanged(view));
    }

    private void firePersonEdited(SortedSet<Integer> frames) {
        SortedSet<Integer> view = Collections.unmodifiableSortedSet(frames);
        listeners.forEach(l -> l.personEdited(view));
    }

    private void fireObjects() {
        listeners.forEach(Listener::objectsChanged);
    }

    private void fireDirty() {
        boolean dirty = isDirty();
        listeners.forEach(l -> l.dirtyChanged(dirty));
    }
}
