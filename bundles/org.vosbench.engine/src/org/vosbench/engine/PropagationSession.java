package org.vosbench.engine;

import java.util.List;

import org.vosbench.core.LabelMask;
import org.vosbench.core.RgbImage;

/**
 * One stateful propagation over one sequence (modelled on the {@code step()} API of the
 * STCN/Cutie inference cores). Not thread-safe: one caller steps it.
 *
 * <p>Each step encodes the frame once (the key is shared by all objects), reads memory for the
 * known objects, decodes one probability map per object, applies soft aggregation and lets the
 * memory policy decide whether the frame enters memory. A mask passed to a step adds the
 * objects it contains from that frame on (ids may be non-contiguous and are kept); where it
 * labels pixels it overrides the propagated objects (STCN's YouTube-VOS protocol,
 * {@code inference_core_yv.py}). Every object has its own memory, starting at the frame where
 * it was given; objects with the same memory frames share one memory read.
 */
public interface PropagationSession extends AutoCloseable {

    /**
     * Same as {@link #step(int, RgbImage, LabelMask, boolean) step(frameIndex, image, mask, false)}.
     *
     * @param frameIndex index of the frame in the sequence
     * @param image the frame
     * @param maskOrNull a given mask (0 background, object ids, 255 void = background), or null
     * @return the frame's labels and probabilities
     */
    default StepResult step(int frameIndex, RgbImage image, LabelMask maskOrNull) {
        return step(frameIndex, image, maskOrNull, false);
    }

    /**
     * Processes one frame.
     *
     * @param frameIndex index of the frame in the sequence (memory intervals count in frames)
     * @param image the frame; all frames of a session have the same size
     * @param maskOrNull a given mask of the same size, or null to propagate
     * @param lastInPass true when no further frame will be stepped in this pass, so the frame
     *        is not memorised (as STCN, which never memorises the pass's last frame)
     * @return the frame's labels and probabilities
     * @throws IllegalArgumentException when the image or mask size differs from the first frame,
     *         or a mask brings more objects than the engine supports (254)
     * @throws IllegalStateException when there is no object yet and no mask is given
     */
    StepResult step(int frameIndex, RgbImage image, LabelMask maskOrNull, boolean lastInPass);

    /** @return the object ids known so far, in order of appearance */
    List<Integer> objectIds();

    /** @return the frame indices currently in memory (permanent frames), oldest first */
    List<Integer> memoryFrames();

    /** @return the settings the session was opened with */
    SessionSettings settings();

    /**
     * Releases the memory tensors and the session's hold on its backbone (which the service
     * keeps for reuse or closes once no session uses it). Closing again does nothing.
     */
    @Override
    void close();
}
