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
 * <p>One module per convolution: its weights (and bias) are rounded to bfloat16 once, here, and
 * written into the archive as the module's tensors, so a call casts only its input. (Casting the
 * float32 weights on every call, as an earlier version did, converted tens of millions of values per frame.)
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

    /** One convolution with its bfloat16 weights, loaded as a TorchScript module. */
    final class Module {
        private final Model model;
        private final Shape weightShape;

        private Module(Model model, Shape weightShape) {
            this.model = model;
            this.weightShape = weightShape;
        }

        /** @return the weights' shape (out, in, kh, kw) */
        Shape weightShape() {
            return weightShape;
        }

        /** @return {@code conv2d(x, w, b)} computed in bfloat16 from float32 x, as float32 */
        NDArray apply(NDArray x) {
            // training=true only keeps DJL from running the call under torch's InferenceMode, whose
            // "inference tensors" refuse the in-place additions of the residual blocks; a
            // convolution has no training behaviour and nothing here requires gradients
            return model.getBlock().forward(store, new NDList(x), true).singletonOrThrow();
        }
    }

    /**
     * @param weight float32 weights, row-major {@code out x in x kh x kw}, rounded as torch's cast
     * @param shape the weights' shape
     * @param bias per output channel, or null
     * @param stride the convolution's stride
     * @param padding its zero padding
     * @return the module
     */
    Module module(float[] weight, Shape shape, float[] bias, int stride, int padding) {
        return module(storage(weight), shape, bias == null ? null : storage(bias), bias == null ? -1 : bias.length,
                stride, padding);
    }

    private synchronized Module module(byte[] weight, Shape shape, byte[] bias, int biasLength, int stride,
            int padding) {
        String name = "conv" + modules.size();
        try {
            Path file = folder.resolve(name + ".pt");
            writeArchive(file, name, source(stride, padding, bias != null), weight, shape, bias, biasLength);
            Model model = Model.newInstance(name, "PyTorch");
            try {
                model.load(folder, name);
            } catch (IOException | MalformedModelException | RuntimeException e) {
                model.close();
                throw e;
            }
            Files.delete(file); // libtorch has read it
            modules.add(model);
            return new Module(model, shape);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new EngineException("Cannot load a bf16 convolution module: " + e.getMessage(), e);
        }
    }

    /** TorchScript source of one module (the key encoder's convolutions have no bias). */
    static String source(int stride, int padding, boolean bias) {
        String args = "[" + stride + ", " + stride + "], [" + padding + ", " + padding + "], [1, 1]";
        return "class Conv(Module):\n"
                + "  __parameters__ = []\n"
                + "  __buffers__ = []\n"
                + "  training : bool\n"
                + "  w : Tensor\n"
                + (bias ? "  b : Tensor\n" : "")
                + "  def forward(self: __torch__.Conv,\n"
                + "    x: Tensor) -> Tensor:\n"
                + "    y = torch.conv2d(torch.to(x, 15), self.w, " + (bias ? "self.b" : "None") + ", " + args + ")\n"
                + "    return torch.to(y, 6)\n";
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

    private static void writeArchive(Path file, String name, String source, byte[] weight, Shape shape,
            byte[] bias, int biasLength) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            entry(zip, name + "/code/__torch__.py", source.getBytes(StandardCharsets.UTF_8));
            entry(zip, name + "/data.pkl", modulePickle(shape, biasLength));
            entry(zip, name + "/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'}); // an empty tuple
            entry(zip, name + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
            entry(zip, name + "/data/0", weight);
            if (bias != null) {
                entry(zip, name + "/data/1", bias);
            }
        }
    }

    /** @return the float32 bits rounded to bfloat16 bits, ties to even (torch's cast; finite values) */
    static short bfloat16(float v) {
        int bits = Float.floatToRawIntBits(v);
        return (short) ((bits + 0x7FFF + (bits >>> 16 & 1)) >>> 16);
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
     * Pickle (protocol 2) of a {@code __torch__.Conv} object whose state is
     * {@code {'training': False, 'w': <bfloat16 tensor, storage 0>, 'b': <storage 1>}}, the
     * tensors as {@code torch._utils._rebuild_tensor_v2} of a persistent {@code BFloat16Storage}.
     */
    private static byte[] modulePickle(Shape weightShape, int biasLength) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {(byte) 0x80, 2}); // PROTO 2
        global(b, "__torch__", "Conv");
        b.writeBytes(new byte[] {')', (byte) 0x81, '}', '('}); // EMPTY_TUPLE NEWOBJ EMPTY_DICT MARK
        string(b, "training");
        b.write((byte) 0x89); // NEWFALSE
        string(b, "w");
        tensor(b, 0, weightShape.getShape());
        if (biasLength >= 0) {
            string(b, "b");
            tensor(b, 1, new long[] {biasLength});
        }
        b.writeBytes(new byte[] {'u', 'b', '.'}); // SETITEMS BUILD STOP
        return b.toByteArray();
    }

    private static void tensor(ByteArrayOutputStream b, int key, long[] shape) {
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
        long stride = 1;
        long[] strides = new long[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            strides[d] = stride;
            stride *= shape[d];
        }
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
