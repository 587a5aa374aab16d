package org.vosbench.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosbench.core.InvalidInputException;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.core.ProgressMonitor;
import org.vosbench.dataset.Dataset;
import org.vosbench.dataset.layout.FolderLayout;
import org.vosbench.dataset.layout.FolderReader;
import org.vosbench.eval.DatasetEvaluator.ObjectRule;
import org.vosbench.eval.DatasetEvaluator.Strictness;

/**
 * {@link ObjectRule#ANY_FRAME} (vos-benchmark's objects) on a hand-made sequence: five 8x8 frames,
 * objects 2 (every frame) and 9 (from frame 2 on); the result is the ground truth except that
 * object 9 is missing on frame 3. Expected values by hand: a perfect frame scores J = F = 1, a
 * missed object J = F = 0.
 */
class AnyFolderEvaluationTest {

    @TempDir
    Path dir;

    Path gt;
    Path results;

    @BeforeEach
    void makeFolders() throws IOException {
        gt = dir.resolve("gt");
        results = dir.resolve("results");
        for (int f = 0; f < 5; f++) {
            LabelMask mask = LabelMask.empty(8, 8);
            for (int x = 0; x < 3; x++) {
                for (int y = 0; y < 3; y++) {
                    mask.set(x, y, 2);
                    if (f >= 2) {
                        mask.set(x + 4, y + 4, 9);
                    }
                }
            }
            MaskIO.write(gt.resolve("seq").resolve(String.format("%05d.png", f)), mask);
            if (f == 3) {
                for (int x = 4; x < 7; x++) {
                    for (int y = 4; y < 7; y++) {
                        mask.set(x, y, 0);
                    }
                }
            }
            MaskIO.write(results.resolve("seq").resolve(String.format("%05d.png", f)), mask);
        }
    }

    private EvaluationResult evaluate(boolean skipFirstAndLast) throws IOException {
        Dataset dataset = FolderReader.read(FolderLayout.builder("masks", gt, gt).masks(gt).build());
        return DatasetEvaluator.evaluate(dataset, results, "val", "2017", Strictness.STRICT, ObjectRule.ANY_FRAME,
                skipFirstAndLast, ProgressMonitor.NULL).result();
    }

    @Test
    void objectsAreTheGroundTruthIdsScoredFromTheFrameTheyAppearOn() throws IOException {
        SequenceResult seq = evaluate(true).sequences().get(0);

        assertEquals(List.of(2, 9), seq.objects().stream().map(ObjectResult::objectId).toList());
        assertEquals(3, seq.objects().get(0).jaccard().length); // frames 1..3
        assertEquals(2, seq.objects().get(1).jaccard().length); // frames 2..3
        assertEquals(1.0, seq.objects().get(0).j().mean(), 1e-12);
        assertEquals(0.5, seq.objects().get(1).j().mean(), 1e-12);
        assertEquals(0.5, seq.objects().get(1).f().mean(), 1e-12);
        assertEquals(0.75, evaluate(true).global().jMean(), 1e-12);
    }

    @Test
    void allFramesScoresTheFirstAndLastToo() throws IOException {
        SequenceResult seq = evaluate(false).sequences().get(0);

        assertEquals(5, seq.objects().get(0).jaccard().length);
        assertEquals(3, seq.objects().get(1).jaccard().length); // frames 2..4
        assertEquals(2.0 / 3, seq.objects().get(1).j().mean(), 1e-12);
    }

    @Test
    void resultIdTheGroundTruthLacksIsAnErrorNamingTheFile() throws IOException {
        LabelMask mask = MaskIO.read(results.resolve("seq/00002.png"));
        mask.set(7, 0, 5);
        MaskIO.write(results.resolve("seq/00002.png"), mask);

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> evaluate(true));

        assertEquals(results.resolve("seq/00002.png"), e.file());
        assertTrue(e.getMessage().contains("object 5"), e.getMessage());
    }

    @Test
    void missingResultFrameIsAnErrorNamingIt() throws IOException {
        java.nio.file.Files.delete(results.resolve("seq/00003.png"));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> evaluate(true));

        assertEquals(results.resolve("seq/00003.png"), e.file());
    }
}
