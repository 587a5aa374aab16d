package org.vosbench.ui.editor;

import java.util.function.IntConsumer;
import java.util.function.IntSupplier;

import org.eclipse.swt.widgets.Control;

/**
 * Plays a sequence forward at 25 frames per second on the display's timer, until the last frame or
 * {@link #stop}. It only moves the current frame; showing it is the editor's job.
 */
final class Playback {

    static final int INTERVAL_MS = 40;

    private final Control owner;
    private final IntSupplier current;
    private final IntSupplier frameCount;
    private final IntConsumer show;
    private boolean playing;

    Playback(Control owner, IntSupplier current, IntSupplier frameCount, IntConsumer show) {
        this.owner = owner;
        this.current = current;
        this.frameCount = frameCount;
        this.show = show;
    }

    boolean isPlaying() {
        return playing;
    }

    void toggle() {
        playing = !playing;
        if (playing) {
            owner.getDisplay().timerExec(INTERVAL_MS, this::step);
        }
    }

    void stop() {
        playing = false;
    }

    private void step() {
        if (!playing || owner.isDisposed()) {
            return;
        }
        if (current.getAsInt() >= frameCount.getAsInt() - 1) {
            playing = false;
            return;
        }
        show.accept(current.getAsInt() + 1);
        owner.getDisplay().timerExec(INTERVAL_MS, this::step);
    }
}
