package org.vosbench.ui.editor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.commands.operations.DefaultOperationHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosbench.core.LabelMask;
import org.vosbench.dataset.SequenceRef;

/**
 * Kills the editor at every file operation of an edit / propagate / undo / redo / save sequence and
 * checks that the journal then recovers exactly the document as it was after the last change that was
 * committed (or the one after it, when the process died in its clean-up): nothing is lost but the change
 * being written, nothing is half-applied, and recovery never fails.
 * <p>
 * "Killed at operation k" means operations 0..k-1 of the journal and the save ran and none after: the
 * process is gone, its half-written files stay as they are.
 */
class RecoveryJournalKillTest {

    @TempDir
    Path work;

    /** Counts the file operations; from {@code killAt} on every operation fails, as in a dead process. */
    static final class KillableIo implements RecoveryJournal.Io {
        final AtomicInteger ops = new AtomicInteger();
        final int killAt;

        KillableIo(int killAt) {
            this.killAt = killAt;
        }

        boolean killed() {
            return ops.get() > killAt;
        }

        private void step() throws IOException {
            if (ops.getAndIncrement() >= killAt) {
                throw new IOException("killed");
            }
        }

        @Override
        public void createDirectories(Path dir) throws IOException {
            step();
            RecoveryJournal.Io.super.createDirectories(dir);
        }

        @Override
        public void writeMask(Path png, LabelMask mask) throws IOException {
            step();
            RecoveryJournal.Io.super.writeMask(png, mask);
        }

        @Override
        public void writeString(Path file, String text) throws IOException {
            step();
            RecoveryJournal.Io.super.writeString(file, text);
        }

        @Override
        public void copy(Path from, Path to) throws IOException {
            step();
            RecoveryJournal.Io.super.copy(from, to);
        }

        @Override
        public void move(Path from, Path to) throws IOException {
            step();
            RecoveryJournal.Io.super.move(from, to);
        }

        @Override
        public void delete(Path file) throws IOException {
            step();
            RecoveryJournal.Io.super.delete(file);
        }
    }

    /** What a person sees of a document: each frame's state and mask, and the objects. */
    record Seen(List<FrameState> states, List<LabelMask> masks, List<AnnotatedObject> objects) {
        static Seen of(SequenceDocument d) {
            List<FrameState> s = new ArrayList<>();
            List<LabelMask> m = new ArrayList<>();
            for (int i = 0; i < d.frameCount(); i++) {
                s.add(d.state(i));
                m.add(d.mask(i) == null ? null : d.mask(i).copy());
            }
            return new Seen(s, m, List.copyOf(d.objects()));
        }

        String differenceFrom(Seen o) {
            for (int i = 0; i < states.size(); i++) {
                if (states.get(i) != o.states.get(i) || !Objects.equals(masks.get(i), o.masks.get(i))) {
                    return "frame " + i + ": " + states.get(i) + " vs " + o.states.get(i);
                }
            }
            return objects.equals(o.objects) ? null : "objects " + objects + " vs " + o.objects;
        }
    }

    private static void undo(SequenceDocument d) {
        try {
            d.history().undo(d.undoContext(), null, null);
        } catch (ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    private static void redo(SequenceDocument d) {
        try {
            d.history().redo(d.undoContext(), null, null);
        } catch (ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    private static void stroke(SequenceDocument d, int frame, int x, int label) {
        d.edit(frame, "stroke", m -> MaskPainter.paintDisc(m, x, 40, 12, label));
    }

    /**
     * A propagation of frames first..last as one change per frame (the journal keeps each propagated
     * frame as soon as it is written, so a crash mid-run keeps the frames already propagated), one undo
     * step at the end.
     */
    private static void propagate(List<Consumer<SequenceDocument>> steps, int first, int last) {
        PropagationRecorder[] recorder = new PropagationRecorder[1];
        for (int f = first; f <= last; f++) {
            int frame = f;
            steps.add(d -> {
                if (frame == first) {
                    recorder[0] = d.recordPropagation("propagate");
                }
                LabelMask m = d.mask(0).copy();
                MaskPainter.paintDisc(m, 100 + 20 * frame, 100, 10, 1);
                recorder[0].write(frame, m);
                if (frame == last) {
                    recorder[0].finish();
                }
            });
        }
    }

    /** The sequence and more: each step one change to the document. */
    private static List<Consumer<SequenceDocument>> script() {
        List<Consumer<SequenceDocument>> steps = new ArrayList<>();
        steps.add(d -> stroke(d, 1, 300, 1));
        propagate(steps, 2, 5);
        steps.add(RecoveryJournalKillTest::undo);
        steps.add(RecoveryJournalKillTest::redo);
        steps.add(d -> stroke(d, 3, 400, 1));
        steps.add(d -> {
            try {
                d.save();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        steps.add(RecoveryJournalKillTest::undo);
        steps.add(RecoveryJournalKillTest::redo);
        steps.add(d -> stroke(d, 6, 500, 1));
        steps.add(d -> d.addObject());
        steps.add(d -> stroke(d, 6, 250, 2));
        steps.add(RecoveryJournalKillTest::undo);
        return steps;
    }

    @Test
    void killedAtEveryFileOperationRecoversTheLastCompleteChange() throws Exception {
        SequenceRef seq = SharedData.davisSequence(SharedData.davisReal(), "car-roundabout");
        List<Consumer<SequenceDocument>> steps = script();

        // a run that is never killed: what the person saw after each step, and the operations it took
        KillableIo counting = new KillableIo(Integer.MAX_VALUE);
        Path clean = work.resolve("clean");
        SequenceDocument d0 = SequenceDocument.open(seq, clean, new DefaultOperationHistory(), counting);
        List<Seen> seen = new ArrayList<>();
        List<Integer> opsAfter = new ArrayList<>();
        seen.add(Seen.of(d0));
        opsAfter.add(0);
        for (Consumer<SequenceDocument> step : steps) {
            step.accept(d0);
            d0.flushJournal();
            seen.add(Seen.of(d0));
            opsAfter.add(counting.ops.get());
        }
        d0.close();
        int total = counting.ops.get();
        assertTrue(total > 30, "the sequence does " + total + " file operations");

        for (int k = 0; k <= total; k++) {
            Path dir = work.resolve("kill-" + k);
            KillableIo io = new KillableIo(k);
            SequenceDocument d = SequenceDocument.open(seq, dir, new DefaultOperationHistory(), io);
            for (Consumer<SequenceDocument> step : steps) {
                try {
                    step.accept(d);
                } catch (RuntimeException e) {
                    // a save that failed because the process died
                }
                d.flushJournal();
                if (io.killed()) {
                    break;
                }
            }
            d.close();

            int complete = 0;
            while (complete + 1 < opsAfter.size() && opsAfter.get(complete + 1) <= k) {
                complete++;
            }
            SequenceDocument next = SequenceDocument.open(seq, dir, new DefaultOperationHistory());
            if (next.hasRecovery()) {
                next.recover();
                next.flushJournal();
            }
            // the step being written when the process died is either lost whole or, when its commit (the
            // rename of an entry or of the discarded journal) had happened, kept whole; never a mixture
            Seen recovered = Seen.of(next);
            String lost = recovered.differenceFrom(seen.get(complete));
            String kept = complete + 1 < seen.size() ? recovered.differenceFrom(seen.get(complete + 1)) : lost;
            assertTrue(lost == null || kept == null, "killed at operation " + k + " of " + total + " (after step "
                    + complete + "): " + lost + " / " + kept);
            next.close();
        }
    }
}
