package org.vosbench.interaction.s2m.internal;

import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import org.vosbench.core.ProgressMonitor;
import org.vosbench.engine.djl.PthReader.Tensor;

/**
 * MiVOS's {@code deeplabv3plus_resnet50(output_stride=16)} on DJL arrays, in the checkpoint's
 * operation order (batch norms not folded) so that float64 reproduces the official outputs.
 * Block names follow the state_dict keys.
 */
final class S2mNetwork {

    private static final float BN_EPS = 1e-5f;

    /** A convolution with its batch norm (mean, var, gamma, beta), or none. */
    private record Conv(NDArray weight, NDArray bias, int stride, int padding, int dilation, NDArray[] batchNorm) {
        NDArray apply(NDArray x) {
            NDArray y = x.getNDArrayInternal().convolution(x, weight, bias, new Shape(stride, stride),
                    new Shape(padding, padding), new Shape(dilation, dilation), 1).singletonOrThrow();
            if (batchNorm == null) {
                return y;
            }
            NDArray z = y.getNDArrayInternal()
                    .batchNorm(y, batchNorm[0], batchNorm[1], batchNorm[2], batchNorm[3], 1, 0.1f, BN_EPS, false)
                    .singletonOrThrow();
            y.close();
            return z;
        }
    }

    private final NDManager manager;
    private final DataType dataType;
    private Map<String, Tensor> tensors;

    private final Conv conv1;
    private final Conv[][][] layers; // layer, block: conv1, conv2, conv3, downsample (nullable)
    private final Conv project;
    private final Conv[] aspp; // 1x1, three atrous, pooling branch
    private final Conv asppProject;
    private final Conv fuse;
    private final Conv out;

    /**
     * @param tensors checked checkpoint tensors
     * @param manager owns the parameters
     * @param dataType float32 or float64
     */
    S2mNetwork(Map<String, Tensor> tensors, NDManager manager, DataType dataType) {
        this.manager = manager;
        this.dataType = dataType;
        this.tensors = tensors;
        conv1 = conv("backbone.conv1", "backbone.bn1", 2, 3, 1);
        layers = new Conv[4][][];
        int dilation = 1;
        for (int l = 0; l < 4; l++) {
            layers[l] = new Conv[S2mSpec.BLOCKS[l]][];
            int stride = l == 0 ? 1 : 2;
            int previousDilation = dilation;
            if (l == 3) {
                // replace_stride_with_dilation=[False, False, True]: layer4 dilates instead of striding;
                // its first block keeps the previous dilation, the others use the new one
                dilation *= stride;
                stride = 1;
            }
            for (int b = 0; b < S2mSpec.BLOCKS[l]; b++) {
                String n = "backbone.layer" + (l + 1) + "." + b;
                int d = b == 0 ? previousDilation : dilation;
                int s = b == 0 ? stride : 1;
                layers[l][b] = new Conv[] {conv(n + ".conv1", n + ".bn1", 1, 0, 1), conv(n + ".conv2", n + ".bn2", s, d, d),
                        conv(n + ".conv3", n + ".bn3", 1, 0, 1),
                        b == 0 ? conv(n + ".downsample.0", n + ".downsample.1", s, 0, 1) : null};
            }
        }
        project = conv("classifier.project.0", "classifier.project.1", 1, 0, 1);
        aspp = new Conv[5];
        aspp[0] = conv("classifier.aspp.convs.0.0", "classifier.aspp.convs.0.1", 1, 0, 1);
        for (int r = 1; r <= 3; r++) {
            int rate = S2mSpec.ASPP_RATES[r - 1];
            aspp[r] = conv("classifier.aspp.convs." + r + ".0", "classifier.aspp.convs." + r + ".1", 1, rate, rate);
        }
        aspp[4] = conv("classifier.aspp.convs.4.1", "classifier.aspp.convs.4.2", 1, 0, 1);
        asppProject = conv("classifier.aspp.project.0", "classifier.aspp.project.1", 1, 0, 1);
        fuse = conv("classifier.classifier.0", "classifier.classifier.1", 1, 1, 1);
        out = conv("classifier.classifier.3", null, 1, 0, 1);
        this.tensors = null;
    }

    private NDArray param(String key) {
        Tensor t = tensors.get(key);
        NDArray array = manager.create(t.data(), new Shape(t.shape()));
        if (dataType == DataType.FLOAT32) {
            return array;
        }
        NDArray cast = array.toType(dataType, false);
        array.close();
        return cast;
    }

