package org.vosbench.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosbench.dataset.DatasetFormatRegistry;
import org.vosbench.testing.OsgiServices;
import org.vosbench.testing.SharedData;
import org.vosbench.train.Stage;

/** Which sampler and which official defaults {@link TrainingData#open} picks for a dataset. */
class TrainingDataTest {

    @Test
    void aBl30kFolderIsSampledWithBl30ksSettings(@TempDir Path dir) throws IOException {
        // BL30K's layout: JPEGImages/<video>/%05d.jpg with a mask for every frame in Annotations/<video>/
        Path root = dir.resolve("BL30K");
        Path real = SharedData.davisReal();
        Files.createDirectories(root.resolve("JPEGImages/a"));
        Files.createDirectories(root.resolve("Annotations/a"));
        for (int f = 0; f < 4; f++) {
            String stem = String.format("%05d", f);
            Files.copy(real.resolve("JPEGImages/480p/drift-straight").resolve(stem + ".jpg"),
                    root.resolve("JPEGImages/a").resolve(stem + ".jpg"));
            Files.copy(real.resolve("Annotations/480p/drift-straight").resolve(stem + ".png"),
                    root.resolve("Annotations/a").resolve(stem + ".png"));
        }
        DatasetFormatRegistry registry = OsgiServices.get(getClass(), DatasetFormatRegistry.class);
        VosSource bl = assertInstanceOf(VosSource.class,
                TrainingData.open(registry, List.of(DatasetSpec.of(root)), 32, Stage.BL30K));
        assertEquals(VosSource.Variant.BL30K, bl.variant(), "detected as bl30k");
        assertEquals(0.25, bl.variant().minCropScale());
        assertTrue(bl.describe().contains("BL30K sampling"), bl.describe());
        VosSource forced = assertInstanceOf(VosSource.class, TrainingData.open(registry,
                List.of(DatasetSpec.of(root).withVariant(VosSource.Variant.VOS)), 32, Stage.BL30K));
        assertEquals(VosSource.Variant.VOS, forced.variant(), "the option wins");
    }

    @Test
    void theOfficialDefaultsPerFormatAndStage() {
        DatasetSpec spec = DatasetSpec.of(Path.of("x"));
        assertEquals(5, TrainingData.skipDivisor(spec, "youtubevos"), "YouTube-VOS masks every fifth frame");
        assertEquals(1, TrainingData.skipDivisor(spec, "davis"));
        assertEquals(2, TrainingData.skipDivisor(spec.withSkipDivisor(2), "youtubevos"));
        assertEquals(5, TrainingData.repeat(spec, "davis", Stage.MAIN_AFTER_STATIC));
        assertEquals(5, TrainingData.repeat(spec, "davis", Stage.MAIN_AFTER_BL30K));
        assertEquals(1, TrainingData.repeat(spec, "youtubevos", Stage.MAIN_AFTER_STATIC));
        assertEquals(1, TrainingData.repeat(spec, "davis", Stage.FINETUNE));
        assertEquals(3, TrainingData.repeat(spec.withRepeat(3), "davis", Stage.MAIN_AFTER_STATIC));
        assertEquals(5, TrainingData.repeat(DatasetSpec.of(Path.of("static", "HRSOD_small")), "static", Stage.STATIC));
        assertEquals(1, TrainingData.repeat(DatasetSpec.of(Path.of("static", "DUTS-TR")), "static", Stage.STATIC));
        assertEquals(VosSource.Variant.BL30K, TrainingData.variant(spec, "bl30k"));
        assertEquals(VosSource.Variant.VOS, TrainingData.variant(spec, "folder"));
    }

    @Test
    void noDatasetAndBadStagesAreRefused() {
        DatasetFormatRegistry registry = OsgiServices.get(getClass(), DatasetFormatRegistry.class);
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> TrainingData.open(registry, List.of(), 32, Stage.MAIN_AFTER_STATIC));
        assertTrue(none.getMessage().contains("needs at least one dataset"), none.getMessage());
        IllegalArgumentException stage = assertThrows(IllegalArgumentException.class, () -> Stage.parse("4"));
        assertTrue(stage.getMessage().contains("expected 0, 1, 2, 3 or finetune"), stage.getMessage());
        assertEquals(Stage.FINETUNE, Stage.parse("finetune"));
        assertEquals(Stage.STATIC, Stage.parse("0"));
        // util/hyper_para.py: stage 2 is the 300K main training after BL30K, stage 3 the 150K one after stage 0
        assertEquals(Stage.MAIN_AFTER_BL30K, Stage.parse("2"));
        assertEquals(300_000, Stage.parse("2").iterations());
        assertEquals(List.of(250_000), Stage.parse("2").steps());
        assertEquals(Stage.MAIN_AFTER_STATIC, Stage.parse("3"));
        assertEquals(150_000, Stage.parse("3").iterations());
        assertEquals(List.of(125_000), Stage.parse("3").steps());
        assertEquals(Stage.Data.VOS, Stage.parse("2").data());
        assertEquals(Stage.Data.VOS, Stage.parse("3").data());
    }

    @Test
    void aMixMapsItsIndicesOntoItsRepeatedParts(@TempDir Path dir) throws IOException {
        VosSource.Clip a = Clips.clip(dir, "a", 3, 16, 16, (f, x, y) -> 0, (f, x, y) -> 1);
        VosSource.Clip b = Clips.clip(dir, "b", 3, 16, 16, (f, x, y) -> 0, (f, x, y) -> 1);
        VosSource one = VosSource.of("one", List.of(a), VosSource.Variant.VOS, 16, 1);
        VosSource two = VosSource.of("two", List.of(a, b), VosSource.Variant.VOS, 16, 1);
        MixSource mix = new MixSource(List.of(new MixSource.Part(one, 5), new MixSource.Part(two, 1)));
        assertEquals(5 + 2, mix.size());
        assertEquals(0, mix.partOf(4));
        assertEquals(1, mix.partOf(5));
        assertTrue(mix.sample(6, new java.util.SplittableRandom(1), 1).info().startsWith("b ["));
        assertTrue(mix.sample(5, new java.util.SplittableRandom(1), 1).info().startsWith("a ["));
        assertTrue(mix.describe().startsWith("5 x one; two"), mix.describe());
    }
}
