package org.vosbench.engine.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.vosbench.engine.Backbone;
import org.vosbench.engine.BackboneProvider;
import org.vosbench.engine.ContributionInfo;
import org.vosbench.engine.EngineDevice;
import org.vosbench.engine.EngineException;
import org.vosbench.engine.EngineRegistry;
import org.vosbench.engine.FrameFeatures;
import org.vosbench.engine.Similarity;

/**
 * A hand-checkable backbone: stride 1, the key of a pixel is its colour, the value its mask
 * probability, and decoding returns the readout. With top-k 1 each pixel takes the mask value of
 * the memory pixel whose colour is nearest, so expected labels can be worked out by hand.
 */
final class ColourBackbone implements Backbone {

    record Features(NDArray key) implements FrameFeatures {
    }

    @Override
    public String id() {
        return "colour";
    }

    @Override
    public int stride() {
        return 1;
    }

    @Override
    public int padMultiple() {
        return 1;
    }

    @Override
    public FrameFeatures encodeKey(NDManager manager, NDArray image) {
        return new Features(image);
    }

    @Override
    public NDArray encodeValue(FrameFeatures features, NDArray image, NDArray masks, NDArray others) {
        return masks;
    }

    @Override
    public NDArray decode(FrameFeatures features, NDArray readout) {
        return readout.clip(0, 1);
    }

    @Override
    public void close() {
        // no parameters
    }

    /** A registry with this backbone ({@code colour}) and the L2 similarity. */
    static final class Registry implements EngineRegistry {
        @Override
        public List<ContributionInfo> backbones() {
            return List.of(new ContributionInfo("colour", "Colour", false, "test", ""));
        }

        @Override
        public List<ContributionInfo> similarities() {
            return List.of(new ContributionInfo("l2", "L2", false, "test", ""));
        }

        @Override
        public BackboneProvider backbone(String id) {
            if (!id.equals("colour")) {
                throw new EngineException("Unknown backbone '" + id + "'");
            }
            return (Optional<Path> weights, EngineDevice device, NDManager manager) -> new ColourBackbone();
        }

        @Override
        public Similarity similarity(String id) {
            return new L2Similarity();
        }
    }
}
