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
 * float32 arrays such as per-object probabilities {@code [K+1, H, W]} are written, float32 and
 * uint8 arrays are read, and float64 / int64 ones at full precision ({@link #readDoubles}).
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
        long count = 1;
        for (int dim : shape) {
            count *= dim;
        }
        if (count != data.length) {
            throw new IllegalArgumentException("Shape " + Arrays.toString(shape) + " needs " + count + " values, got "
                    + data.length);
        }
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
        Parsed p = parse(file);
        byte[] bytes = p.bytes();
        int dataStart = p.dataStart();
        int[] shape = p.shape();
        long count = p.count();
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        String dtype = p.dtype();
        int itemSize = switch (dtype) {
            case "<f4" -> 4;
            case "|u1", "<u1", "u1" -> 1;
            default -> throw new InvalidInputException(file, "unsupported .npy dtype " + dtype + " (float32 or uint8)");
        };
        if (bytes.length - (long) dataStart < count * itemSize) {
            throw new InvalidInputException(file,
                    ".npy truncated: " + (bytes.length - dataStart) + " data bytes, expected " + count * itemSize);
        }
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

    /**
     * An array read from a {@code .npy} file at full precision (training batches, parity data).
     *
     * @param dtype the NumPy type descriptor, e.g. {@code <f8} or {@code <i8}
     * @param shape the dimensions
     * @param data the values in C order, widened exactly to doubles
     */
    public record NpyDoubles(String dtype, int[] shape, double[] data) {
    }

    /**
     * Reads a float64, float32, int64 or uint8 array into doubles without rounding (int64
     * values must stay within 2^53, as labels and counts do).
     *
     * @param file the {@code .npy} file
     * @return the array
     * @throws InvalidInputException when the file is missing, not a {@code .npy} file, of another
     *         type or Fortran order, or truncated
     */
    public static NpyDoubles readDoubles(Path file) throws InvalidInputException {
        Parsed p = parse(file);
        int itemSize = switch (p.dtype()) {
            case "<f8", "<i8" -> 8;
            case "<f4" -> 4;
            case "|u1", "<u1", "u1" -> 1;
            default -> throw new InvalidInputException(file,
                    "unsupported .npy dtype " + p.dtype() + " (float64, float32, int64 or uint8)");
        };
        if (p.bytes().length - (long) p.dataStart() < p.count() * itemSize) {
            throw new InvalidInputException(file, ".npy truncated: " + (p.bytes().length - p.dataStart())
                    + " data bytes, expected " + p.count() * itemSize);
        }
        ByteBuffer buffer = ByteBuffer.wrap(p.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        double[] data = new double[(int) p.count()];
        for (int i = 0; i < data.length; i++) {
            int at = p.dataStart() + i * itemSize;
            data[i] = switch (p.dtype()) {
                case "<f8" -> buffer.getDouble(at);
                case "<i8" -> buffer.getLong(at);
                case "<f4" -> buffer.getFloat(at);
                default -> p.bytes()[at] & 0xFF;
            };
        }
        return new NpyDoubles(p.dtype(), p.shape(), data);
    }

    private record Parsed(byte[] bytes, int dataStart, String dtype, int[] shape, long count) {
    }

    private static Parsed parse(Path file) throws InvalidInputException {
        byte[] bytes = MaskIO.readAll(file);
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
        return new Parsed(bytes, dataStart, descr.group(1), shape, count);
    }
}
