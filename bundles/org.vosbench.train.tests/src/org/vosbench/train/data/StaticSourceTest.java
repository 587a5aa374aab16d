package org.vosbench.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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

/** The official {@code StaticTransformDataset}: three warped frames of one image whose masks follow the image. */
class StaticSourceTest {

    private static final int SIZE = 48;

    private static DatasetFormatRegistry registry;

    @BeforeAll
    static void services() {
        registry = OsgiServices.get(StaticSourceTest.class, DatasetFormatRegistry.class);
    }

    /** Static images whose brightness encodes the mask: object 250, background 25; masks grey 0/255. */
    private static Path staticFolder(Path dir, String name, int n) throws IOException {
        Path folder = dir.resolve(name);
        for (int i = 0; i < n; i++) {
            int cx = 30 + 7 * i;
            int cy = 28;
            int r = 16;
            java.util.function.IntBinaryOperator inside = (x, y) -> (x - cx) * (x - cx) + (y - cy) * (y - cy) < r * r
                    ? 1 : 0;
            String stem = String.format("img%03d", i);
            Clips.writeGrey(folder.resolve(stem + ".jpg"), "jpg", 80, 60, (x, y) -> inside.applyAsInt(x, y) == 1 ? 250 : 25);
            Clips.writeGrey(folder.resolve(stem + ".png"), "png", 80, 60, (x, y) -> inside.applyAsInt(x, y) * 255);
        }
        return folder;
    }

    @Test
    void threeWarpedFramesWhoseMasksTrackTheImage(@TempDir Path dir) throws IOException {
        StaticSource source = StaticSource.of(staticFolder(dir, "ecssd", 3), SIZE);
        assertEquals(3, source.size());
        SplittableRandom rng = new SplittableRandom(4);
        int plane = SIZE * SIZE;
        int checked = 0;
        int differing = 0;
        for (int n = 0; n < 6; n++) {
            TrainingSample s = source.sample(n % 3, rng, 25);
            assertNull(s.second(), "single object");
            for (float v : s.target()) {
                assertTrue(v == 0 || v == 1);
            }
            float[] f0 = Arrays.copyOfRange(s.target(), 0, plane);
            for (int k = 1; k < 3; k++) {
                if (!Arrays.equals(f0, Arrays.copyOfRange(s.target(), k * plane, (k + 1) * plane))) {
                    differing++;
                }
            }
            for (int k = 0; k < 3; k++) {
                for (int y = 2; y < SIZE - 2; y++) {
                    for (int x = 2; x < SIZE - 2; x++) {
                        int l = interior(s.target(), k * plane, x, y);
                        if (l < 0) {
                            continue;
                        }
                        int i = y * SIZE + x;
                        double luma = 0.299 * Clips.pixel(s, k, 0, i) + 0.587 * Clips.pixel(s, k, 1, i)
                                + 0.114 * Clips.pixel(s, k, 2, i);
                        String at = s.info() + " frame " + k + " (" + x + "," + y + ") luma " + luma;
                        assertTrue(l == 1 ? luma > 165 : luma < 150, at);
                        checked++;
                    }
                }
            }
        }
        assertTrue(differing >= 10, "the frames are warped differently: " + differing + " of 12 pairs differ");
        assertTrue(checked > 6 * 3 * plane / 3, "pixels checked: " + checked);
    }

    private static int interior(float[] mask, int offset, int x, int y) {
        float first = mask[offset + y * SIZE + x];
        for (int dy = -2; dy <= 2; dy++) {
            for (int dx = -2; dx <= 2; dx++) {
                if (mask[offset + (y + dy) * SIZE + x + dx] != first) {
                    return -1;
                }
            }
        }
        return (int) first;
    }

    @Test
    void stageZeroMixesStaticFoldersAsTheOfficialTrainPy(@TempDir Path dir) throws IOException {
        Path ecssd = staticFolder(dir, "ecssd", 2);
        Path big = staticFolder(dir, "BIG_small", 3);
        IndexedSampleSource data = TrainingData.open(registry, List.of(DatasetSpec.of(ecssd), DatasetSpec.of(big)),
                SIZE, Stage.STATIC);
        MixSource mix = assertInstanceOf(MixSource.class, data);
        assertEquals(List.of(1, 5), mix.parts().stream().map(MixSource.Part::repeat).toList(), "BIG five times");
        assertEquals(2 + 5 * 3, mix.size());
        TrainingSample a = data.sample(new SplittableRandom(8), 5);
        TrainingSample b = data.sample(new SplittableRandom(8), 5);
        TrainingSample c = data.sample(new SplittableRandom(9), 5);
        assertArrayEquals(a.rgb(), b.rgb(), "the same seed, the same sample");
        assertFalse(Arrays.equals(a.rgb(), c.rgb()), "another seed, another sample");
    }

    @Test
    void classSubfoldersAreReadAsTheFssLayout(@TempDir Path dir) throws IOException {
        Path fss = dir.resolve("fss");
        staticFolder(fss, "cat", 2);
        staticFolder(fss, "dog", 3);
        StaticSource source = StaticSource.of(fss, SIZE);
        assertEquals(5, source.size());
        assertEquals("cat/img000.jpg", source.items().get(0).name().replace('\\', '/'));
    }

    @Test
    void theFramesOfADatasetServeAsStaticImages() throws IOException {
        IndexedSampleSource data = TrainingData.open(registry, List.of(DatasetSpec.of(SharedData.davisReal())), SIZE,
                Stage.STATIC);
        StaticSource source = assertInstanceOf(StaticSource.class, data);
        assertEquals(50 + 75, source.size(), "every frame with a mask");
        TrainingSample s = source.sample(0, new SplittableRandom(1), 5);
        assertNull(s.second());
        assertTrue(s.info().startsWith("drift-straight/") || s.info().startsWith("car-roundabout/"), s.info());
    }

    @Test
    void anImageWithoutItsMaskIsRefusedByName(@TempDir Path dir) throws IOException {
        Path folder = staticFolder(dir, "duts", 2);
        Path orphan = Clips.writeGrey(folder.resolve("zzz.jpg"), "jpg", 20, 20, (x, y) -> 0);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> StaticSource.of(folder, SIZE));
        assertEquals(orphan, e.file());
        assertTrue(e.getMessage().contains("has no mask zzz.png"), e.getMessage());
        Files.delete(orphan);
        Path empty = Files.createDirectories(dir.resolve("nothing"));
        InvalidInputException none = assertThrows(InvalidInputException.class, () -> StaticSource.of(empty, SIZE));
        assertTrue(none.getMessage().contains("no image X.jpg with its mask X.png"), none.getMessage());
    }
}
