package org.vosbench.core;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.vosbench.core.internal.ImageIoDecoder;
import org.vosbench.core.internal.PngCodec;

/**
 * Reads video frames (JPEG or PNG) as RGB images. Truncated or damaged files are rejected with
 * an {@link InvalidInputException} rather than decoded partially.
 */
public final class ImageReader {

    /** How far from the end of a JPEG file its end-of-image marker may lie (trailing padding). */
    private static final int EOI_SEARCH_WINDOW = 4096;

    private ImageReader() {
    }

    /**
     * @param file a JPEG or PNG frame
     * @return its pixels as RGB
     * @throws InvalidInputException when the file is missing, of an unknown kind, truncated or damaged
     */
    public static RgbImage readRgb(Path file) throws InvalidInputException {
        byte[] data = MaskIO.readAll(file);
        if (PngCodec.isPng(data)) {
            PngCodec.Structure png = PngCodec.parse(file, data);
            if (png.isFastPathKind()) {
                return expand(file, data, png);
            }
            return toRgb(ImageIoDecoder.read(file, data));
        }
        if (isJpeg(data)) {
            if (!hasEndOfImage(data)) {
                throw new InvalidInputException(file, "JPEG truncated: no end-of-image marker");
            }
            return toRgb(ImageIoDecoder.read(file, data));
        }
        throw new InvalidInputException(file, "not a JPEG or PNG file");
    }

    /**
     * Reads the size of a frame from its header only.
     *
     * @param file a JPEG or PNG frame
     * @return its size
     * @throws InvalidInputException when the file is missing, of an unknown kind or its header is damaged
     */
    public static Dimension2 size(Path file) throws InvalidInputException {
        byte[] head = new byte[24];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file, "file not found", e);
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read file (" + e.getMessage() + ")", e);
        }
        if (n == head.length && PngCodec.isPng(head)) {
            if (head[12] != 'I' || head[13] != 'H' || head[14] != 'D' || head[15] != 'R') {
                throw new InvalidInputException(file, "PNG damaged: first chunk is not IHDR");
            }
            return new Dimension2(PngCodec.readInt(head, 16), PngCodec.readInt(head, 20));
        }
        int[] size = ImageIoDecoder.size(file);
        return new Dimension2(size[0], size[1]);
    }

    /**
     * The checks of a frame that need no decoding, for a run to make before it writes anything: the
     * size from the header, and that the file ends as its format says (a JPEG's end-of-image
     * marker, a PNG's IEND chunk), which a truncated copy or download lacks.
     *
     * @param file a JPEG or PNG frame
     * @return its size
     * @throws InvalidInputException when the file is missing, of an unknown kind, its header is damaged or it is truncated
     */
    public static Dimension2 probe(Path file) throws InvalidInputException {
        Dimension2 size = size(file);
        byte[] tail;
        try (var channel = java.nio.channels.FileChannel.open(file)) {
            long length = channel.size();
            int n = (int) Math.min(length, EOI_SEARCH_WINDOW);
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(n);
            while (buffer.hasRemaining() && channel.read(buffer, length - n + buffer.position()) > 0) {
                // read the tail
            }
            tail = buffer.array();
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read file (" + e.getMessage() + ")", e);
        }
        byte[] head = new byte[8];
        try (InputStream in = Files.newInputStream(file)) {
            in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read file (" + e.getMessage() + ")", e);
        }
        if (PngCodec.isPng(head)) {
            int n = tail.length;
            boolean iend = n >= 8 && tail[n - 8] == 'I' && tail[n - 7] == 'E' && tail[n - 6] == 'N' && tail[n - 5] == 'D';
            if (!iend) {
                throw new InvalidInputException(file, "PNG truncated: no IEND chunk at the end");
            }
        } else if (isJpeg(head) && !hasEndOfImage(tail)) {
            throw new InvalidInputException(file, "JPEG truncated: no end-of-image marker");
        }
        return size;
    }

    private static boolean isJpeg(byte[] data) {
        return data.length >= 3 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8 && (data[2] & 0xFF) == 0xFF;
    }

    private static boolean hasEndOfImage(byte[] data) {
        // 0xFF 0xD9 cannot occur inside entropy-coded data (0xFF is stuffed), so finding it near the
        // end means the scan was complete; some writers pad after it
        int from = Math.max(2, data.length - EOI_SEARCH_WINDOW);
        for (int i = data.length - 2; i >= from; i--) {
            if ((data[i] & 0xFF) == 0xFF && (data[i + 1] & 0xFF) == 0xD9) {
                return true;
            }
        }
        return false;
    }

    private static RgbImage expand(Path file, byte[] data, PngCodec.Structure png) throws InvalidInputException {
        byte[] samples = PngCodec.decodeSamples(file, data, png);
        byte[] rgb = new byte[samples.length * 3];
        if (png.colorType() == PngCodec.PALETTE) {
            byte[] plte = png.plte();
            int entries = plte.length / 3;
            for (int i = 0; i < samples.length; i++) {
                int index = samples[i] & 0xFF;
                if (index < entries) {
                    rgb[3 * i] = plte[3 * index];
                    rgb[3 * i + 1] = plte[3 * index + 1];
                    rgb[3 * i + 2] = plte[3 * index + 2];
                }
            }
        } else {
            int scale = 255 / ((1 << png.bitDepth()) - 1);
            for (int i = 0; i < samples.length; i++) {
                byte grey = (byte) ((samples[i] & 0xFF) * scale);
                rgb[3 * i] = grey;
                rgb[3 * i + 1] = grey;
                rgb[3 * i + 2] = grey;
            }
        }
        return new RgbImage(png.width(), png.height(), rgb);
    }

    private static RgbImage toRgb(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        byte[] rgb = new byte[3 * width * height];
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR
                && image.getRaster().getDataBuffer() instanceof DataBufferByte buffer
                && buffer.getData().length == rgb.length) {
            byte[] bgr = buffer.getData();
            for (int i = 0; i < rgb.length; i += 3) {
                rgb[i] = bgr[i + 2];
                rgb[i + 1] = bgr[i + 1];
                rgb[i + 2] = bgr[i];
            }
            return new RgbImage(width, height, rgb);
        }
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                int i = 3 * (y * width + x);
                rgb[i] = (byte) (row[x] >> 16);
                rgb[i + 1] = (byte) (row[x] >> 8);
                rgb[i + 2] = (byte) row[x];
            }
        }
        return new RgbImage(width, height, rgb);
    }
}
