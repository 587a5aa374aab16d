package org.vosbench.engine.stcn.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

import org.vosbench.engine.Backbone;
import org.vosbench.engine.FrameFeatures;

/** STCN as a {@link Backbone}: stride 16, frames padded to a multiple of 16. */
final class StcnBackbone implements Backbone {

    private static final double[] MEAN = {0.485, 0.456, 0.406};
    private static final double[] STD = {0.229, 0.224, 0.225};

    private final StcnNetwork network;
    private final DataType dataType;
    private final DataType sessionType;
    private final NDArray mean;
    private final NDArray std;

    /** What {@code encode_key} returns: k16, f16_thin, f16, f8, f4. */
    record Features(NDArray key, NDArray f16Thin, NDArray f16, NDArray f8, NDArray f4) implements FrameFeatures {
    }

    /**
     * @param network the loaded network
     * @param manager owns the normalisation constants
     * @param dataType the network's type (float64, float32, float16)
     * @param sessionType the type of the arrays exchanged with the engine (float64 or float32)
     */
    StcnBackbone(StcnNetwork network, NDManager manager, DataType dataType, DataType sessionType) {
        this.network = network;
        this.dataType = dataType;
        this.sessionType = sessionType;
        // torchvision's Normalize makes its mean/std tensors of the image's type from Python floats
        this.mean = manager.create(MEAN, new Shape(1, 3, 1, 1)).toType(sessionType, false);
        this.std = manager.create(STD, new Shape(1, 3, 1, 1)).toType(sessionType, false);
    }

    @Override
    public String id() {
        return "stcn";
    }

    @Override
    public int stride() {
        return 16;
    }

    @Override
    public int padMultiple() {
        return 16;
    }

    /** ImageNet normalisation, as the official test datasets ({@code im_normalization}). */
    @Override
    public NDArray normalize(NDArray image) {
        return image.sub(mean).div(std);
    }

    @Override
    public FrameFeatures encodeKey(NDManager manager, NDArray image) {
        NDArray input = toCompute(image);
        NDArray[] f = network.keyEncoder(input);
        NDArray key = toSession(network.keyProjection(f[0]));
        NDArray thin = network.keyCompression(f[0]);
        return new Features(key, thin, f[0], f[1], f[2]);
    }

    @Override
    public NDArray encodeValue(FrameFeatures features, NDArray image, NDArray masks, NDArray others) {
        Features f = (Features) features;
        return toSession(network.valueEncoder(toCompute(image), f.f16(), toCompute(masks), toCompute(others)));
    }

    @Override
    public NDArray decode(FrameFeatures features, NDArray readout) {
        Features f = (Features) features;
        NDArray logits = network.decoder(toCompute(readout), f.f16Thin(), f.f8(), f.f4());
        return Activation.sigmoid(toSession(logits));
    }

    private NDArray toCompute(NDArray x) {
        return x.getDataType() == dataType ? x : x.toType(dataType, false);
    }

    private NDArray toSession(NDArray x) {
        return x.getDataType() == sessionType ? x : x.toType(sessionType, false);
    }

    @Override
    public void close() {
        network.close();
    }
}
