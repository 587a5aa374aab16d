package org.vosbench.ui.editor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.ToIntFunction;

import org.eclipse.core.commands.operations.IOperationHistory;
import org.eclipse.core.commands.operations.IUndoContext;
import org.vosbench.core.Dimension2;
import org.vosbench.core.ImageReader;
import org.vosbench.core.LabelMask;
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
 * The jobs are split: {@link MaskStore} holds the masks and frame states in memory, {@link UndoHistory}
 * the operation history and dirty count, {@link DocumentFolder} reads and saves the documented
 * {@link SequenceFolder} store, {@link RecoveryJournal} the journal and {@link DocumentEvents} the
 * listeners; this class is the facade that keeps them in step for each edit.
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
    private final MaskStore masks;
    private final UndoHistory undo;
    private final DocumentFolder folder;
    private final RecoveryJournal journal;
    private final DocumentEvents events = new DocumentEvents();
    private List<AnnotatedObject> objects;
    private boolean closed;

    // the edit in progress (a brush stroke between mouse down and up)
    private int editFrame = -1;
    private MaskSnapshot editBefore;
    private FrameState editBeforeState;

    private SequenceDocument(SequenceRef sequence, Path workDir, IOperationHistory history, Dimension2 size,
            RecoveryJournal.Io journalIo) {
        this.sequence = sequence;
        this.masks = new MaskStore(sequence.length(), size.width(), size.height());
        this.undo = new UndoHistory(history, this, sequence.name());
        this.folder = new DocumentFolder(sequence, workDir, journalIo);
        this.journal = new RecoveryJournal(workDir, journalIo);
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
        doc.objects = doc.folder.load(doc.masks);
        return doc;
    }

    // ---- reading

    public SequenceRef sequence() {
        return sequence;
    }

    public String name() {
        return sequence.name();
    }

    public Path workDir() {
        return folder.workDir();
    }

    public int frameCount() {
        return masks.frameCount();
    }

    public int width() {
        return masks.width();
    }

    public int height() {
        return masks.height();
    }

    public FrameState state(int frame) {
        return masks.state(frame);
    }

    /** The file a frame's mask is saved to. */
    public Path maskFile(int frame) {
        return folder.maskFile(frame);
    }

    /**
     * The frame's mask, read on first use; null when the frame has none. The returned mask is live:
     * change it only through the editing methods.
     */
    public LabelMask mask(int frame) {
        return masks.mask(frame);
    }

    public List<AnnotatedObject> objects() {
        return Collections.unmodifiableList(objects);
    }

    public Optional<AnnotatedObject> object(int id) {
        return objects.stream().filter(o -> o.id() == id).findFirst();
    }

    /** Frames a person made (annotated or edited), ascending. */
    public SortedSet<Integer> personFrames() {
        return masks.personFrames();
    }

    /** Frames in a state, ascending. */
    public SortedSet<Integer> framesIn(FrameState state) {
        return masks.framesIn(state);
    }

    public IUndoContext undoContext() {
        return undo.context();
    }

    public IOperationHistory history() {
        return undo.history();
    }

    public boolean isDirty() {
        return undo.isDirty();
    }

    public boolean isClosed() {
        return closed;
    }

    public void addListener(Listener listener) {
        events.add(listener);
    }

    public void removeListener(Listener listener) {
        events.remove(listener);
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
        LabelMask current = masks.mask(frame);
        editBefore = MaskSnapshot.of(current);
        editBeforeState = masks.state(frame);
        return current != null ? current : masks.createEmpty(frame);
    }

    /** Tells listeners that the frame being edited changed, for live feedback during a stroke. */
    public void editProgressed() {
        if (editFrame >= 0) {
            events.framesChanged(new TreeSet<>(List.of(editFrame)));
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
        LabelMask after = masks.mask(frame);
        boolean changed = editBefore == null ? !isAllBackground(after) : !editBefore.restore().equals(after);
        if (!changed) {
            if (editBefore == null) {
                masks.dropEmpty(frame);
            }
            events.framesChanged(new TreeSet<>(List.of(frame)));
            return false;
        }
        FrameState afterState = editBeforeState.afterPersonEdit();
        masks.set(frame, after, afterState);
        DocumentOperation op = new DocumentOperation(label, this, List.of(new DocumentOperation.FrameChange(frame,
                editBefore, editBeforeState, MaskSnapshot.of(after), afterState)), null, null);
        editBefore = null;
        changed(new TreeSet<>(List.of(frame)), false);
        undo.add(op);
        events.personEdited(new TreeSet<>(List.of(frame)));
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
        events.objectsChanged();
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
        undo.add(op);
    }

    /** Deletes an object from the list and its pixels from every frame, as one undoable step. */
    public void deleteObject(int id) {
        AnnotatedObject o = object(id).orElseThrow();
        List<DocumentOperation.FrameChange> changes = new ArrayList<>();
        SortedSet<Integer> frames = new TreeSet<>();
        for (int i = 0; i < masks.frameCount(); i++) {
            LabelMask m = masks.mask(i);
            if (m == null) {
                continue;
            }
            MaskSnapshot before = MaskSnapshot.of(m);
            if (MaskPainter.erase(m, id) > 0) {
                FrameState beforeState = masks.state(i);
                FrameState after = beforeState.afterPersonEdit();
                changes.add(new DocumentOperation.FrameChange(i, before, beforeState, MaskSnapshot.of(m), after));
                masks.set(i, m, after);
                frames.add(i);
            }
        }
        List<AnnotatedObject> after = new ArrayList<>(objects);
        after.remove(o);
        DocumentOperation op = new DocumentOperation("Delete " + o.name(), this, changes, objects, after);
        objects = after;
        changed(frames, true);
        undo.add(op);
        if (!frames.isEmpty()) {
            events.personEdited(frames);
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
        if (masks.state(frame).isPersonMade()) {
            throw new IllegalArgumentException("Frame " + frame + " was made by a person; propagation keeps it");
        }
        if (mask.width() != masks.width() || mask.height() != masks.height()) {
            throw new IllegalArgumentException("Propagated mask " + mask.width() + "x" + mask.height()
                    + " does not match the frames " + masks.width() + "x" + masks.height());
        }
        MaskSnapshot before = MaskSnapshot.of(masks.mask(frame));
        FrameState beforeState = masks.state(frame);
        masks.set(frame, mask, FrameState.PROPAGATED);
        changed(new TreeSet<>(List.of(frame)), false);
        return new DocumentOperation.FrameChange(frame, before, beforeState, MaskSnapshot.of(mask),
                FrameState.PROPAGATED);
    }

    void addToHistory(DocumentOperation op) {
        undo.add(op);
    }

    /** Undo/redo of an operation: restores one side of each change. */
    void apply(DocumentOperation op, boolean after) {
        SortedSet<Integer> frames = new TreeSet<>();
        for (DocumentOperation.FrameChange c : op.changes()) {
            MaskSnapshot s = after ? c.after() : c.before();
            masks.set(c.frame(), s == null ? null : s.restore(), after ? c.afterState() : c.beforeState());
            frames.add(c.frame());
        }
        List<AnnotatedObject> objs = op.objects(after);
        if (objs != null) {
            objects = new ArrayList<>(objs);
        }
        undo.replayed(after);
        events.framesChanged(frames);
        if (objs != null) {
            events.objectsChanged();
        }
        events.dirtyChanged(isDirty());
        journal.schedule(this, frames);
    }

    private void changed(SortedSet<Integer> frames, boolean objectsChanged) {
        undo.changed();
        if (!frames.isEmpty()) {
            events.framesChanged(frames);
        }
        if (objectsChanged) {
            events.objectsChanged();
        }
        events.dirtyChanged(isDirty());
        journal.schedule(this, frames);
    }

    // ---- save

    /** What a save is called in lock files and {@code .vosbench-run}, as other runs are told. */
    static final String SAVE_WHAT = DocumentFolder.SAVE_WHAT;

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
        folder.save(masks, objects);
        undo.saved();
        journal.discard();
        events.dirtyChanged(isDirty());
    }

    /** @return the run id written in the folder by the last save, or of the run that wrote it as it was read */
    public String savedRunId() {
        return folder.readRunId();
    }

    /**
     * Writes the document's masks as they are now (every frame that has one), with their states and the
     * objects, into {@code dir} as a {@link SequenceFolder}: a run's own record of its output, which later
     * edits of the document never change. Each file is written atomically; the caller renames the folder
     * into place when it is whole.
     */
    public void writeSnapshot(Path dir) throws IOException {
        folder.writeSnapshot(dir, masks, objects);
    }

    String statesText() {
        return folder.statesText(masks);
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
            masks.set(i, content.masks().get(i), e.getValue());
            frames.add(i);
        }
        if (content.objects() != null) {
            objects = new ArrayList<>(content.objects());
        }
        undo.dispose(false);
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
        undo.dispose(true);
        journal.close();
    }
}
