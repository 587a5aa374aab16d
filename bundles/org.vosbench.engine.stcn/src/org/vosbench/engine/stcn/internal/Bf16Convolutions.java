package org.vosbench.engine.stcn.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

import org.vosbench.engine.EngineException;

/**
 * bfloat16 convolutions with float32 arrays in and out, for {@code --precision bf16}.
 *
 * <p>Why TorchScript: DJL 0.35.1 cannot hold a bfloat16 array. Its JNI maps DJL's data types to
 * libtorch's with a switch ({@code GetScalarTypeFromDType} in {@code djl_pytorch_utils.h}) that
 * has no case for {@code BFLOAT16} (DJL ordinal 11) and ends in {@code default: throw;}: a
 * rethrow with no active exception, so {@code std::terminate} aborts the JVM ("terminate called
 * without an active exception", exit 134) on any call that passes that type ({@code toType},
 * {@code zeros}, {@code create}). Inside a TorchScript function DJL never sees the type: the
 * function casts to bfloat16, convolves (oneDNN's bf16 kernels, float32 accumulation) and casts
 * back to float32. libtorch compiles TorchScript source at load, so the archive is written here.
 *
 * <p>One module per convolution ({@link #module(Weights)}), or per residual block of STCN's
 * decoder and fuser ({@link #resBlock}, {@link #upsampleBlock}), whose intermediate maps then stay
 * bfloat16: the weights (and biases) are rounded to bfloat16 once, here, and written into the
 * archive as the module's tensors, in channels-last order, so a call casts only its inputs.
 * (Casting the float32 weights on every call, as an earlier version did, converted tens of
 * millions of values per frame.) Inputs are cast to bfloat16 channels-last (memory format 2), the
 * order the AMX/AVX-512 bf16 convolutions run fastest on; outputs are float32 in that order, so
 * the next module's cast is a plain conversion.
 */
final class Bf16Convolutions implements AutoCloseable {

    private final Path folder;
    private final List<Model> modules = new ArrayList<>();
    private final ParameterStore store = new ParameterStore();

    Bf16Convolutions() {
        try {
            folder = Files.createTempDirectory("vosbench-bf16-");
        } catch (IOException e) {
            throw new EngineException("Cannot create a folder for the bf16 TorchScript modules: " + e.getMessage(), e);
        }
    }

    /**
     * One convolution's float32 weights ({@code out x in x kh x kw}, row-major), its bias (or
     * null), stride and zero padding.
     */
    record Weights(float[] weight, Shape shape, float[] bias, int stride, int padding) {
        /** @return multiply-adds per output value: in x kh x kw */
        long multiplyAddsPerOutput() {
            return shape.get(1) * shape.get(2) * shape.get(3);
        }
    }

    /** A TorchScript module holding bfloat16 weights: one convolution, or a fused residual block. */
    final class Module {
        private final Model model;
        private final long multiplyAddsPerOutput;

        private Module(Model model, long multiplyAddsPerOutput) {
            this.model = model;
            this.multiplyAddsPerOutput = multiplyAddsPerOutput;
        }

        /**
         * @return the multiply-adds of the module's convolutions per value of its output (all of
         *         them have the output's shape), for {@link StcnNetwork#PROFILE}
         */
        long multiplyAddsPerOutput() {
            return multiplyAddsPerOutput;
        }

        /** @return the module applied to float32 inputs, computed in bfloat16, as float32 */
        NDArray apply(NDArray... inputs) {
            // training=true only keeps DJL from running the call under torch's InferenceMode, whose
            // "inference tensors" refuse the in-place additions of the residual blocks; a
            // convolution has no training behaviour and nothing here requires gradients
            return model.getBlock().forward(store, new NDList(inputs), true).singletonOrThrow();
        }
    }

    /**
     * @param conv the convolution, its weights rounded as torch's cast
     * @return {@code conv2d(x, w, b)} as a module
     */
    Module module(Weights conv) {
        return module(conv, true);
    }

