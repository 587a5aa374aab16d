package org.vosbench.core;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.vosbench.core.internal.ImageIoDecoder;
import org.vosbench.core.internal.PngCodec;

/**
 * Reads and writes label masks as PNG files.
 *
 * <p>Palette PNGs keep their indices exactly. Greyscale masks keep their grey values, except
 * that a mask holding only 0 and 255 (DAVIS 2016's binary masks) is read as background and
 * object 1. RGB masks are mapped through the DAVIS palette. Writing produces an 8-bit palette
 * PNG, atomically.
 */
public final class MaskIO {

    private MaskIO() {
    }

    /**
     * @param png the mask file
     * @return its labels
     * @throws InvalidInputException when the file is missing, not a mask PNG, truncated or damaged
     */
    public static LabelMask read(Path png) throws InvalidInputException {
        return readIndexed(png).mask();
    }

    /**
     * @param png the mask file
     * @return its labels and palette
     * @throws InvalidInputException when the file is missing, not a mask PNG, truncated or damaged
     */
    public static IndexedPng readIndexed(Path png) throws InvalidInputException {
        return decode(png, readAll(png));
    }

    /**
     * Decodes mask bytes already in memory.
     *
     * @param png the file they came from, for messages
     * @param data the PNG bytes
     * @return the labels and palette
     * @throws InvalidInputException when the bytes are not a mask PNG, truncated or damaged
     */
    public static IndexedPng decode(Path png, byte[] data) throws InvalidInputException {
        PngCodec.Structure structure = PngCodec.parse(png, data);
        int width = structure.width();
        int height = structure.height();
        if (structure.isFastPathKind()) {
            byte[] samples = PngCodec.decodeSamples(png, data, structure);
            if (structure.colorType() == PngCodec.PALETTE) {
                return new IndexedPng(new LabelMask(width, height, samples), palette(structure.plte()), true);
            }
            if (structure.bitDepth() == 8) {
                binaryGreyToObjectOne(samples);
            }
            return new IndexedPng(new LabelMask(width, height, samples), Palette.davis(), false);
        }
        return decodeWithImageIo(png, data, width, height);
    }

    private static IndexedPng decodeWithImageIo(Path png, byte[] data, int width, int height)
            throws InvalidInputException {
        BufferedImage image = ImageIoDecoder.read(png, data);
        Raster raster = image.getRaster();
        byte[] labels = new byte[width * height];
        if (image.getColorModel() instanceof IndexColorModel icm) {
            int[] row = new int[width];
            for (int y = 0; y < height; y++) {
                raster.getSamples(0, y, width, 1, 0, row);
                for (int x = 0; x < width; x++) {
                    labels[y * width + x] = (byte) row[x];
                }
            }
            int size = icm.getMapSize();
            byte[] r = new byte[size];
            byte[] g = new byte[size];
            byte[] b = new byte[size];
            icm.getReds(r);
            icm.getGreens(g);
            icm.getBlues(b);
            return new IndexedPng(new LabelMask(width, height, labels), new Palette(r, g, b), true);
        }
        int bands = raster.getNumBands();
        if (bands <= 2) {
            // grey samples are the labels themselves, as numpy reads them (np.array(Image.open(f)) in the
            // toolkit): a 16-bit mask's 1 is object 1, not the high byte 0
            int max = (1 << raster.getSampleModel().getSampleSize(0)) - 1;
            int[] row = new int[width];
            boolean binary = true;
            for (int y = 0; y < height; y++) {
                raster.getSamples(0, y, width, 1, 0, row);
                for (int x = 0; x < width; x++) {
                    binary &= row[x] == 0 || row[x] == max;
                }
            }
            for (int y = 0; y < height; y++) {
                raster.getSamples(0, y, width, 1, 0, row);
                for (int x = 0; x < width; x++) {
                    int v = binary && row[x] == max ? 255 : row[x];
                    if (v > 255) {
                        throw new InvalidInputException(png, String.format("label %d at (%d, %d) does not fit a mask"
                                + " (ids 0-255); save masks as 8-bit palette PNGs", v, x, y));
                    }
                    labels[y * width + x] = (byte) v;
                }
            }
            binaryGreyToObjectOne(labels);
            return new IndexedPng(new LabelMask(width, height, labels), Palette.davis(), false);
        }
        Map<Integer, Integer> davisIndex = new HashMap<>();
        Palette davis = Palette.davis();
        for (int i = 0; i < 256; i++) {
            davisIndex.put(davis.rgb(i), i);
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                Integer index = davisIndex.get(rgb);
                if (index == null) {
                    throw new InvalidInputException(png, String.format(
                            "colour #%06X at (%d, %d) is not in the DAVIS palette; save masks as palette PNGs", rgb, x,
                            y));
                }
                labels[y * width + x] = (byte) (int) index;
            }
        }
        return new IndexedPng(new LabelMask(width, height, labels), davis, false);
    }

    /** DAVIS 2016 stores binary masks as grey 0/255: read them as object 1. */
    private static void binaryGreyToObjectOne(byte[] samples) {
        for (byte sample : samples) {
            if (sample != 0 && sample != (byte) 255) {
                return;
            }
        }
        for (int i = 0; i < samples.length; i++) {
            if (samples[i] != 0) {
                samples[i] = 1;
            }
        }
    }

    private static Palette palette(byte[] plte) {
        int n = plte.length / 3;
        byte[] r = new byte[n];
        byte[] g = new byte[n];
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            r[i] = plte[3 * i];
            g[i] = plte[3 * i + 1];
            b[i] = plte[3 * i + 2];
        }
        return new Palette(r, g, b);
    }

    static byte[] readAll(Path file) throws InvalidInputException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file, "file not found", e);
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read file (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Writes a mask with the DAVIS palette, atomically.
     *
     * @param png the file to write
     * @param mask the labels
     * @throws IOException when writing fails; the file is then unchanged
     */
    public static void write(Path png, LabelMask mask) throws IOException {
        write(png, mask, Palette.davis());
    }

    /**
     * Writes a mask as an 8-bit palette PNG with the given palette, atomically.
     *
     * @param png the file to write
     * @param mask the labels
     * @param palette the colours to store
     * @throws IOException when writing fails; the file is then unchanged
     */
    public static void write(Path png, LabelMask mask, Palette palette) throws IOException {
        AtomicFiles.write(png, out -> encode(mask, palette, out));
    }

    /**
     * Encodes a mask as an 8-bit palette PNG.
     *
     * @param mask the labels
     * @param palette the colours to store
     * @param out where the bytes go
     * @throws IOException when writing fails
     */
    public static void encode(LabelMask mask, Palette palette, OutputStream out) throws IOException {
        PngCodec.encodePalette(mask.width(), mask.height(), mask.labels(), palette.reds(), palette.greens(),
                palette.blues(), out);
    }
}
