package org.vosbench.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.train.data.Geometry.Interpolation;

/**
 * The transforms against torchvision 0.14 / Pillow 9.4 themselves: the fixtures in {@code transforms/}
 * are torchvision's outputs for fixed parameters on a 64x48 DAVIS crop
 * ({@code fixtures/make-transform-fixtures.py}); the same parameters go through VOS Bench's code.
 */
class TransformParityTest {

    private static final Raster IN = rgb("in");
    private static final Raster IN_GT = labels("in_gt");

    @Test
    void theAffineWarpOfImagesAndMasksIsTorchvisionsExactly() {
        double[] m = Geometry.inverseAffine(IN.width() * 0.5, IN.height() * 0.5, 12.5, 0, 0, 1, 7.0, 0);
        assertSame("affine", Geometry.affine(IN, m, Interpolation.BICUBIC, Colour.FILL), rgb("affine"), 0, 0);
        assertSame("affine_gt", Geometry.affine(IN_GT, m, Interpolation.NEAREST, new int[] {0}), labels("affine_gt"), 0, 0);
        assertTrue(labels("affine_gt").count(1) > 200, "the fixture's mask holds the car");
    }

    @Test
    void theStaticSamplersScalingMatchesTorchvision() {
        // PIL accumulates the scaled coordinates in floating point: a pixel on an exact boundary may
        // take its neighbour
        double[] m = Geometry.inverseAffine(IN.width() * 0.5, IN.height() * 0.5, 0, 0, 0, 1.3, 0, 0);
        assertSame("scale", Geometry.affine(IN, m, Interpolation.NEAREST, Colour.FILL), rgb("scale"), 255, 0.03);
    }

    @Test
    void theResizedCropMatchesTorchvisionWithinOneLevel() {
        assertSame("crop", Geometry.resize(IN, 7, 5, 40, 30, 32, 32, Interpolation.BICUBIC), rgb("crop"), 1, 0.05);
        assertSame("crop_gt", Geometry.resize(IN_GT, 7, 5, 40, 30, 32, 32, Interpolation.NEAREST), labels("crop_gt"), 0, 0);
        int w = (int) ((long) 30 * IN.width() / IN.height());
        assertSame("resize", Geometry.resize(IN, 0, 0, IN.width(), IN.height(), w, 30, Interpolation.BICUBIC),
                rgb("resize"), 1, 0.01);
    }

    @Test
    void theColourJitterAdjustmentsArePillowsExactly() {
        assertSame("brightness", only(0, 1.07), rgb("brightness"), 0, 0);
        assertSame("contrast", only(1, 0.93), rgb("contrast"), 0, 0);
        assertSame("saturation", only(2, 1.04), rgb("saturation"), 0, 0);
        assertSame("hue", Colour.hue(IN, 0.04), rgb("hue"), 1, 0.005);
        assertSame("hue_negative", Colour.hue(IN, -0.03), rgb("hue_negative"), 1, 0.005);
        assertSame("grayscale", new Colour.Jitter(new int[] {0, 1, 2, 3}, 1, 1, 1, 0, true).apply(IN),
                rgb("grayscale"), 0, 0);
    }

    private static Raster only(int op, double factor) {
        int[] order = {op, (op + 1) % 4, (op + 2) % 4, (op + 3) % 4};
        return new Colour.Jitter(order, op == 0 ? factor : 1, op == 1 ? factor : 1, op == 2 ? factor : 1, 0, false)
                .apply(IN);
    }

    private static void assertSame(String name, Raster ours, Raster theirs, int maxDiff, double maxFraction) {
        assertEquals(theirs.width(), ours.width(), name);
        assertEquals(theirs.height(), ours.height(), name);
        assertEquals(theirs.channels(), ours.channels(), name);
        int worst = 0;
        int differing = 0;
        for (int i = 0; i < ours.data().length; i++) {
            int d = Math.abs((ours.data()[i] & 0xFF) - (theirs.data()[i] & 0xFF));
            worst = Math.max(worst, d);
            differing += d != 0 ? 1 : 0;
        }
        double fraction = differing / (double) ours.data().length;
        assertTrue(worst <= maxDiff && fraction <= maxFraction, name + ": largest difference " + worst
                + ", differing samples " + fraction);
    }

    private static InputStream open(String name) {
        InputStream in = TransformParityTest.class.getResourceAsStream("transforms/" + name + ".png");
        if (in == null) {
            throw new IllegalStateException("fixture transforms/" + name + ".png missing");
        }
        return in;
    }

    private static Raster rgb(String name) {
        try (InputStream in = open(name)) {
            BufferedImage im = ImageIO.read(in);
            byte[] d = new byte[im.getWidth() * im.getHeight() * 3];
            for (int y = 0; y < im.getHeight(); y++) {
                for (int x = 0; x < im.getWidth(); x++) {
                    int p = im.getRGB(x, y);
                    int i = 3 * (y * im.getWidth() + x);
                    d[i] = (byte) (p >> 16);
                    d[i + 1] = (byte) (p >> 8);
                    d[i + 2] = (byte) p;
                }
            }
            return new Raster(im.getWidth(), im.getHeight(), 3, d);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Raster labels(String name) {
        try (InputStream in = open(name)) {
            LabelMask m = MaskIO.decode(Path.of("transforms", name + ".png"), in.readAllBytes()).mask();
            return new Raster(m.width(), m.height(), 1, m.labels());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
