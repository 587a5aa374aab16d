package org.vosbench.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosbench.core.InvalidInputException;
import org.vosbench.dataset.DatasetFormatRegistry;
import org.vosbench.testing.OsgiServices;
import org.vosbench.testing.SharedData;
import org.vosbench.train.Stage;

/** The official {@code VOSDataset}'s properties, on the shared DAVIS sequences and on synthetic clips. */
class VosSourceTest {

    private static final int SIZE = 48;

    private static DatasetFormatRegistry registry;
    private static IndexedSampleSource davis;

    @BeforeAll
    static void open() throws IOException {
        registry = OsgiServices.get(VosSourceTest.class, DatasetFormatRegistry.class);
        davis = TrainingData.open(registry, List.of(DatasetSpec.of(SharedData.davisReal())), SIZE, Stage.MAIN_AFTER_STATIC);
    }

    private static VosSource davisSequences() {
        return (VosSource) ((MixSource) davis).parts().get(0).source();
    }

    @Test
    void theMainStageRepeatsDavisFiveTimesAsTheOfficialMix() {
        MixSource mix = assertInstanceOf(MixSource.class, davis);
        assertEquals(1, mix.parts().size());
        assertEquals(5, mix.parts().get(0).repeat());
        assertEquals(2, mix.parts().get(0).source().size(), "drift-straight and car-roundabout");
        assertEquals(10, mix.size());
        assertTrue(mix.describe().contains("5 x DAVIS"), mix.describe());
    }

