package org.vosbench.train.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntBinaryOperator;

import javax.imageio.ImageIO;

import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;

/** Writes small synthetic sequences (PNG frames and palette masks) for the sampler tests. */
final class Clips {

    private Clips() {
    }

    /** Writes an RGB PNG whose pixel (x, y) is {@code rgb.applyAsInt(x, y)} (0xRRGGBB). */
    static Path writeRgb(Path file, int width, int height, IntBinaryOperator rgb) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, rgb.applyAsInt(x, y));
            }
        }
        Files.createDirectories(file.getParent());
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
        return file;
    }

    /** Writes an image ({@code png} or {@code jpg}) with the grey level {@code grey.applyAsInt(x, y)}. */
    static Path writeGrey(Path file, String kind, int width, int height, IntBinaryOperator grey) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, grey.applyAsInt(x, y));
            }
        }
        Files.createDirectories(file.getParent());
        if (!ImageIO.write(image, kind, file.toFile())) {
            throw new IOException("no " + kind + " writer");
        }
        return file;
    }

    /** Writes a palette mask whose label at (x, y) is {@code label.applyAsInt(x, y)}. */
    static Path writeMask(Path file, int width, int height, IntBinaryOperator label) throws IOException {
        LabelMask mask = LabelMask.empty(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                mask.set(x, y, label.applyAsInt(x, y));
            }
        }
        Files.createDirectories(file.getParent());
        MaskIO.write(file, mask);
        return file;
    }

    /** Frame index, x, y to a value. */
    interface PerFrame {
        int at(int frame, int x, int y);
    }

    /** A clip of {@code n} frames under {@code dir/name}: frames {@code %05d.png}, masks {@code %05d_m.png}. */
    static VosSource.Clip clip(Path dir, String name, int n, int width, int height, PerFrame rgb, PerFrame label)
            throws IOException {
        List<Path> images = new ArrayList<>();
        List<Path> masks = new ArrayList<>();
        for (int f = 0; f < n; f++) {
            int frame = f;
            images.add(writeRgb(dir.resolve(name).resolve(String.format("%05d.png", f)), width, height,
                    (x, y) -> rgb.at(frame, x, y)));
            masks.add(writeMask(dir.resolve(name).resolve(String.format("%05d_m.png", f)), width, height,
                    (x, y) -> label.at(frame, x, y)));
        }
        return new VosSource.Clip(name, images, masks);
    }

    /** De-normalises channel c of frame k at pixel i back to 0..255. */
    static double pixel(TrainingSample s, int k, int c, int i) {
        int plane = s.width() * s.height();
        float v = s.rgb()[(k * 3 + c) * plane + i];
        return (v * Colour.STD[c] + Colour.MEAN[c]) * 255;
    }
}
