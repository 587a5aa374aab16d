package org.vosbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageReaderTest {

    @TempDir
    Path dir;

    private static Path frame() {
        return SharedData.data().resolve("davis-real/JPEGImages/480p/drift-straight/00000.jpg");
    }

    @Test
    void readsDavisJpegAsImageIoDecodesIt() throws IOException {
        RgbImage image = ImageReader.readRgb(frame());

        BufferedImage expected = ImageIO.read(frame().toFile());
        assertEquals(854, image.width());
        assertEquals(480, image.height());
        for (int[] xy : new int[][] {{0, 0}, {853, 479}, {400, 200}, {17, 311}}) {
            assertEquals(expected.getRGB(xy[0], xy[1]), image.argb(xy[0], xy[1]));
        }
    }

    @Test
    void sizeComesFromTheHeader() throws IOException {
        assertEquals(new Dimension2(854, 480), ImageReader.size(frame()));
        assertEquals(new Dimension2(854, 480),
                ImageReader.size(SharedData.data().resolve("davis-real/Annotations/480p/drift-straight/00000.png")));
    }

    @Test
    void paletteMaskIsExpandedThroughItsPalette() throws IOException {
        LabelMask mask = new LabelMask(2, 1, new byte[] {1, (byte) 255});
        Path file = dir.resolve("m.png");
        MaskIO.write(file, mask);

        RgbImage image = ImageReader.readRgb(file);

        assertEquals(0xFF800000, image.argb(0, 0));
        assertEquals(0xFFE0E0C0, image.argb(1, 0));
    }

    @Test
    void truncatedJpegIsRejectedNamingTheFile() throws IOException {
        byte[] bytes = Files.readAllBytes(frame());
        Path file = dir.resolve("truncated.jpg");
        Files.write(file, Arrays.copyOf(bytes, bytes.length * 2 / 3));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ImageReader.readRgb(file));

        assertEquals(file, e.file());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void probeFindsATruncatedJpegOrPngWithoutDecodingAndPassesWholeOnes() throws IOException {
        byte[] jpeg = Files.readAllBytes(frame());
        Path cut = dir.resolve("cut.jpg");
        Files.write(cut, Arrays.copyOf(jpeg, jpeg.length / 2));
        Path png = dir.resolve("mask.png");
        MaskIO.write(png, LabelMask.empty(6, 4));
        byte[] pngBytes = Files.readAllBytes(png);
        Path cutPng = dir.resolve("cut.png");
        Files.write(cutPng, Arrays.copyOf(pngBytes, pngBytes.length - 12));

        assertEquals(ImageReader.size(frame()), ImageReader.probe(frame()));
        assertEquals(new Dimension2(6, 4), ImageReader.probe(png));
        for (Path bad : new Path[] {cut, cutPng}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> ImageReader.probe(bad));
            assertEquals(bad, e.file());
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        }
    }

    @Test
    void corruptJpegIsRejected() throws IOException {
        byte[] bytes = Files.readAllBytes(frame());
        Arrays.fill(bytes, 20, 600, (byte) 0x11);
        Path file = dir.resolve("corrupt.jpg");
        Files.write(file, bytes);

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ImageReader.readRgb(file));

        assertEquals(file, e.file());
    }
}