    @Test
    void samplesOfDavisHaveThreeFramesWithinTheJumpAndTheVisibleTarget() {
        VosSource source = davisSequences();
        SplittableRandom rng = new SplittableRandom(11);
        for (int n = 0; n < 6; n++) {
            int maxSkip = n % 2 == 0 ? 5 : 20;
            VosSource.Draw d = source.draw(n % 2, rng, maxSkip);
            TrainingSample s = d.sample();
            assertEquals(SIZE, s.width());
            assertEquals(SIZE, s.height());
            int[] f = d.frames();
            boolean forward = f[0] <= f[1] && f[1] <= f[2];
            boolean backward = f[0] >= f[1] && f[1] >= f[2];
            assertTrue(forward || backward, Arrays.toString(f));
            assertTrue(Math.abs(f[1] - f[0]) <= maxSkip + 1 && Math.abs(f[2] - f[1]) <= maxSkip + 1, Arrays.toString(f));
            assertTrue(s.info().startsWith(d.clip().name() + " ["), s.info());
            // one object per sequence: never a second one
            assertNull(s.second(), s.info());
            assertEquals(0, d.second());
            if (d.target() != 0) {
                assertTrue(count(s.target(), 0, SIZE * SIZE) > 0, "the target is visible in the first frame: " + s.info());
            } else {
                assertEquals(VosSource.TRIES, d.tries());
            }
            for (float v : s.target()) {
                assertTrue(v == 0 || v == 1);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameSamplesAnotherSeedOthers() {
        TrainingSample a = davis.sample(new SplittableRandom(42), 10);
        TrainingSample b = davis.sample(new SplittableRandom(42), 10);
        TrainingSample c = davis.sample(new SplittableRandom(43), 10);
        assertArrayEquals(a.rgb(), b.rgb());
        assertArrayEquals(a.target(), b.target());
        assertEquals(a.info(), b.info());
        assertFalse(Arrays.equals(a.rgb(), c.rgb()), "another seed, another sample");
    }

    @Test
    void masksAreWarpedWithTheirImages(@TempDir Path dir) throws IOException {
        // the image's brightness encodes the label: background 20, object 2 175, object 1 245; the
        // objects move from frame to frame, so a mask paired with another frame would not match
        int w = 96;
        int h = 72;
        Clips.PerFrame label = (f, x, y) -> {
            int cx = 20 + 10 * f;
            if ((x - cx) * (x - cx) + (y - 30) * (y - 30) < 14 * 14) {
                return 1;
            }
            return x > 60 - 4 * f && x < 90 - 4 * f && y > 40 && y < 66 ? 2 : 0;
        };
        Clips.PerFrame rgb = (f, x, y) -> {
            int v = switch (label.at(f, x, y)) {
                case 1 -> 245;
                case 2 -> 175;
                default -> 20;
            };
            return v << 16 | v << 8 | v;
        };
        VosSource.Clip clip = Clips.clip(dir, "moving", 8, w, h, rgb, label);
        VosSource source = VosSource.of("synthetic", List.of(clip), VosSource.Variant.VOS, SIZE, 1);
        SplittableRandom rng = new SplittableRandom(5);
        int checked = 0;
        for (int n = 0; n < 8; n++) {
            VosSource.Draw d = source.draw(0, rng, 3);
            TrainingSample s = d.sample();
            for (int k = 0; k < 3; k++) {
                for (int y = 2; y < SIZE - 2; y++) {
                    for (int x = 2; x < SIZE - 2; x++) {
                        int i = y * SIZE + x;
                        int l = interiorLabel(s, d, k, x, y);
                        if (l < 0) {
                            continue;
                        }
                        double luma = 0.299 * Clips.pixel(s, k, 0, i) + 0.587 * Clips.pixel(s, k, 1, i)
                                + 0.114 * Clips.pixel(s, k, 2, i);
                        String at = s.info() + " frame " + k + " (" + x + "," + y + ") label " + l + " luma " + luma;
                        switch (l) {
                            case 1 -> assertTrue(luma > 205, at);
                            case 2 -> assertTrue(luma > 140 && luma < 205, at);
                            default -> assertTrue(luma < 140, at);
                        }
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 8 * 3 * SIZE * SIZE / 4, "interior pixels checked: " + checked);
    }

    /**
     * The label at (x, y) of frame k when its 5x5 neighbourhood has one label, else -1; background
     * only when the sample carries both objects of the clip (else an unseen object reads as 0).
     */
    private static int interiorLabel(TrainingSample s, VosSource.Draw d, int k, int x, int y) {
        int plane = SIZE * SIZE;
        int found = -2;
        for (int dy = -2; dy <= 2; dy++) {
            for (int dx = -2; dx <= 2; dx++) {
                int i = k * plane + (y + dy) * SIZE + x + dx;
                boolean t = s.target()[i] == 1;
                boolean sec = s.second() != null && s.second()[i] == 1;
                int l = t ? d.target() : sec ? d.second() : 0;
                if (found == -2) {
                    found = l;
                } else if (found != l) {
                    return -1;
                }
            }
        }
        return found == 0 && d.second() == 0 ? -1 : found;
    }

    @Test
    void theCropKeepsTheTargetOrRetriesAtMostFiveTimes(@TempDir Path dir) throws IOException {
        // a 12x12 object in the top-left corner: many crops and rotations lose it
        VosSource.Clip clip = Clips.clip(dir, "corner", 5, 100, 100, (f, x, y) -> 0x808080,
                (f, x, y) -> x < 12 && y < 12 ? 1 : 0);
        VosSource source = VosSource.of("synthetic", List.of(clip), VosSource.Variant.VOS, 32, 1);
        SplittableRandom rng = new SplittableRandom(9);
        int retriedAndFound = 0;
        int gaveUp = 0;
        int plane = 32 * 32;
        for (int n = 0; n < 40; n++) {
            VosSource.Draw d = source.draw(0, rng, 2);
            assertTrue(d.tries() >= 1 && d.tries() <= VosSource.TRIES, "tries " + d.tries());
            if (d.target() != 0) {
                assertEquals(1, d.target());
                assertTrue(count(d.sample().target(), 0, plane) > 0, "visible in the first frame after " + d.tries());
                if (d.tries() > 1) {
                    retriedAndFound++;
                }
            } else {
                assertEquals(VosSource.TRIES, d.tries(), "gives up only after five tries");
                assertEquals(0, count(d.sample().target(), 0, 3 * plane), "no target: empty masks as the official -1");
                assertTrue(d.sample().info().contains("no object visible"));
                gaveUp++;
            }
            assertNull(d.sample().second());
        }
        assertTrue(retriedAndFound > 0, "some draws found the target on a later try");
        assertTrue(gaveUp > 0, "some draws never saw it in five tries");
    }

    @Test
    void aSecondObjectIsChosenAmongTheOthersInTheFirstFrame(@TempDir Path dir) throws IOException {
        // three objects filling thirds of the frame: every draw sees at least two of them
        VosSource.Clip clip = Clips.clip(dir, "thirds", 4, 90, 60, (f, x, y) -> 0x404040 + x,
                (f, x, y) -> 1 + x / 30);
        VosSource source = VosSource.of("synthetic", List.of(clip), VosSource.Variant.VOS, 24, 1);
        SplittableRandom rng = new SplittableRandom(3);
        int[] targets = new int[4];
        for (int n = 0; n < 30; n++) {
            VosSource.Draw d = source.draw(0, rng, 2);
            assertNotEquals(0, d.second(), d.sample().info());
            assertNotEquals(d.target(), d.second());
            assertTrue(count(d.sample().second(), 0, 24 * 24) > 0, "the second object is in the first frame");
            targets[d.target()]++;
        }
        assertTrue(targets[1] > 0 && targets[2] > 0 && targets[3] > 0, "each object is the target sometimes: "
                + Arrays.toString(targets));
    }

    @Test
    void normalisationIsTheOfficialImageNetOne() {
        Raster px = new Raster(3, 1, 3, new byte[] {(byte) 124, (byte) 116, (byte) 104, 0, 0, 0, (byte) 255,
                (byte) 255, (byte) 255});
        float[] out = new float[9];
        Colour.normalise(px, out, 0);
        // (v / 255 - mean) / std by hand, channel-major: R of the three pixels, then G, then B
        float[] expected = {0.0055655f, -2.1179039f, 2.2489083f, -0.0049020f, -2.0357143f, 2.4285714f, 0.0081917f,
                -1.8044444f, 2.6400000f};
        assertArrayEquals(expected, out, 1e-6f);
    }

    @Test
    void blackFramesComeOutAsTheNormalisedBlack(@TempDir Path dir) throws IOException {
        VosSource.Clip clip = Clips.clip(dir, "black", 3, 40, 40, (f, x, y) -> 0, (f, x, y) -> x < 20 ? 1 : 0);
        VosSource source = VosSource.of("synthetic", List.of(clip), VosSource.Variant.VOS, 16, 1);
        TrainingSample s = source.sample(0, new SplittableRandom(1), 1);
        int plane = 16 * 16;
        int centre = 8 * 16 + 8;
        for (int k = 0; k < 3; k++) {
            assertEquals(-2.1179039f, s.rgb()[(3 * k) * plane + centre], 1e-6f);
            assertEquals(-2.0357143f, s.rgb()[(3 * k + 1) * plane + centre], 1e-6f);
            assertEquals(-1.8044444f, s.rgb()[(3 * k + 2) * plane + centre], 1e-6f);
        }
    }

    @Test
    void bl30kCountsOnlyObjectsOfTheOfficialSizes() {
        int w = 100;
        // label 1: 120 px in the first frame, 500 in the second (small now, large later: refused)
        // label 2: 120 px, at most 100 later (always small: kept); label 3: 1000 px (kept);
        // label 4: 90 px (too small: refused); label 5: 901 px in the first frame, 2000 later (kept)
        Raster[] masks = {new Raster(w, w, 1, new byte[w * w]), new Raster(w, w, 1, new byte[w * w]),
                new Raster(w, w, 1, new byte[w * w])};
        paint(masks[0], 1, 0, 120);
        paint(masks[1], 1, 0, 500);
        paint(masks[0], 2, 1000, 120);
        paint(masks[2], 2, 1000, 100);
        paint(masks[0], 3, 2000, 1000);
        paint(masks[0], 4, 4000, 90);
        paint(masks[0], 5, 5000, 901);
        paint(masks[1], 5, 5000, 2000);
        assertArrayEquals(new int[] {2, 3, 5}, bl30k().candidates(masks), "BL30K's size rules");
        assertArrayEquals(new int[] {1, 2, 3, 4, 5}, vos().candidates(masks), "every visible object otherwise");
    }

    private static VosSource bl30k() {
        return withVariant(VosSource.Variant.BL30K);
    }

    private static VosSource vos() {
        return withVariant(VosSource.Variant.VOS);
    }

    private static VosSource withVariant(VosSource.Variant variant) {
        try {
            return VosSource.of("davis", davisSequences().clips(), variant, SIZE, 1);
        } catch (InvalidInputException e) {
            throw new AssertionError(e);
        }
    }

    private static void paint(Raster mask, int label, int from, int n) {
        for (int i = from; i < from + n; i++) {
            mask.data()[i] = (byte) label;
        }
    }

    @Test
    void bl30kGivesUpOnASequenceOfTinyObjects(@TempDir Path dir) throws IOException {
        // a 3x3 object in a 40x40 frame: the smallest crop (a quarter of the area, about 20x20) resized
        // to 48 makes it at most about 8x8 pixels, under BL30K's 10x10
        VosSource.Clip clip = Clips.clip(dir, "tiny", 3, 40, 40, (f, x, y) -> 0x808080,
                (f, x, y) -> x >= 19 && x < 22 && y >= 19 && y < 22 ? 1 : 0);
        VosSource bl = VosSource.of("synthetic", List.of(clip), VosSource.Variant.BL30K, SIZE, 1);
        VosSource.Draw d = bl.draw(0, new SplittableRandom(2), 1);
        assertEquals(0, d.target());
        assertEquals(VosSource.TRIES, d.tries());
        VosSource plain = VosSource.of("synthetic", List.of(clip), VosSource.Variant.VOS, SIZE, 1);
        assertEquals(1, plain.draw(0, new SplittableRandom(2), 1).target(), "without BL30K's rules it is a target");
    }

    @Test
    void aSequenceWithoutAnyObjectIsRefusedByName(@TempDir Path dir) throws IOException {
        Path root = davisCopy(dir, "empty-seq", 4);
        for (int f = 0; f < 4; f++) {
            Clips.writeMask(root.resolve("Annotations/480p/empty-seq").resolve(String.format("%05d.png", f)), 854, 480,
                    (x, y) -> 0);
        }
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TrainingData.open(registry, List.of(DatasetSpec.of(root)), SIZE, Stage.MAIN_AFTER_STATIC));
        assertTrue(e.getMessage().contains("sequence empty-seq has no object"), e.getMessage());
    }

    @Test
    void aTruncatedFrameIsRefusedByNameBeforeTraining(@TempDir Path dir) throws IOException {
        Path root = davisCopy(dir, "broken", 4);
        Path frame = root.resolve("JPEGImages/480p/broken/00002.jpg");
        byte[] bytes = Files.readAllBytes(frame);
        Files.write(frame, Arrays.copyOf(bytes, bytes.length / 2));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TrainingData.open(registry, List.of(DatasetSpec.of(root).withFormat("davis")), SIZE, Stage.MAIN_AFTER_STATIC));
        assertTrue(e.getMessage().startsWith(frame.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("sequence broken"), e.getMessage());
    }

    @Test
    void anEmptyDatasetIsRefused(@TempDir Path dir) throws IOException {
        Path root = davisCopy(dir, "short", 2);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TrainingData.open(registry, List.of(DatasetSpec.of(root)), SIZE, Stage.MAIN_AFTER_STATIC));
        assertTrue(e.getMessage().contains("has three frames with masks"), e.getMessage());
        InvalidInputException unknown = assertThrows(InvalidInputException.class,
                () -> TrainingData.open(registry, List.of(DatasetSpec.of(root).withFormat("nosuch")), SIZE, Stage.MAIN_AFTER_STATIC));
        assertTrue(unknown.getMessage().contains("unknown dataset format 'nosuch'"), unknown.getMessage());
    }

    @Test
    void aFrameThatFailsToDecodeAtDrawTimeNamesItsFileAndSequence(@TempDir Path dir) throws IOException {
        VosSource.Clip clip = Clips.clip(dir, "later", 3, 20, 20, (f, x, y) -> 0, (f, x, y) -> 1);
        VosSource source = VosSource.of("synthetic", List.of(clip), VosSource.Variant.VOS, 16, 1);
        for (Path mask : clip.masks()) {
            Clips.writeMask(mask, 10, 10, (x, y) -> 1); // replaced by masks of another size
        }
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> source.sample(0, new SplittableRandom(1), 1));
        InvalidInputException cause = assertInstanceOf(InvalidInputException.class, e.getCause());
        assertTrue(clip.masks().contains(cause.file()), cause.getMessage());
        assertTrue(cause.getMessage().contains("mask is 10x10, its frame"), cause.getMessage());
        assertTrue(cause.getMessage().contains("sequence later"), cause.getMessage());
    }

    /** A DAVIS layout with one sequence of n real frames (from drift-straight) and their masks. */
    private static Path davisCopy(Path dir, String name, int n) throws IOException {
        Path root = dir.resolve("davis");
        Path real = SharedData.davisReal();
        Files.createDirectories(root.resolve("ImageSets/2017"));
        Files.writeString(root.resolve("ImageSets/2017/val.txt"), name + "\n");
        Path images = Files.createDirectories(root.resolve("JPEGImages/480p").resolve(name));
        Path masks = Files.createDirectories(root.resolve("Annotations/480p").resolve(name));
        for (int f = 0; f < n; f++) {
            String stem = String.format("%05d", f);
            Files.copy(real.resolve("JPEGImages/480p/drift-straight").resolve(stem + ".jpg"), images.resolve(stem + ".jpg"));
            Files.copy(real.resolve("Annotations/480p/drift-straight").resolve(stem + ".png"), masks.resolve(stem + ".png"));
        }
        return root;
    }

    private static int count(float[] mask, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (mask[i] != 0) {
                n++;
            }
        }
        return n;
    }
}
