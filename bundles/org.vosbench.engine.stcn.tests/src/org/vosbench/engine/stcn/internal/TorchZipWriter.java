package org.vosbench.engine.stcn.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.vosbench.engine.djl.PthReader.Tensor;

/**
 * Writes checkpoints in the layout of {@code torch.save} (zip with {@code archive/data.pkl}, a
 * protocol-2 pickle of an OrderedDict of {@code torch._utils._rebuild_tensor_v2} calls, and one
 * little-endian storage per tensor), so tests can build broken checkpoints. Float tensors only.
 */
final class TorchZipWriter {

    private final ByteArrayOutputStream pickle = new ByteArrayOutputStream();
    private final List<float[]> storages = new ArrayList<>();

    private TorchZipWriter() {
    }

    /**
     * @param file target
     * @param tensors key → tensor (float data)
     * @param nestUnder null for a plain state_dict, else the key of a training checkpoint
     *        ({@code {"it": 7, nestUnder: state_dict}})
     * @throws IOException on write errors
     */
    static void write(Path file, Map<String, Tensor> tensors, String nestUnder) throws IOException {
        TorchZipWriter w = new TorchZipWriter();
        w.op(0x80).op(2); // PROTO 2
        if (nestUnder != null) {
            w.op('}').op('(').string("it").binint(7).string(nestUnder);
        }
        w.global("collections", "OrderedDict").op(')').op('R').op('(');
        for (Tensor t : tensors.values()) {
            if (t.data() == null) {
                continue; // counters (int64) are optional: leave them out
            }
            w.string(t.name()).tensor(t);
        }
        w.op('u');
        if (nestUnder != null) {
            w.op('u');
        }
        w.op('.');
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.setLevel(0);
            entry(zip, "archive/data.pkl", w.pickle.toByteArray());
            for (int i = 0; i < w.storages.size(); i++) {
                float[] data = w.storages.get(i);
                ByteBuffer bytes = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                bytes.asFloatBuffer().put(data);
                entry(zip, "archive/data/" + i, bytes.array());
            }
            entry(zip, "archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

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

    private TorchZipWriter tensor(Tensor t) {
        int key = storages.size();
        storages.add(t.data());
        global("torch._utils", "_rebuild_tensor_v2").op('(');
        // persistent id ('storage', torch.FloatStorage, key, 'cpu', numel)
        op('(').string("storage").global("torch", "FloatStorage").string(Integer.toString(key)).string("cpu")
                .binint(t.data().length).op('t').op('Q');
        binint(0); // storage offset
        long[] shape = t.shape();
        op('(');
        for (long d : shape) {
            binint((int) d);
        }
        op('t');
        op('(');
        long stride = 1;
        long[] strides = new long[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            strides[d] = stride;
            stride *= shape[d];
        }
        for (long s : strides) {
            binint((int) s);
        }
        op('t');
        op(0x89); // requires_grad False
        global("collections", "OrderedDict").op(')').op('R'); // backward hooks
        op('t').op('R');
        return this;
    }

    private TorchZipWriter op(int code) {
        pickle.write(code);
        return this;
    }

    private TorchZipWriter global(String module, String name) {
        op('c');
        byte[] text = (module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII);
        pickle.write(text, 0, text.length);
        return this;
    }

    private TorchZipWriter string(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        op('X');
        writeInt(utf8.length);
        pickle.write(utf8, 0, utf8.length);
        return this;
    }

    private TorchZipWriter binint(int v) {
        op('J');
        writeInt(v);
        return this;
    }

    private void writeInt(int v) {
        pickle.write(v & 0xFF);
        pickle.write(v >>> 8 & 0xFF);
        pickle.write(v >>> 16 & 0xFF);
        pickle.write(v >>> 24 & 0xFF);
    }

}
