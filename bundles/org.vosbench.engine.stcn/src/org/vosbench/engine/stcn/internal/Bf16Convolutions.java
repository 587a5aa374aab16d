package org.vosbench.engine.stcn.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
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
 * <p>One module per (stride, padding) pair; the weights stay float32 DJL arrays and are cast on
 * every call (their cast is small next to the convolution).
 */
final class Bf16Convolutions implements AutoCloseable {

    private final Path folder;
    private final Map<String, Model> modules = new HashMap<>();
    private final ParameterStore store = new ParameterStore();

    Bf16Convolutions() {
        try {
            folder = Files.createTempDirectory("vosbench-bf16-");
        } catch (IOException e) {
            throw new EngineException("Cannot create a folder for the bf16 TorchScript modules: " + e.getMessage(), e);
        }
    }

    /** @return {@code conv2d(x, w, b)} computed in bfloat16, as float32 ({@code bias} may be null) */
    NDArray conv(NDArray x, NDArray weight, NDArray bias, int stride, int padding) {
        Model module = module(stride, padding, bias != null);
        NDList in = bias == null ? new NDList(x, weight) : new NDList(x, weight, bias);
        // training=true only keeps DJL from running the call under torch's InferenceMode, whose
        // "inference tensors" refuse the in-place additions of the residual blocks; a convolution
        // has no training behaviour and nothing here requires gradients
        return module.getBlock().forward(store, in, true).singletonOrThrow();
    }

    private synchronized Model module(int stride, int padding, boolean bias) {
        String name = "conv_s" + stride + "_p" + padding + (bias ? "_b" : "");
        Model model = modules.get(name);
        if (model == null) {
            try {
                writeArchive(folder.resolve(name + ".pt"), name, source(stride, padding, bias));
                model = Model.newInstance(name, "PyTorch");
                model.load(folder, name);
            } catch (IOException | MalformedModelException | RuntimeException e) {
                throw new EngineException("Cannot load the bf16 convolution module: " + e.getMessage(), e);
            }
            modules.put(name, model);
        }
        return model;
    }

    /** TorchScript source of one module (the key encoder's convolutions have no bias). */
    static String source(int stride, int padding, boolean bias) {
        String args = "[" + stride + ", " + stride + "], [" + padding + ", " + padding + "], [1, 1]";
        return "class Conv(Module):\n"
                + "  __parameters__ = []\n"
                + "  __buffers__ = []\n"
                + "  training : bool\n"
                + "  def forward(self: __torch__.Conv,\n"
                + "    x: Tensor,\n"
                + (bias ? "    w: Tensor,\n    b: Tensor) -> Tensor:\n" : "    w: Tensor) -> Tensor:\n")
                + "    y = torch.conv2d(torch.to(x, 15), torch.to(w, 15), " + (bias ? "torch.to(b, 15)" : "None") + ", "
                + args + ")\n"
                + "    return torch.to(y, 6)\n";
    }

    private static void writeArchive(Path file, String name, String source) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            entry(zip, name + "/code/__torch__.py", source.getBytes(StandardCharsets.UTF_8));
            entry(zip, name + "/data.pkl", modulePickle());
            entry(zip, name + "/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'}); // an empty tuple
            entry(zip, name + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** Pickle (protocol 2) of a {@code __torch__.Conv} object whose state is {@code {'training': False}}. */
    private static byte[] modulePickle() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {(byte) 0x80, 2}); // PROTO 2
        b.writeBytes("c__torch__\nConv\n".getBytes(StandardCharsets.US_ASCII)); // GLOBAL
        b.writeBytes(new byte[] {')', (byte) 0x81, '}', '('}); // EMPTY_TUPLE NEWOBJ EMPTY_DICT MARK
        byte[] key = "training".getBytes(StandardCharsets.US_ASCII);
        b.write('X'); // BINUNICODE
        b.writeBytes(new byte[] {(byte) key.length, 0, 0, 0});
        b.writeBytes(key);
        b.write((byte) 0x89); // NEWFALSE
        b.writeBytes(new byte[] {'u', 'b', '.'}); // SETITEMS BUILD STOP
        return b.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    @Override
    public synchronized void close() {
        modules.values().forEach(Model::close);
        modules.clear();
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
