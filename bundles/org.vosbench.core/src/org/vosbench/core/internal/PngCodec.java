package org.vosbench.core.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;

import org.vosbench.core.InvalidInputException;

/**
 * PNG structure and the fast decoder for palette and greyscale PNGs of up to 8 bits, which is
 * what label masks are. Every chunk's length and CRC are checked and {@code IEND} must be
 * present, so truncated or damaged files are rejected rather than decoded partially (as
 * {@code javax.imageio} would). Other PNG kinds are left to {@code javax.imageio} after the
 * same structural check.
 */
public final class PngCodec {

    /** PNG colour type of greyscale images. */
    public static final int GRAY = 0;
    /** PNG colour type of palette images. */
    public static final int PALETTE = 3;

    private static final ThreadLocal<byte[]> RAW_BUFFERS = ThreadLocal.withInitial(() -> new byte[0]);

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private PngCodec() {
    }

    /**
     * The parsed structure of a PNG file: header fields, palette and where the image data lies.
     *
     * @param width pixels per row
     * @param height rows
     * @param bitDepth bits per sample
     * @param colorType PNG colour type
     * @param interlace 0 none, 1 Adam7
     * @param plte the palette bytes ({@code r, g, b} per entry), or null
     * @param idatOffsets offsets of the IDAT chunks' data in the file bytes
     * @param idatLengths lengths of the IDAT chunks' data
     */
    public record Structure(int width, int height, int bitDepth, int colorType, int interlace, byte[] plte,
            int[] idatOffsets, int[] idatLengths) {

        /** @return whether {@link PngCodec#decodeSamples} can decode this file */
        public boolean isFastPathKind() {
            return interlace == 0 && (colorType == PALETTE || colorType == GRAY)
                    && (bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8);
        }
    }

