package org.vosbench.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import org.vosbench.core.InvalidInputException;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;

/**
 * Where a sequence's object ids come from: a list the format already knows (YouTube-VOS
 * {@code meta.json}), or the masks, decoded the first time someone asks.
 */
@FunctionalInterface
public interface ObjectIdSource {

    /** @return the sequence's object ids (labels 1..254), ascending */
    SortedSet<Integer> objectIds(SequenceRef sequence) throws IOException;

    /** @return whether {@link #objectIds} answers without decoding anything */
    default boolean isKnownWithoutDecoding() {
        return false;
    }

    /** Ids known up front, e.g. from a {@code meta.json}. */
    static ObjectIdSource known(Set<Integer> ids) {
        SortedSet<Integer> copy = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(ids));
        return new ObjectIdSource() {
            @Override
            public SortedSet<Integer> objectIds(SequenceRef sequence) {
                return copy;
            }

            @Override
            public boolean isKnownWithoutDecoding() {
                return true;
            }
        };
    }

    /**
     * The labels of the first annotated frame (DAVIS, BL30K; as davis2017-evaluation, which takes
     * the objects of a sequence from its first ground-truth frame). No annotated frame: no objects.
     */
    static ObjectIdSource firstAnnotatedFrame() {
        return sequence -> {
            if (sequence.groundTruth().isEmpty()) {
                return new TreeSet<>();
            }
            return read(sequence.groundTruth().get(sequence.groundTruth().firstKey()));
        };
    }

    /**
     * DAVIS 2016: every object of the first annotated frame merged into object 1, as
     * davis2017-evaluation does for the 2016 task.
     */
    static ObjectIdSource singleObject() {
        return sequence -> {
            SortedSet<Integer> ids = firstAnnotatedFrame().objectIds(sequence);
            return ids.isEmpty() ? ids : new TreeSet<>(Set.of(1));
        };
    }

    /**
     * The union of the labels of every given mask: objects may first appear on any annotated
     * frame (STCN's {@code eval_generic.py}, YouTube-VOS without a {@code meta.json}).
     */
    static ObjectIdSource unionOfAnnotations() {
        return sequence -> {
            SortedSet<Integer> ids = new TreeSet<>();
            for (Path mask : sequence.annotations().values()) {
                ids.addAll(read(mask));
            }
            return ids;
        };
    }

    private static SortedSet<Integer> read(Path mask) throws InvalidInputException {
        LabelMask labels = MaskIO.read(mask);
        return new TreeSet<>(labels.objectIds());
    }
}