    /**
     * @param conv the convolution
     * @param channelsLast false only for bench/bf16-layout.sh: the input cast to bfloat16 as it
     *        is (channels first) and the weights stored channels first
     * @return {@code conv2d(x, w, b)} as a module
     */
    Module module(Weights conv, boolean channelsLast) {
        List<Attribute> attributes = new ArrayList<>();
        String call = convolution(conv, "w", "b", channelsLast ? "torch.to(x, 15, False, False, 2)" : "torch.to(x, 15)",
                attributes, channelsLast);
        return load("Conv", attributes, "x: Tensor", "    y = " + call + "\n    return torch.to(y, 6)\n",
                conv.multiplyAddsPerOutput());
    }

    /**
     * STCN's pre-activation ResBlock, {@code downsample(x) + conv2(relu(conv1(relu(x))))} (the
     * identity when downsample is null), as one module: x is cast to bfloat16 once and the block's
     * intermediate maps stay bfloat16 inside it. The same numbers as the block built from
     * {@link #module(Weights)} convolutions with float32 ReLUs and sums between them (the ReLU
     * commutes with the rounding, every convolution output is rounded to bfloat16 in both, and the
     * final sum is float32 in both), without the float32 round trip of every intermediate map.
     *
     * @param conv1 first convolution
     * @param conv2 second convolution
     * @param downsample the skip path's convolution, or null for the identity
     * @return the block as a module
     */
    Module resBlock(Weights conv1, Weights conv2, Weights downsample) {
        List<Attribute> attributes = new ArrayList<>();
        String body = "    xb = torch.to(x, 15, False, False, 2)\n" + resBlockBody(conv1, conv2, downsample, "x", attributes);
        return load("ResBlock", attributes, "x: Tensor", body, work(conv1, conv2, downsample));
    }

    /**
     * STCN's UpsampleBlock, {@code ResBlock(skip_conv(x) + upsample2x(up))} (the skip convolution
     * on the frame's features x, batch 1, broadcast over the K objects of up), as one module: the
     * resize and the sum in float32, the convolutions in bfloat16: the numbers of the block built
     * from single-convolution modules (as {@link #resBlock}) but for the resize, which libtorch's
     * {@code upsample_bilinear2d} rounds differently from DJL's interpolation by up to an ulp.
     * (Resizing and adding in bfloat16 instead was no faster and moved the first propagated
     * 854x480 frame of horsejump-high, training fixture's weights, to 0.017 from fp64, against
     * 0.014.)
     *
     * @param skip the skip convolution
     * @param conv1 the ResBlock's first convolution
     * @param conv2 its second
     * @param downsample its skip path's convolution, or null for the identity
     * @return the block as a module of (x, up)
     */
    Module upsampleBlock(Weights skip, Weights conv1, Weights conv2, Weights downsample) {
        List<Attribute> attributes = new ArrayList<>();
        String body = "    sb = " + convolution(skip, "ws", "bs", "torch.to(x, 15, False, False, 2)", attributes, true) + "\n"
                + "    u = torch.upsample_bilinear2d(up, [torch.size(sb, 2), torch.size(sb, 3)], False, None, None)\n"
                + "    xf = torch.add(u, sb)\n" // float32 + bfloat16: a float32 sum
                + "    xb = torch.to(xf, 15, False, False, 2)\n"
                + resBlockBody(conv1, conv2, downsample, "xf", attributes);
        return load("UpsampleBlock", attributes, "x: Tensor, up: Tensor", body, work(conv1, conv2, downsample));
    }

    /** @return the ResBlock on the bfloat16 map xb, returning float32; identity adds {@code identity} */
    private static String resBlockBody(Weights conv1, Weights conv2, Weights downsample, String identity,
            List<Attribute> attributes) {
        String body = "    r = " + convolution(conv1, "w1", "b1", "torch.relu(xb)", attributes, true) + "\n"
                + "    r0 = " + convolution(conv2, "w2", "b2", "torch.relu(r)", attributes, true) + "\n";
        if (downsample == null) {
            return body + "    return torch.add(" + identity + ", r0)\n"; // float32 + bfloat16: a float32 sum
        }
        return body + "    s = " + convolution(downsample, "wd", "bd", "xb", attributes, true) + "\n"
                + "    return torch.add(torch.to(s, 6), r0)\n";
    }

    /** @return multiply-adds per output value of a ResBlock (the skip convolution of an UpsampleBlock is not counted) */
    private static long work(Weights conv1, Weights conv2, Weights downsample) {
        return conv1.multiplyAddsPerOutput() + conv2.multiplyAddsPerOutput()
                + (downsample == null ? 0 : downsample.multiplyAddsPerOutput());
    }