    private Conv conv(String name, String bn, int stride, int padding, int dilation) {
        NDArray bias = tensors.containsKey(name + ".bias") ? param(name + ".bias") : null;
        NDArray[] norm = bn == null ? null
                : new NDArray[] {param(bn + ".running_mean"), param(bn + ".running_var"), param(bn + ".weight"),
                    param(bn + ".bias")};
        return new Conv(param(name + ".weight"), bias, stride, padding, dilation, norm);
    }

    /**
     * @param input {@code 1 x 6 x H x W} of the network's type, H and W multiples of 16: the
     *        normalised image, the previous mask, the positive and the negative scribbles
     * @param monitor cancellation, checked between the network's stages
     * @return logits {@code 1 x 1 x H x W}
     */
    NDArray forward(NDArray input, ProgressMonitor monitor) {
        Shape inputShape = input.getShape();
        NDArray x = relu(conv1.apply(input));
        NDArray pooled = x.getNDArrayInternal().maxPool(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1), false);
        x.close();
        x = pooled;
        NDArray lowLevel = null;
        for (int l = 0; l < 4; l++) {
            monitor.checkCanceled();
            for (Conv[] block : layers[l]) {
                NDArray next = bottleneck(block, x);
                if (x != lowLevel) {
                    x.close();
                }
                x = next;
            }
            if (l == 0) {
                lowLevel = x;
            }
        }
        monitor.checkCanceled();
        NDArray low = relu(project.apply(lowLevel));
        lowLevel.close();
        NDArray features = asppForward(x);
        x.close();
        Shape lowShape = low.getShape();
        NDArray up = resize(features, lowShape.get(2), lowShape.get(3));
        NDArray both = NDArrays.concat(new NDList(low, up), 1);
        low.close();
        up.close();
        NDArray fused = relu(fuse.apply(both));
        both.close();
        NDArray logits = out.apply(fused);
        fused.close();
        NDArray full = resize(logits, inputShape.get(2), inputShape.get(3));
        logits.close();
        return full;
    }

    private NDArray asppForward(NDArray x) {
        Shape s = x.getShape();
        NDArray[] branches = new NDArray[5];
        for (int i = 0; i < 4; i++) {
            branches[i] = relu(aspp[i].apply(x));
        }
        // ASPPPooling: global average pool, 1x1 conv + bn + relu, bilinear back to the map's size
        // (a constant map: the interpolation of a 1x1 input)
        try (NDArray flat = x.reshape(s.get(0), s.get(1), s.get(2) * s.get(3));
                NDArray average = flat.mean(new int[] {2});
                NDArray mean = average.reshape(s.get(0), s.get(1), 1, 1);
                NDArray pooled = relu(aspp[4].apply(mean))) {
            branches[4] = pooled.broadcast(new Shape(s.get(0), pooled.getShape().get(1), s.get(2), s.get(3))).duplicate();
        }
        NDArray cat = NDArrays.concat(new NDList(branches), 1);
        for (NDArray b : branches) {
            b.close();
        }
        NDArray projected = relu(asppProject.apply(cat)); // Dropout(0.1): identity in eval mode
        cat.close();
        return projected;
    }

    private static NDArray resize(NDArray x, long height, long width) {
        // F.interpolate(mode='bilinear', align_corners=False); DJL always uses align_corners=False
        return x.getNDArrayInternal().interpolation(new long[] {height, width}, 1, false);
    }

    /** torchvision's Bottleneck (stride and dilation on the 3x3 convolution); keeps x. */
    private static NDArray bottleneck(Conv[] c, NDArray x) {
        NDArray y = relu(c[0].apply(x));
        NDArray z = relu(closing(c[1], y));
        NDArray w = closing(c[2], z);
        if (c[3] == null) {
            w.addi(x);
        } else {
            try (NDArray residual = c[3].apply(x)) {
                w.addi(residual);
            }
        }
        return relu(w);
    }

    private static NDArray closing(Conv conv, NDArray x) {
        NDArray y = conv.apply(x);
        x.close();
        return y;
    }

    private static NDArray relu(NDArray x) {
        NDArray y = x.getNDArrayInternal().relu();
        x.close();
        return y;
    }

    /** @return the type the network computes in */
    DataType dataType() {
        return dataType;
    }
}