    /**
     * @param data file bytes
     * @return whether the bytes start with the PNG signature
     */
    public static boolean isPng(byte[] data) {
        if (data.length < SIGNATURE.length) {
            return false;
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (data[i] != SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks the chunk structure of a whole PNG file.
     *
     * @param file the file, for messages
     * @param data all its bytes
     * @return the parsed structure
     * @throws InvalidInputException when the file is not a PNG, is truncated or damaged
     */
    public static Structure parse(Path file, byte[] data) throws InvalidInputException {
        if (!isPng(data)) {
            throw new InvalidInputException(file, "not a PNG file (bad signature)");
        }
        int pos = SIGNATURE.length;
        int width = -1;
        int height = -1;
        int bitDepth = 0;
        int colorType = 0;
        int interlace = 0;
        byte[] plte = null;
        int[] offsets = new int[8];
        int[] lengths = new int[8];
        int idatCount = 0;
        boolean sawEnd = false;
        CRC32 crc = new CRC32();
        while (pos < data.length) {
            if (data.length - pos < 12) {
                throw new InvalidInputException(file, "PNG truncated: incomplete chunk header at byte " + pos);
            }
            long length = readInt(data, pos) & 0xFFFFFFFFL;
            String type = new String(data, pos + 4, 4, StandardCharsets.ISO_8859_1);
            if (length > data.length - pos - 12L) {
                throw new InvalidInputException(file, "PNG truncated: chunk " + type + " at byte " + pos + " declares "
                        + length + " bytes but only " + Math.max(0, data.length - pos - 12) + " remain");
            }
            int len = (int) length;
            crc.reset();
            crc.update(data, pos + 4, len + 4);
            if ((int) crc.getValue() != readInt(data, pos + 8 + len)) {
                throw new InvalidInputException(file, "PNG damaged: CRC mismatch in chunk " + type + " at byte " + pos);
            }
            int body = pos + 8;
            if (width < 0 && !type.equals("IHDR")) {
                throw new InvalidInputException(file, "PNG damaged: first chunk is " + type + ", not IHDR");
            }
            switch (type) {
                case "IHDR" -> {
                    if (len != 13) {
                        throw new InvalidInputException(file, "PNG damaged: IHDR has " + len + " bytes, not 13");
                    }
                    width = readInt(data, body);
                    height = readInt(data, body + 4);
                    bitDepth = data[body + 8] & 0xFF;
                    colorType = data[body + 9] & 0xFF;
                    interlace = data[body + 12] & 0xFF;
                    if (width <= 0 || height <= 0 || (long) width * height > Integer.MAX_VALUE / 8) {
                        throw new InvalidInputException(file, "PNG has an unsupported size " + width + "x" + height);
                    }
                }
                case "PLTE" -> {
                    if (len % 3 != 0 || len == 0 || len > 768) {
                        throw new InvalidInputException(file, "PNG damaged: PLTE of " + len + " bytes");
                    }
                    plte = Arrays.copyOfRange(data, body, body + len);
                }
                case "IDAT" -> {
                    if (idatCount == offsets.length) {
                        offsets = Arrays.copyOf(offsets, idatCount * 2);
                        lengths = Arrays.copyOf(lengths, idatCount * 2);
                    }
                    offsets[idatCount] = body;
                    lengths[idatCount] = len;
                    idatCount++;
                }
                case "IEND" -> sawEnd = true;
                default -> {
                    // ancillary chunks carry nothing a mask needs
                }
            }
            pos = body + len + 4;
            if (sawEnd) {
                break;
            }
        }
        if (!sawEnd) {
            throw new InvalidInputException(file, "PNG truncated: no IEND chunk");
        }
        if (idatCount == 0) {
            throw new InvalidInputException(file, "PNG damaged: no image data (IDAT)");
        }
        if (colorType == PALETTE && plte == null) {
            throw new InvalidInputException(file, "PNG damaged: palette image without PLTE chunk");
        }
        return new Structure(width, height, bitDepth, colorType, interlace, plte,
                Arrays.copyOf(offsets, idatCount), Arrays.copyOf(lengths, idatCount));
    }

    /**
     * Decodes a palette or greyscale PNG of 1, 2, 4 or 8 bits, not interlaced, into one unsigned
     * byte per pixel (the palette index or grey sample).
     *
     * @param file the file, for messages
     * @param data all its bytes
     * @param png its structure, of a {@link Structure#isFastPathKind() fast-path kind}
     * @return {@code width * height} samples, row-major
     * @throws InvalidInputException when the image data is damaged or short
     */
    public static byte[] decodeSamples(Path file, byte[] data, Structure png) throws InvalidInputException {
        int width = png.width();
        int height = png.height();
        int depth = png.bitDepth();
        int rowBytes = (int) (((long) width * depth + 7) / 8);
        byte[] raw = inflate(file, data, png, (long) height * (rowBytes + 1));
        byte[] samples = new byte[width * height];
        if (depth == 8) {
            for (int y = 0; y < height; y++) {
                unfilter(file, raw, y * (rowBytes + 1), samples, y * width, y == 0 ? -1 : (y - 1) * width, rowBytes,
                        y);
            }
            return samples;
        }
        byte[] rows = new byte[height * rowBytes];
        for (int y = 0; y < height; y++) {
            unfilter(file, raw, y * (rowBytes + 1), rows, y * rowBytes, y == 0 ? -1 : (y - 1) * rowBytes, rowBytes, y);
        }
        int perByte = 8 / depth;
        int maskBits = (1 << depth) - 1;
        for (int y = 0; y < height; y++) {
            int in = y * rowBytes;
            int out = y * width;
            for (int x = 0; x < width; x++) {
                int b = rows[in + x / perByte] & 0xFF;
                int shift = 8 - depth * (x % perByte + 1);
                samples[out + x] = (byte) (b >> shift & maskBits);
            }
        }
        return samples;
    }

    private static byte[] inflate(Path file, byte[] data, Structure png, long expected) throws InvalidInputException {
        if (expected > Integer.MAX_VALUE - 16) {
            throw new InvalidInputException(file, "PNG too large to decode");
        }
        // the filtered rows are scratch: one buffer per thread saves allocating and zeroing it per mask
        byte[] raw = RAW_BUFFERS.get();
        if (raw.length < expected) {
            raw = new byte[(int) expected];
            RAW_BUFFERS.set(raw);
        }
        int rawLength = (int) expected;
        int[] offsets = png.idatOffsets();
        int[] lengths = png.idatLengths();
        byte[] stream = data;
        int offset = offsets[0];
        int length = lengths[0];
        if (offsets.length > 1) {
            length = 0;
            for (int len : lengths) {
                length += len;
            }
            stream = new byte[length];
            offset = 0;
            int at = 0;
            for (int i = 0; i < offsets.length; i++) {
                System.arraycopy(data, offsets[i], stream, at, lengths[i]);
                at += lengths[i];
            }
        }
        int produced;
        try {
            produced = FastInflater.inflate(stream, offset, length, raw, rawLength);
        } catch (DataFormatException e) {
            throw new InvalidInputException(file, "PNG damaged: corrupt compressed image data (" + e.getMessage() + ")",
                    e);
        }
        if (produced < rawLength) {
            throw new InvalidInputException(file,
                    "PNG truncated: image data ends after " + produced + " of " + rawLength + " bytes");
        }
        return raw;
    }

    /** Reverses the PNG filter of one row, one byte per filter unit (bit depth 8 or less, one channel). */
    private static void unfilter(Path file, byte[] raw, int rawOffset, byte[] out, int outOffset, int prevOffset,
            int length, int row) throws InvalidInputException {
        int filter = raw[rawOffset];
        int in = rawOffset + 1;
        switch (filter) {
            case 0 -> System.arraycopy(raw, in, out, outOffset, length);
            case 1 -> {
                int left = 0;
                for (int i = 0; i < length; i++) {
                    left = raw[in + i] + left;
                    out[outOffset + i] = (byte) left;
                }
            }
            case 2 -> {
                if (prevOffset < 0) {
                    System.arraycopy(raw, in, out, outOffset, length);
                } else {
                    for (int i = 0; i < length; i++) {
                        out[outOffset + i] = (byte) (raw[in + i] + out[prevOffset + i]);
                    }
                }
            }
            case 3 -> {
                int left = 0;
                for (int i = 0; i < length; i++) {
                    int up = prevOffset < 0 ? 0 : out[prevOffset + i] & 0xFF;
                    left = (raw[in + i] + ((left + up) >>> 1)) & 0xFF;
                    out[outOffset + i] = (byte) left;
                }
            }
            case 4 -> {
                int left = 0;
                int upLeft = 0;
                for (int i = 0; i < length; i++) {
                    int up = prevOffset < 0 ? 0 : out[prevOffset + i] & 0xFF;
                    int p = left + up - upLeft;
                    int pa = Math.abs(p - left);
                    int pb = Math.abs(p - up);
                    int pc = Math.abs(p - upLeft);
                    int predictor = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
                    left = (raw[in + i] + predictor) & 0xFF;
                    out[outOffset + i] = (byte) left;
                    upLeft = up;
                }
            }
            default -> throw new InvalidInputException(file,
                    "PNG damaged: unknown filter type " + (filter & 0xFF) + " on row " + row);
        }
    }

    /**
     * Encodes an 8-bit palette PNG.
     *
     * @param width pixels per row
     * @param height rows
     * @param indices one palette index per pixel, row-major
     * @param reds palette reds
     * @param greens palette greens
     * @param blues palette blues
     * @param out where the file's bytes go
     * @throws IOException when writing fails
     */
    public static void encodePalette(int width, int height, byte[] indices, byte[] reds, byte[] greens, byte[] blues,
            OutputStream out) throws IOException {
        out.write(SIGNATURE);
        byte[] ihdr = new byte[13];
        writeInt(ihdr, 0, width);
        writeInt(ihdr, 4, height);
        ihdr[8] = 8;
        ihdr[9] = PALETTE;
        writeChunk(out, "IHDR", ihdr, ihdr.length);
        byte[] plte = new byte[reds.length * 3];
        for (int i = 0; i < reds.length; i++) {
            plte[3 * i] = reds[i];
            plte[3 * i + 1] = greens[i];
            plte[3 * i + 2] = blues[i];
        }
        writeChunk(out, "PLTE", plte, plte.length);
        // filter "none" on every row: label masks are long runs that deflate compresses well as they are
        byte[] filtered = new byte[height * (width + 1)];
        for (int y = 0; y < height; y++) {
            System.arraycopy(indices, y * width, filtered, y * (width + 1) + 1, width);
        }
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(Math.max(1024, filtered.length / 16));
        try {
            deflater.setInput(filtered);
            deflater.finish();
            byte[] buffer = new byte[1 << 16];
            while (!deflater.finished()) {
                int n = deflater.deflate(buffer);
                compressed.write(buffer, 0, n);
            }
        } finally {
            deflater.end();
        }
        byte[] idat = compressed.toByteArray();
        writeChunk(out, "IDAT", idat, idat.length);
        writeChunk(out, "IEND", new byte[0], 0);
    }

    private static void writeChunk(OutputStream out, String type, byte[] body, int length) throws IOException {
        byte[] header = new byte[8];
        writeInt(header, 0, length);
        byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(typeBytes, 0, header, 4, 4);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(body, 0, length);
        byte[] trailer = new byte[4];
        writeInt(trailer, 0, (int) crc.getValue());
        out.write(header);
        out.write(body, 0, length);
        out.write(trailer);
    }

    /**
     * @param data bytes
     * @param offset where the big-endian int starts
     * @return the int
     */
    public static int readInt(byte[] data, int offset) {
        return (data[offset] & 0xFF) << 24 | (data[offset + 1] & 0xFF) << 16 | (data[offset + 2] & 0xFF) << 8
                | data[offset + 3] & 0xFF;
    }

    private static void writeInt(byte[] data, int offset, int value) {
        data[offset] = (byte) (value >>> 24);
        data[offset + 1] = (byte) (value >>> 16);
        data[offset + 2] = (byte) (value >>> 8);
        data[offset + 3] = (byte) value;
    }
}
