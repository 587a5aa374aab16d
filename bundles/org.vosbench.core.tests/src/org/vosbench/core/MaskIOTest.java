package org.vosbench.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaskIOTest {

    @TempDir
    Path dir;

    @Test
    void paletteRoundTripKeepsIndicesAndPalette() throws IOException {
        Random random = new Random(42);
        LabelMask mask = blockyMask(random, 37, 23, 256);
        byte[] r = new byte[20];
        byte[] g = new byte[20];
        byte[] b = new byte[20];
        random.nextBytes(r);
        random.nextBytes(g);
        random.nextBytes(b);
        Palette palette = new Palette(r, g, b);
        Path file = dir.resolve("mask.png");

        MaskIO.write(file, mask, palette);
        IndexedPng read = MaskIO.readIndexed(file);

        assertEquals(mask, read.mask());
        assertEquals(palette, read.palette());
        assertTrue(read.paletted());
    }

    @Test
    void writtenMaskDecodesIdenticallyWithImageIo() throws IOException {
        LabelMask mask = blockyMask(new Random(7), 854, 480, 6);
        mask.set(0, 0, 255);
        Path file = dir.resolve("00000.png");

        MaskIO.write(file, mask);

        BufferedImage image = ImageIO.read(file.toFile());
        assertArrayEquals(mask.labels(), indices(image));
        IndexColorModel model = (IndexColorModel) image.getColorModel();
        assertEquals(Palette.davis().rgb(255), model.getRGB(255) & 0xFFFFFF);
        assertEquals(Palette.davis().rgb(1), model.getRGB(1) & 0xFFFFFF);
    }

    @Test
    void davisPaletteIsThePaletteOfTheDavisAnnotations() throws IOException {
        Path annotation = SharedData.data().resolve("davis-multi-pseudo/Annotations/480p/soapbox/00000.png");

        assertEquals(Palette.davis(), MaskIO.readIndexed(annotation).palette());
        assertEquals(0xE0E0C0, Palette.davis().rgb(255));
        assertEquals(0x800000, Palette.davis().rgb(1));
    }

    @Test
    void realDavisMasksDecodeAsImageIoDecodesThem() throws IOException {
        List<Path> masks;
        try (Stream<Path> files = Stream.concat(Files.walk(SharedData.data().resolve("davis-real/Annotations")),
                Files.walk(SharedData.data().resolve("davis-multi-pseudo/Annotations")))) {
            masks = files.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        }
        assertTrue(masks.size() > 200, "expected the DAVIS fixture masks, found " + masks.size());

        for (Path mask : masks) {
            assertArrayEquals(indices(ImageIO.read(mask.toFile())), MaskIO.read(mask).labels(), mask.toString());
        }
    }

    @Test
    void imageIoWrittenPalettePngsOfEveryBitDepthDecodeToTheSameIndices() throws IOException {
        Random random = new Random(3);
        for (int bits : new int[] {1, 2, 4, 8}) {
            int entries = 1 << bits;
            byte[] r = new byte[entries];
            byte[] g = new byte[entries];
            byte[] b = new byte[entries];
            random.nextBytes(r);
            random.nextBytes(g);
            random.nextBytes(b);
            IndexColorModel model = new IndexColorModel(bits, entries, r, g, b);
            int type = bits == 8 ? BufferedImage.TYPE_BYTE_INDEXED : BufferedImage.TYPE_BYTE_BINARY;
            BufferedImage image = new BufferedImage(101, 67, type, model);
            LabelMask expected = blockyMask(random, 101, 67, entries);
            for (int y = 0; y < 67; y++) {
                for (int x = 0; x < 101; x++) {
                    image.getRaster().setSample(x, y, 0, expected.get(x, y));
                }
            }
            Path file = dir.resolve("bits" + bits + ".png");
            ImageIO.write(image, "png", file.toFile());

            IndexedPng read = MaskIO.readIndexed(file);

            assertEquals(expected, read.mask(), "bit depth " + bits);
            assertEquals(new Palette(r, g, b), read.palette(), "bit depth " + bits);
        }
    }

    @Test
    void greyscaleZeroAnd255AreReadAsObjectOne() throws IOException {
        BufferedImage grey = new BufferedImage(4, 2, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSamples(0, 0, 4, 2, 0, new int[] {0, 255, 255, 0, 0, 0, 255, 0});
        Path file = dir.resolve("davis2016.png");
        ImageIO.write(grey, "png", file.toFile());

        IndexedPng read = MaskIO.readIndexed(file);

        assertArrayEquals(new byte[] {0, 1, 1, 0, 0, 0, 1, 0}, read.mask().labels());
        assertFalse(read.paletted());
    }

    @Test
    void sixteenBitGreyMaskIsReadAsItsValuesAsNumpyReadsThem() throws IOException {
        BufferedImage grey = new BufferedImage(4, 1, BufferedImage.TYPE_USHORT_GRAY);
        grey.getRaster().setSamples(0, 0, 4, 1, 0, new int[] {0, 1, 2, 7});
        Path file = dir.resolve("grey16.png");
        ImageIO.write(grey, "png", file.toFile());

        // np.array(Image.open(file)) gives [0, 1, 2, 7]: the labels, not their high bytes (all 0)
        assertArrayEquals(new byte[] {0, 1, 2, 7}, MaskIO.read(file).labels());
    }

    @Test
    void sixteenBitLabelAbove255IsRejectedNamingTheFile() throws IOException {
        BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        grey.getRaster().setSamples(0, 0, 2, 1, 0, new int[] {0, 300});
        Path file = dir.resolve("grey16.png");
        ImageIO.write(grey, "png", file.toFile());

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> MaskIO.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains("300"), e.getMessage());
    }

    @Test
    void greyscaleWithOtherValuesKeepsThem() throws IOException {
        BufferedImage grey = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {0, 2, 255});
        Path file = dir.resolve("grey.png");
        ImageIO.write(grey, "png", file.toFile());

        assertArrayEquals(new byte[] {0, 2, (byte) 255}, MaskIO.read(file).labels());
    }

    @Test
    void truncatedPngIsRejectedNamingTheFile() throws IOException {
        Path source = SharedData.data().resolve("davis-real/Annotations/480p/drift-straight/00010.png");
        byte[] bytes = Files.readAllBytes(source);
        Path file = dir.resolve("truncated.png");
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> MaskIO.read(file));

        assertEquals(file, e.file());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void pngWithoutIendIsRejectedAsTruncated() throws IOException {
        Path source = SharedData.data().resolve("davis-real/Annotations/480p/drift-straight/00010.png");
        byte[] bytes = Files.readAllBytes(source);
        Path file = dir.resolve("no-iend.png");
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 12));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> MaskIO.read(file));

        assertTrue(e.getMessage().contains("no IEND"), e.getMessage());
    }

    @Test
    void corruptPngDataIsRejectedNamingTheChunk() throws IOException {
        Path source = SharedData.data().resolve("davis-real/Annotations/480p/drift-straight/00010.png");
        byte[] bytes = Files.readAllBytes(source);
        bytes[bytes.length / 2] ^= 0x5A;
        Path file = dir.resolve("corrupt.png");
        Files.write(file, bytes);

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> MaskIO.read(file));

        assertEquals(file, e.file());
        assertTrue(e.getMessage().contains("CRC mismatch in chunk IDAT"), e.getMessage());
    }

    @Test
    void nonPngAndMissingFilesAreRejected() throws IOException {
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "not an image");
        Path missing = dir.resolve("missing.png");

        assertTrue(assertThrows(InvalidInputException.class, () -> MaskIO.read(text)).getMessage()
                .contains("not a PNG"));
        assertEquals(missing, assertThrows(InvalidInputException.class, () -> MaskIO.read(missing)).file());
    }

    private static LabelMask blockyMask(Random random, int width, int height, int labels) {
        LabelMask mask = LabelMask.empty(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                // regions of 5x3 pixels, some noise: exercises every PNG filter an encoder may pick
                int block = (x / 5 * 31 + y / 3 * 17) % labels;
                mask.set(x, y, random.nextInt(10) == 0 ? random.nextInt(labels) : block);
            }
        }
        return mask;
    }

    private static byte[] indices(BufferedImage image) {
        Raster raster = image.getRaster();
        int width = image.getWidth();
        int height = image.getHeight();
        int[] samples = raster.getSamples(0, 0, width, height, 0, (int[]) null);
        byte[] bytes = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            bytes[i] = (byte) samples[i];
        }
        return bytes;
    }
}
