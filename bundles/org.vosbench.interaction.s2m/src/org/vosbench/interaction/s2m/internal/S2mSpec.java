package org.vosbench.interaction.s2m.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of MiVOS's {@code deeplabv3plus_resnet50} with their shapes, keyed exactly as
 * {@code s2m.pth}: {@code backbone.*} (ResNet-50, {@code conv1} on 6 channels, up to layer4;
 * {@code IntermediateLayerGetter} drops avgpool and fc) and {@code classifier.*}
 * ({@code DeepLabHeadV3Plus}: the 48-channel low-level projection, ASPP with 5 branches, the
 * 3x3 fusion and the 1-channel output).
 */
final class S2mSpec {

    /** ResNet-50's blocks per layer. */
    static final int[] BLOCKS = {3, 4, 6, 3};
    /** ResNet-50's planes per layer. */
    static final int[] PLANES = {64, 128, 256, 512};
    /** ASPP rates at output stride 16. */
    static final int[] ASPP_RATES = {6, 12, 18};

    private S2mSpec() {
    }

    /** @return key → shape, in the official order */
    static Map<String, long[]> expected() {
        Map<String, long[]> p = new LinkedHashMap<>();
        conv(p, "backbone.conv1", 64, 6, 7, false);
        bn(p, "backbone.bn1", 64);
        int in = 64;
        for (int l = 0; l < 4; l++) {
            for (int b = 0; b < BLOCKS[l]; b++) {
                String n = "backbone.layer" + (l + 1) + "." + b;
                int planes = PLANES[l];
                conv(p, n + ".conv1", planes, in, 1, false);
                bn(p, n + ".bn1", planes);
                conv(p, n + ".conv2", planes, planes, 3, false);
                bn(p, n + ".bn2", planes);
                conv(p, n + ".conv3", planes * 4, planes, 1, false);
                bn(p, n + ".bn3", planes * 4);
                if (b == 0) {
                    conv(p, n + ".downsample.0", planes * 4, in, 1, false);
                    bn(p, n + ".downsample.1", planes * 4);
                }
                in = planes * 4;
            }
        }
        conv(p, "classifier.project.0", 48, 256, 1, false);
        bn(p, "classifier.project.1", 48);
        conv(p, "classifier.aspp.convs.0.0", 256, 2048, 1, false);
        bn(p, "classifier.aspp.convs.0.1", 256);
        for (int r = 1; r <= 3; r++) {
            conv(p, "classifier.aspp.convs." + r + ".0", 256, 2048, 3, false);
            bn(p, "classifier.aspp.convs." + r + ".1", 256);
        }
        conv(p, "classifier.aspp.convs.4.1", 256, 2048, 1, false);
        bn(p, "classifier.aspp.convs.4.2", 256);
        conv(p, "classifier.aspp.project.0", 256, 5 * 256, 1, false);
        bn(p, "classifier.aspp.project.1", 256);
        conv(p, "classifier.classifier.0", 256, 304, 3, false);
        bn(p, "classifier.classifier.1", 256);
        conv(p, "classifier.classifier.3", 1, 256, 1, true);
        return p;
    }

    /** @return whether the key is a batch-norm counter, which inference does not use */
    static boolean isCounter(String key) {
        return key.endsWith(".num_batches_tracked");
    }

    private static void conv(Map<String, long[]> p, String name, int out, int in, int kernel, boolean bias) {
        p.put(name + ".weight", new long[] {out, in, kernel, kernel});
        if (bias) {
            p.put(name + ".bias", new long[] {out});
        }
    }

    private static void bn(Map<String, long[]> p, String name, int channels) {
        for (String s : new String[] {"weight", "bias", "running_mean", "running_var"}) {
            p.put(name + "." + s, new long[] {channels});
        }
        p.put(name + ".num_batches_tracked", new long[0]);
    }
}
