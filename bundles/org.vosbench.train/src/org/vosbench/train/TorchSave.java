package org.vosbench.train;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.vosbench.core.AtomicFiles;

/**
 * Writes files in the layout of {@code torch.save} (PyTorch's zip format): {@code
 * <name>/data.pkl}, a protocol-2 pickle whose tensors are {@code torch._utils._rebuild_tensor_v2}
 * calls on persistent storages ({@code ('storage', torch.FloatStorage, key, 'cpu', numel)}),
 * one little-endian {@code <name>/data/<key>} entry per storage (stored, 64-byte aligned as
 * torch aligns them) and {@code <name>/version}. Written atomically.
 *
 * <p>Values: {@link Map} (a {@code dict}, or an {@code OrderedDict} when it is a
 * {@link StateDict}), {@link List} (list), {@code Object[]} (tuple), {@link Tensor},
 * {@link LongTensor}, {@link Counter}, String, Integer, Long, Double, Boolean, null. Read back by the engine's {@code PthReader}.
 */
public final class TorchSave {

    /** A tensor: C-order values, float32 ({@code Float}) or float64 ({@code Double}) storage. */
    public record Tensor(long[] shape, double[] values, boolean float64) {
    }

    /** An int64 tensor ({@code torch.LongStorage}), e.g. a batch norm's {@code num_batches_tracked}. */
    public record LongTensor(long[] shape, long[] values) {
    }

    /**
     * A state_dict: pickled as {@code collections.OrderedDict}, keys in map order; values are
     * {@link Tensor}s or {@link LongTensor}s.
     */
    public record StateDict(Map<String, ?> tensors) {
    }

    /** A {@code collections.Counter} of the given counts (a {@code MultiStepLR}'s milestones). */
    public record Counter(Map<?, ?> counts) {
    }

    private final ByteArrayOutputStream pickle = new ByteArrayOutputStream();
    private final List<Object> storages = new ArrayList<>();

    private TorchSave() {
    }

    /**
     * @param file the target ({@code .pth}); replaced atomically
     * @param archiveName the zip's top folder ({@code torch.save} uses the file's stem)
     * @param root the object saved
     * @throws IOException when writing fails; the target is then unchanged
     */
    public static void write(Path file, String archiveName, Object root) throws IOException {
        TorchSave w = new TorchSave();
        w.op(0x80).op(2);
        w.value(root);
        w.op('.');
        byte[] data = w.pickle.toByteArray();
        AtomicFiles.write(file, out -> {
            Counting counting = new Counting(out);
            try (ZipOutputStream zip = new ZipOutputStream(counting)) {
                zip.setLevel(0);
                entry(zip, counting, archiveName + "/data.pkl", data);
                for (int i = 0; i < w.storages.size(); i++) {
                    entry(zip, counting, archiveName + "/data/" + i, bytes(w.storages.get(i)));
                }
                entry(zip, counting, archiveName + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
            }
        });
    }

    private static byte[] bytes(Object storage) {
        if (storage instanceof LongTensor t) {
            ByteBuffer buffer = ByteBuffer.allocate(t.values().length * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (long v : t.values()) {
                buffer.putLong(v);
            }
            return buffer.array();
        }
        Tensor t = (Tensor) storage;
        ByteBuffer buffer = ByteBuffer.allocate(t.values().length * (t.float64() ? 8 : 4)).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : t.values()) {
            if (t.float64()) {
                buffer.putDouble(v);
            } else {
                buffer.putFloat((float) v);
            }
        }
        return buffer.array();
    }

    /** Counts the bytes written so entries can be aligned. */
    private static final class Counting extends FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void close() throws IOException {
            out.flush(); // the atomic writer closes the underlying stream
        }
    }

