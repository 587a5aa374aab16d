package org.vosbench.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} files (format version 1.0, C order), as Python tools read and write them:
 * float32 and float64 arrays such as per-object probabilities {@code [K+1, H, W]} are written,
 * float32 and uint8 arrays are read ({@link #read}), and float64 ones exactly ({@link #readFloat64}).
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /**
     * An array read from a {@code .npy} file; uint8 values are widened to floats 0..255.
     *
     * @param dtype the NumPy type descriptor, e.g. {@code <f4} or {@code |u1}
     * @param shape the dimensions
     * @param data the values in C order
     */
    public record NpyArray(String dtype, int[] shape, float[] data) {

        /**
         * @param index one index per dimension
         * @return the value there
         */
        public float get(int... index) {
            if (index.length != shape.length) {
                throw new IllegalArgumentException("Expected " + shape.length + " indices, got " + index.length);
            }
            int flat = 0;
            for (int i = 0; i < shape.length; i++) {
                flat = flat * shape[i] + index[i];
            }
            return data[flat];
        }
    }

    /**
     * Writes a float32 array atomically.
     *
     * @param file the {@code .npy} file
     * @param shape the dimensions, e.g. {@code {K + 1, H, W}}
     * @param data the values in C order
     * @throws IOException when writing fails; the file is then unchanged
     */
    public static void writeFloat32(Path file, int[] shape, float[] data) throws IOException {
        checkShape(shape, data.length);
        byte[] header = header("<f4", shape);
        AtomicFiles.write(file, out -> {
            out.write(header);
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (float value : data) {
                if (!buffer.hasRemaining()) {
                    out.write(buffer.array(), 0, buffer.position());
                    buffer.clear();
                }
                buffer.putFloat(value);
            }
            out.write(buffer.array(), 0, buffer.position());
        });
    }

    private static void checkShape(int[] shape, int values) {
        long count = 1;
        for (int dim : shape) {
            count *= dim;
        }
        if (count != values) {
            throw new IllegalArgumentException("Shape " + Arrays.toString(shape) + " needs " + count + " values, got "
                    + values);
        }
    }

    /**
     * Writes a float64 array atomically ({@code <f8}).
     *
     * @param file the {@code .npy} file
     * @param shape the dimensions, e.g. {@code {K + 1, H, W}}
     * @param data the values in C order
     * @throws IOException when writing fails; the file is then unchanged
     */
    public static void writeFloat64(Path file, int[] shape, double[] data) throws IOException {
        checkShape(shape, data.length);
        byte[] header = header("<f8", shape);
        AtomicFiles.write(file, out -> {
            out.write(header);
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (double value : data) {
                if (!buffer.hasRemaining()) {
                    out.write(buffer.array(), 0, buffer.position());
                    buffer.clear();
                }
                buffer.putDouble(value);
            }
            out.write(buffer.array(), 0, buffer.position());
        });
    }

    /**
     * A float64 array read from a {@code .npy} file.
     *
     * @param shape the dimensions
     * @param data the values in C order
     */
    public record Float64Array(int[] shape, double[] data) {
    }

    /**
     * Reads a float64 ({@code <f8}), float32 or int64 ({@code <i8}, e.g. class labels; values
     * within 2^53) array as doubles, exactly.
     *
     * @param file the {@code .npy} file
     * @return the array
     * @throws InvalidInputException when the file is missing, not a {@code .npy} file, of another
     *         type or Fortran order, or truncated
     */
    public static Float64Array readFloat64(Path file) throws InvalidInputException {
        byte[] bytes = MaskIO.readAll(file);
        Header h = header(file, bytes);
        int itemSize = switch (h.dtype) {
            case "<f8", "<i8" -> 8;
            case "<f4" -> 4;
            default -> throw new InvalidInputException(file,
                    "unsupported .npy dtype " + h.dtype + " (float64, float32 or int64)");
        };
        h.checkLength(file, bytes, itemSize);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        buffer.position(h.dataStart);
        double[] data = new double[(int) h.count];
        for (int i = 0; i < data.length; i++) {
            data[i] = switch (h.dtype) {
                case "<f8" -> buffer.getDouble();
                case "<i8" -> buffer.getLong();
                default -> buffer.getFloat();
            };
        }
        return new Float64Array(h.shape, data);
    }

    private record Header(String dtype, int[] shape, long count, int dataStart) {
        void checkLength(Path file, byte[] bytes, int itemSize) throws InvalidInputException {
            if (bytes.length - (long) dataStart < count * itemSize) {
                throw new InvalidInputException(file,
                        ".npy truncated: " + (bytes.length - dataStart) + " data bytes, expected " + count * itemSize);
            }
        }
    }

    /**
     * Writes planes (e.g. one probability map per object, background first) as a float32 array
     * {@code [planes.length, height, width]}, atomically.
     *
     * @param file the {@code .npy} file
     * @param planes {@code height * width} values each
     * @param height rows
     * @param width pixels per row
     * @throws IOException when writing fails; the file is then unchanged
     */
    public static void writeFloat32(Path file, float[][] planes, int height, int width) throws IOException {
        float[] data = new float[planes.length * height * width];
        for (int k = 0; k < planes.length; k++) {
            if (planes[k].length != height * width) {
                throw new IllegalArgumentException("Plane " + k + " has " + planes[k].length + " values, expected "
                        + height * width);
            }
            System.arraycopy(planes[k], 0, data, k * height * width, height * width);
        }
        writeFloat32(file, new int[] {planes.length, height, width}, data);
    }

    private static byte[] header(String descr, int[] shape) {
        StringBuilder dims = new StringBuilder();
        for (int dim : shape) {
            dims.append(dim).append(", ");
        }
        if (shape.length > 1) {
            dims.setLength(dims.length() - 2);
        } else if (shape.length == 1) {
            dims.setLength(dims.length() - 1);
        }
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + dims + "), }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String text = dict + " ".repeat(padding) + "\n";
        ByteBuffer buffer = ByteBuffer.allocate(MAGIC.length + 4 + text.length()).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length());
        buffer.put(text.getBytes(StandardCharsets.ISO_8859_1));
        return buffer.array();
    }

    /**
     * Reads a float32 or uint8 array.
     *
     * @param file the {@code .npy} file
     * @return the array
     * @throws InvalidInputException when the file is missing, not a {@code .npy} file, of another
     *         type or Fortran order, or truncated
     */
    public static NpyArray read(Path file) throws InvalidInputException {
        byte[] bytes = MaskIO.readAll(file);
        Header h = header(file, bytes);
        String dtype = h.dtype;
        int[] shape = h.shape;
        long count = h.count;
        int dataStart = h.dataStart;
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int itemSize = switch (dtype) {
            case "<f4" -> 4;
            case "|u1", "<u1", "u1" -> 1;
            default -> throw new InvalidInputException(file, "unsupported .npy dtype " + dtype + " (float32 or uint8)");
        };
        h.checkLength(file, bytes, itemSize);
        float[] data = new float[(int) count];
        if (itemSize == 4) {
            buffer.position(dataStart);
            buffer.asFloatBuffer().get(data);
        } else {
            for (int i = 0; i < data.length; i++) {
                data[i] = bytes[dataStart + i] & 0xFF;
            }
        }
        return new NpyArray(dtype, shape, data);
    }

    private static Header header(Path file, byte[] bytes) throws InvalidInputException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new InvalidInputException(file, "not a NumPy .npy file (bad magic)");
        }
        int major = bytes[6];
        int headerLength;
        int dataStart;
        if (major == 1) {
            headerLength = buffer.getShort(8) & 0xFFFF;
            dataStart = 10 + headerLength;
        } else if (major == 2 || major == 3) {
            headerLength = buffer.getInt(8);
            dataStart = 12 + headerLength;
        } else {
            throw new InvalidInputException(file, "unsupported .npy format version " + major);
        }
        if (headerLength < 0 || dataStart > bytes.length) {
            throw new InvalidInputException(file, ".npy truncated: header incomplete");
        }
        String header = new String(bytes, dataStart - headerLength, headerLength, StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shapeMatch = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shapeMatch.find()) {
            throw new InvalidInputException(file, ".npy header not understood: " + header.trim());
        }
        if (fortran.group(1).equals("True")) {
            throw new InvalidInputException(file, "Fortran-order .npy arrays are not supported");
        }
        int[] shape = Arrays.stream(shapeMatch.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .mapToInt(Integer::parseInt).toArray();
        long count = 1;
        for (int dim : shape) {
            count *= dim;
        }
        return new Header(descr.group(1), shape, count, dataStart);
    }
}
