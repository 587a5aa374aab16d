package org.vosbench.ui.editor;

import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.concurrent.CopyOnWriteArrayList;

/** The listeners of one {@link SequenceDocument} and the events it sends them (on the thread that changed it). */
final class DocumentEvents {

    private final List<SequenceDocument.Listener> listeners = new CopyOnWriteArrayList<>();

    void add(SequenceDocument.Listener listener) {
        listeners.add(listener);
    }

    void remove(SequenceDocument.Listener listener) {
        listeners.remove(listener);
    }

    void framesChanged(SortedSet<Integer> frames) {
        SortedSet<Integer> view = Collections.unmodifiableSortedSet(frames);
        listeners.forEach(l -> l.framesChanged(view));
    }

    void personEdited(SortedSet<Integer> frames) {
        SortedSet<Integer> view = Collections.unmodifiableSortedSet(frames);
        listeners.forEach(l -> l.personEdited(view));
    }

    void objectsChanged() {
        listeners.forEach(SequenceDocument.Listener::objectsChanged);
    }

    void dirtyChanged(boolean dirty) {
        listeners.forEach(l -> l.dirtyChanged(dirty));
    }
}