    /** A tensor attribute of a module: its name, bfloat16 storage, shape and strides. */
    private record Attribute(String name, byte[] storage, long[] shape, long[] strides) {
    }

    /** @return the TorchScript call of conv on input, adding its weights (and bias) as attributes */
    private static String convolution(Weights conv, String weight, String bias, String input,
            List<Attribute> attributes, boolean channelsLast) {
        long[] w = conv.shape().getShape();
        if (channelsLast) {
            attributes.add(new Attribute(weight, storage(channelsLast(conv.weight(), conv.shape())), w,
                    new long[] {w[1] * w[2] * w[3], 1, w[3] * w[1], w[1]}));
        } else {
            attributes.add(new Attribute(weight, storage(conv.weight()), w,
                    new long[] {w[1] * w[2] * w[3], w[2] * w[3], w[3], 1}));
        }
        if (conv.bias() != null) {
            attributes.add(new Attribute(bias, storage(conv.bias()), new long[] {conv.bias().length}, new long[] {1}));
        }
        return "torch.conv2d(" + input + ", self." + weight + ", " + (conv.bias() == null ? "None" : "self." + bias)
                + ", [" + conv.stride() + ", " + conv.stride() + "], [" + conv.padding() + ", " + conv.padding()
                + "], [1, 1])";
    }

    private synchronized Module load(String className, List<Attribute> attributes, String parameters, String body,
            long multiplyAddsPerOutput) {
        String name = "bf16module" + modules.size();
        try {
            Path file = folder.resolve(name + ".pt");
            writeArchive(file, name, className, source(className, attributes, parameters, body), attributes);
            Model model = Model.newInstance(name, "PyTorch");
            try {
                model.load(folder, name);
            } catch (IOException | MalformedModelException | RuntimeException e) {
                model.close();
                throw e;
            }
            Files.delete(file); // libtorch has read it
            modules.add(model);
            return new Module(model, multiplyAddsPerOutput);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new EngineException("Cannot load a bf16 convolution module: " + e.getMessage(), e);
        }
    }

    /** @return TorchScript source of a module class: its tensor attributes and forward(parameters) */
    private static String source(String className, List<Attribute> attributes, String parameters, String body) {
        StringBuilder b = new StringBuilder("class " + className + "(Module):\n"
                + "  __parameters__ = []\n"
                + "  __buffers__ = []\n"
                + "  training : bool\n");
        for (Attribute a : attributes) {
            b.append("  ").append(a.name()).append(" : Tensor\n");
        }
        b.append("  def forward(self: __torch__.").append(className).append(",\n    ").append(parameters)
                .append(") -> Tensor:\n");
        return b.append(body).toString();
    }

    /**
     * @return the bfloat16 nearest to v, ties to even (as torch's float32 to bfloat16 cast, but
     *         from the exact value: a float64 is rounded once, not through float32)
     */
    static short bfloat16(double v) {
        float f = (float) v;
        int bits = Float.floatToRawIntBits(f);
        int down = bits & 0xFFFF0000; // toward zero, in bfloat16
        int up = down + 0x10000; // the next bfloat16 away from zero
        double lo = Float.intBitsToFloat(down);
        double hi = Float.intBitsToFloat(up);
        double dLo = Math.abs(v - lo);
        double dHi = Math.abs(hi - v);
        int chosen = dLo < dHi ? down : dHi < dLo ? up : (down & 0x10000) == 0 ? down : up;
        return (short) (chosen >>> 16);
    }

