package org.vosbench.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * A loaded network (one instance per loaded set of weights): encodes keys and values and
 * decodes masks. The engine owns memory, similarity, top-k and aggregation; a backbone never
 * reads memory itself.
 *
 * <p>Precision: the engine hands every array in the session's type,
 * {@link EngineDevice#precision()}{@code .sessionType()} (float64 in {@code fp64}, float32
 * otherwise), and expects keys, values and probabilities back in that type. The backbone learned
 * the precision when it was loaded ({@link BackboneProvider#load}); what it computes inside (e.g.
 * bfloat16 convolutions in {@code bf16}) is its own affair.
 *
 * <p>Shapes: {@code H x W} is the frame size padded to {@link #padMultiple()}; {@code h x w =
 * H/stride x W/stride}; {@code K} the number of objects in the call.
 */
public interface Backbone extends AutoCloseable {

    /** @return the backbone's id, as in the extension */
    String id();

    /** @return output stride of keys and values (16 for STCN, 8 for the weight-free one) */
    int stride();

    /** @return frames are zero-padded (after {@link #normalize}) to a multiple of this */
    int padMultiple();

    /**
     * Normalises an image before padding (STCN: ImageNet mean and standard deviation), so the
     * zero padding happens in normalised space as in the official code.
     *
     * @param image {@code 1 x 3 x H0 x W0}, RGB in [0, 1], unpadded
     * @return the normalised image, same shape (default: unchanged)
     */
    default NDArray normalize(NDArray image) {
        return image;
    }

    /**
     * Encodes a frame; called once per frame, the result is shared by all objects.
     *
     * @param manager the step's manager: all arrays created here belong to it
     * @param image {@code 1 x 3 x H x W}, normalised and padded
     * @return the key and the backbone's private features
     */
    FrameFeatures encodeKey(NDManager manager, NDArray image);

    /**
     * Encodes memory values of one frame for {@code K} objects.
     *
     * @param features what {@link #encodeKey} returned for this frame
     * @param image {@code 1 x 3 x H x W}, normalised and padded
     * @param masks {@code K x 1 x H x W}, each object's (soft) probability
     * @param others {@code K x 1 x H x W}, per object the sum of the other objects' probabilities
     * @return values {@code K x CV x h x w}
     */
    NDArray encodeValue(FrameFeatures features, NDArray image, NDArray masks, NDArray others);

    /**
     * Decodes one probability map per object from what was read out of memory.
     *
     * @param features what {@link #encodeKey} returned for this frame
     * @param readout {@code K x CV x h x w}, the memory readout per object
     * @return new probabilities {@code K x 1 x H x W} in [0, 1] (after the sigmoid, before aggregation);
     *         the engine closes {@code readout} after the call
     */
    NDArray decode(FrameFeatures features, NDArray readout);

    /** Releases the parameters. */
    @Override
    void close();
}