    private static void entry(ZipOutputStream zip, Counting counting, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        // torch pads the local header's extra field ("FB" block) so each record starts at a
        // multiple of 64 bytes; the stream is flushed to the counter at each entry
        zip.flush();
        long headerEnd = counting.count + 30 + name.getBytes(StandardCharsets.UTF_8).length + 4;
        int pad = (int) ((64 - headerEnd % 64) % 64);
        byte[] extra = new byte[4 + pad];
        extra[0] = 'F';
        extra[1] = 'B';
        extra[2] = (byte) pad;
        extra[3] = (byte) (pad >> 8);
        e.setExtra(extra);
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    private void value(Object v) {
        if (v == null) {
            op('N');
        } else if (v instanceof Boolean b) {
            op(b ? 0x88 : 0x89);
        } else if (v instanceof Integer || v instanceof Long) {
            long n = ((Number) v).longValue();
            if (n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE) {
                binint((int) n);
            } else {
                op(0x8a).op(8); // LONG1, 8 bytes little-endian
                for (int i = 0; i < 8; i++) {
                    op((int) (n >>> (8 * i)) & 0xFF);
                }
            }
        } else if (v instanceof Double d) {
            op('G');
            long bits = Double.doubleToLongBits(d);
            for (int i = 7; i >= 0; i--) {
                op((int) (bits >>> (8 * i)) & 0xFF); // BINFLOAT is big-endian
            }
        } else if (v instanceof String s) {
            string(s);
        } else if (v instanceof Tensor t) {
            tensor(t);
        } else if (v instanceof StateDict sd) {
            global("collections", "OrderedDict").op(')').op('R');
            if (!sd.tensors().isEmpty()) {
                op('(');
                sd.tensors().forEach((k, t) -> {
                    string(k);
                    if (!(t instanceof Tensor || t instanceof LongTensor)) {
                        throw new IllegalArgumentException("state_dict entry " + k + " is not a tensor");
                    }
                    value(t);
                });
                op('u');
            }
        } else if (v instanceof LongTensor t) {
            tensor(t.shape(), t.values().length, "LongStorage", t);
        } else if (v instanceof Counter c) {
            global("collections", "Counter").op('(');
            value(c.counts());
            op('t').op('R');
        } else if (v instanceof Map<?, ?> map) {
            op('}');
            if (!map.isEmpty()) {
                op('(');
                map.forEach((k, x) -> {
                    value(k);
                    value(x);
                });
                op('u');
            }
        } else if (v instanceof List<?> list) {
            op(']');
            if (!list.isEmpty()) {
                op('(');
                list.forEach(this::value);
                op('e');
            }
        } else if (v instanceof Object[] tuple) {
            op('(');
            for (Object x : tuple) {
                value(x);
            }
            op('t');
        } else {
            throw new IllegalArgumentException("cannot pickle a " + v.getClass().getName());
        }
    }

    private void tensor(Tensor t) {
        tensor(t.shape(), t.values().length, t.float64() ? "DoubleStorage" : "FloatStorage", t);
    }

    private void tensor(long[] shape, int count, String storageType, Object storage) {
        long numel = 1;
        for (long d : shape) {
            numel *= d;
        }
        if (numel != count) {
            throw new IllegalArgumentException("tensor of shape " + java.util.Arrays.toString(shape) + " has "
                    + count + " values");
        }
        int key = storages.size();
        storages.add(storage);
        global("torch._utils", "_rebuild_tensor_v2").op('(');
        op('(').string("storage").global("torch", storageType)
                .string(Integer.toString(key)).string("cpu");
        value(numel);
        op('t').op('Q'); // BINPERSID
        binint(0); // storage offset
        op('(');
        for (long d : shape) {
            value(d);
        }
        op('t');
        op('(');
        long stride = 1;
        long[] strides = new long[shape.length];
        for (int d = strides.length - 1; d >= 0; d--) {
            strides[d] = stride;
            stride *= shape[d];
        }
        for (long s : strides) {
            value(s);
        }
        op('t');
        op(0x89); // requires_grad False
        global("collections", "OrderedDict").op(')').op('R'); // backward hooks
        op('t').op('R');
    }

    private TorchSave op(int code) {
        pickle.write(code);
        return this;
    }

    private TorchSave global(String module, String name) {
        op('c');
        byte[] text = (module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII);
        pickle.write(text, 0, text.length);
        return this;
    }

    private TorchSave string(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        op('X');
        writeInt(utf8.length);
        pickle.write(utf8, 0, utf8.length);
        return this;
    }

    private void binint(int v) {
        op('J');
        writeInt(v);
    }

    private void writeInt(int v) {
        pickle.write(v & 0xFF);
        pickle.write(v >>> 8 & 0xFF);
        pickle.write(v >>> 16 & 0xFF);
        pickle.write(v >>> 24 & 0xFF);
    }
}