    private static void writeArchive(Path file, String name, String className, String source,
            List<Attribute> attributes) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            entry(zip, name + "/code/__torch__.py", source.getBytes(StandardCharsets.UTF_8));
            entry(zip, name + "/data.pkl", modulePickle(className, attributes));
            entry(zip, name + "/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'}); // an empty tuple
            entry(zip, name + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < attributes.size(); i++) {
                entry(zip, name + "/data/" + i, attributes.get(i).storage());
            }
        }
    }

    /** @return the float32 bits rounded to bfloat16 bits, ties to even (torch's cast; finite values) */
    static short bfloat16(float v) {
        int bits = Float.floatToRawIntBits(v);
        return (short) ((bits + 0x7FFF + (bits >>> 16 & 1)) >>> 16);
    }

    /**
     * @return {@code out x in x kh x kw} weights reordered to {@code out x kh x kw x in}, the
     *         storage order of a channels-last tensor
     */
    static float[] channelsLast(float[] weight, Shape shape) {
        int out = (int) shape.get(0);
        int in = (int) shape.get(1);
        int kh = (int) shape.get(2);
        int kw = (int) shape.get(3);
        float[] reordered = new float[weight.length];
        for (int o = 0; o < out; o++) {
            for (int c = 0; c < in; c++) {
                for (int y = 0; y < kh; y++) {
                    for (int x = 0; x < kw; x++) {
                        reordered[((o * kh + y) * kw + x) * in + c] = weight[((o * in + c) * kh + y) * kw + x];
                    }
                }
            }
        }
        return reordered;
    }

    /** @return the values as little-endian bfloat16 */
    private static byte[] storage(float[] values) {
        byte[] bytes = new byte[2 * values.length];
        for (int i = 0; i < values.length; i++) {
            short h = bfloat16(values[i]);
            bytes[2 * i] = (byte) h;
            bytes[2 * i + 1] = (byte) (h >>> 8);
        }
        return bytes;
    }

    /**
     * Pickle (protocol 2) of a {@code __torch__.<className>} object whose state is
     * {@code {'training': False, <name>: <bfloat16 tensor, storage i>, ...}}, the tensors as
     * {@code torch._utils._rebuild_tensor_v2} of a persistent {@code BFloat16Storage}.
     */
    private static byte[] modulePickle(String className, List<Attribute> attributes) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {(byte) 0x80, 2}); // PROTO 2
        global(b, "__torch__", className);
        b.writeBytes(new byte[] {')', (byte) 0x81, '}', '('}); // EMPTY_TUPLE NEWOBJ EMPTY_DICT MARK
        string(b, "training");
        b.write((byte) 0x89); // NEWFALSE
        for (int i = 0; i < attributes.size(); i++) {
            Attribute a = attributes.get(i);
            string(b, a.name());
            tensor(b, i, a.shape(), a.strides());
        }
        b.writeBytes(new byte[] {'u', 'b', '.'}); // SETITEMS BUILD STOP
        return b.toByteArray();
    }

    private static void tensor(ByteArrayOutputStream b, int key, long[] shape, long[] strides) {
        long numel = 1;
        for (long d : shape) {
            numel *= d;
        }
        global(b, "torch._utils", "_rebuild_tensor_v2");
        b.write('('); // MARK of the arguments
        // persistent id ('storage', torch.BFloat16Storage, key, 'cpu', numel)
        b.write('(');
        string(b, "storage");
        global(b, "torch", "BFloat16Storage");
        string(b, Integer.toString(key));
        string(b, "cpu");
        binint(b, numel);
        b.writeBytes(new byte[] {'t', 'Q'}); // TUPLE BINPERSID
        binint(b, 0); // storage offset
        b.write('(');
        for (long d : shape) {
            binint(b, d);
        }
        b.write('t');
        b.write('(');
        for (long s : strides) {
            binint(b, s);
        }
        b.write('t');
        b.write((byte) 0x89); // requires_grad False
        global(b, "collections", "OrderedDict");
        b.writeBytes(new byte[] {')', 'R'}); // backward hooks: OrderedDict()
        b.writeBytes(new byte[] {'t', 'R'}); // TUPLE REDUCE
    }

    private static void global(ByteArrayOutputStream b, String module, String name) {
        b.write('c');
        b.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static void string(ByteArrayOutputStream b, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        b.write('X'); // BINUNICODE
        b.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(utf8.length).array());
        b.writeBytes(utf8);
    }

    private static void binint(ByteArrayOutputStream b, long v) {
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tensor too large for the bf16 module: " + v);
        }
        b.write('J'); // BININT
        b.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array());
    }

    /** A stored (uncompressed) entry: libtorch reads the weights' records as they are. */
    private static void entry(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    @Override
    public synchronized void close() {
        modules.forEach(Model::close);
        modules.clear();
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
