package org.vosbench.engine.stcn.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of STCN's evaluation network ({@code model/eval_network.py}) with their
 * shapes, keyed exactly as the official state_dict: the ResNet-50 key encoder to layer3 (its
 * convolutions without bias), the ResNet-18 value encoder with 5 input channels to layer3 and
 * the fusion block (CBAM), {@code key_proj} (64), {@code key_comp} (512) and the decoder.
 */
final class StcnSpec {

    /** Key channels. */
    static final int KEY_DIM = 64;
    /** Value channels. */
    static final int VALUE_DIM = 512;

    private StcnSpec() {
    }

    /** @return key → shape, in the official order */
    static Map<String, long[]> expected() {
        Map<String, long[]> p = new LinkedHashMap<>();
        // key encoder: torchvision ResNet-50, layer1 named res2
        conv(p, "key_encoder.conv1", 64, 3, 7, false);
        bn(p, "key_encoder.bn1", 64);
        int in = 64;
        in = bottlenecks(p, "key_encoder.res2", in, 64, 3);
        in = bottlenecks(p, "key_encoder.layer2", in, 128, 4);
        bottlenecks(p, "key_encoder.layer3", in, 256, 6);
        // value encoder: STCN's mod_resnet ResNet-18 with 2 extra input channels
        conv(p, "value_encoder.conv1", 64, 5, 7, true);
        bn(p, "value_encoder.bn1", 64);
        in = 64;
        in = basicBlocks(p, "value_encoder.layer1", in, 64, 2);
        in = basicBlocks(p, "value_encoder.layer2", in, 128, 2);
        basicBlocks(p, "value_encoder.layer3", in, 256, 2);
        resBlock(p, "value_encoder.fuser.block1", 1024 + 256, VALUE_DIM);
        p.put("value_encoder.fuser.attention.ChannelGate.mlp.1.weight", new long[] {VALUE_DIM / 16, VALUE_DIM});
        p.put("value_encoder.fuser.attention.ChannelGate.mlp.1.bias", new long[] {VALUE_DIM / 16});
        p.put("value_encoder.fuser.attention.ChannelGate.mlp.3.weight", new long[] {VALUE_DIM, VALUE_DIM / 16});
        p.put("value_encoder.fuser.attention.ChannelGate.mlp.3.bias", new long[] {VALUE_DIM});
        conv(p, "value_encoder.fuser.attention.SpatialGate.spatial.conv", 1, 2, 7, true);
        resBlock(p, "value_encoder.fuser.block2", VALUE_DIM, VALUE_DIM);
        conv(p, "key_proj.key_proj", KEY_DIM, 1024, 3, true);
        conv(p, "key_comp", 512, 1024, 3, true);
        resBlock(p, "decoder.compress", 1024, 512);
        conv(p, "decoder.up_16_8.skip_conv", 512, 512, 3, true);
        resBlock(p, "decoder.up_16_8.out_conv", 512, 256);
        conv(p, "decoder.up_8_4.skip_conv", 256, 256, 3, true);
        resBlock(p, "decoder.up_8_4.out_conv", 256, 256);
        conv(p, "decoder.pred", 1, 256, 3, true);
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

    private static int bottlenecks(Map<String, long[]> p, String name, int in, int planes, int blocks) {
        for (int b = 0; b < blocks; b++) {
            String n = name + "." + b;
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
        return in;
    }

    private static int basicBlocks(Map<String, long[]> p, String name, int in, int planes, int blocks) {
        for (int b = 0; b < blocks; b++) {
            String n = name + "." + b;
            conv(p, n + ".conv1", planes, in, 3, true);
            bn(p, n + ".bn1", planes);
            conv(p, n + ".conv2", planes, planes, 3, true);
            bn(p, n + ".bn2", planes);
            if (b == 0 && in != planes) {
                conv(p, n + ".downsample.0", planes, in, 1, true);
                bn(p, n + ".downsample.1", planes);
            }
            in = planes;
        }
        return in;
    }

    private static void resBlock(Map<String, long[]> p, String name, int in, int out) {
        if (in != out) {
            conv(p, name + ".downsample", out, in, 3, true);
        }
        conv(p, name + ".conv1", out, in, 3, true);
        conv(p, name + ".conv2", out, out, 3, true);
    }
}
