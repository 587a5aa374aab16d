package org.vosbench.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosbench.cli.internal.CommandLineTest.Result;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.vosbench.model.Dataset;
import org.vosbench.model.ReviewState;
import org.vosbench.model.store.ProjectStore;
import org.vosbench.sample.BundledSample;
import org.vosbench.testing.SharedData;

/**
 * {@code vosbench train --stage finetune} on the bundled sample (a project with its sequence
 * Reviewed) from the parity weights, then {@code vosbench propagate} with the weights it wrote;
 * and {@code vosbench train --replay <dir> --weights <w.pth> --precision fp64 --report <out.json>}
 * exactly as scripts call it, on the first step of {@code ../shared/fixtures/stcn-train} (the
 * three steps are held to every bound by the train bundle's {@code ReplayParityTest}).
 */
class TrainCommandLineTest {

    private static final Path FIXTURE = SharedData.shared().resolve("fixtures/stcn-train");

    @Test
    void replayWritesTheOfficialFirstStepLosses(@TempDir Path tmp) throws IOException {
        JsonObject plan = JsonParser.parseString(Files.readString(FIXTURE.resolve("plan.json"))).getAsJsonObject();
        JsonArray first = new JsonArray();
        first.add(plan.getAsJsonArray("steps").get(0));
        plan.add("steps", first);
        Path dir = tmp.resolve("replay");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("plan.json"), plan.toString());
        Files.createSymbolicLink(dir.resolve("step1"), FIXTURE.resolve("step1"));
        Path weights = CommandLineTest.parityWeights(FIXTURE, tmp);
        Path report = tmp.resolve("out.json");

        Result r = CommandLineTest.vosbench("train", "--replay", dir.toString(), "--weights", weights.toString(),
                "--precision", "fp64", "--report", report.toString(), "--quiet");

        assertEquals(0, r.code(), r.err());
        JsonObject expected = JsonParser.parseString(Files.readString(FIXTURE.resolve("expected.json"))).getAsJsonObject()
                .getAsJsonArray("steps").get(0).getAsJsonObject();
        JsonObject got = JsonParser.parseString(Files.readString(report)).getAsJsonObject().getAsJsonArray("steps").get(0)
                .getAsJsonObject();
        assertEquals(expected.get("it").getAsInt(), got.get("it").getAsInt());
        double want = expected.getAsJsonObject("losses").get("total_loss").getAsDouble();
        double loss = got.getAsJsonObject("losses").get("total_loss").getAsDouble();
        assertTrue(Math.abs(loss - want) <= 1e-9 * want, loss + " vs " + want);
        assertEquals(expected.getAsJsonObject("grads").keySet(), got.getAsJsonObject("grads").keySet());
    }

    @Test
    void replayOfAMissingFolderIsAUsageErrorAndWritesNoReport(@TempDir Path tmp) throws IOException {
        Path weights = CommandLineTest.parityWeights(FIXTURE, tmp);
        Path report = tmp.resolve("out.json");

        Result r = CommandLineTest.vosbench("train", "--replay", tmp.resolve("nowhere").toString(), "--weights",
                weights.toString(), "--report", report.toString());

        assertEquals(2, r.code());
        assertTrue(r.err().contains("--replay"), r.err());
        assertFalse(Files.exists(report));
    }

    @Test
    void replayInBfloat16IsRefused(@TempDir Path tmp) throws IOException {
        Result r = CommandLineTest.vosbench("train", "--replay", FIXTURE.toString(), "--weights",
                FIXTURE.resolve("weights.pth.gz").toString(), "--precision", "bf16", "--report",
                tmp.resolve("out.json").toString());

        assertEquals(2, r.code());
        assertTrue(r.err().contains("fp64"), r.err());
    }

    @Test
    void finetuneOnTheBundledSampleWritesWeightsThatPropagate(@TempDir Path tmp) throws IOException {
        Path sample = BundledSample.copyTo(tmp.resolve("sample"));
        ProjectStore store = ProjectStore.create(tmp.resolve("p.vosbench"), "p");
        Dataset dataset = store.ensureDataset(sample, "davis");
        ProjectStore.setReviewState(ProjectStore.ensureSequence(dataset, BundledSample.SEQUENCE), ReviewState.REVIEWED);
        store.save();
        Path weights = CommandLineTest.parityWeights(FIXTURE, tmp);
        Path out = tmp.resolve("finetuned");

        Result train = CommandLineTest.vosbench("train", "--stage", "finetune", "--project", store.file().toString(),
                "--weights", weights.toString(), "--output", out.toString(), "--iterations", "2", "--batch-size", "1",
                "--size", "32", "--save-every", "1", "--threads", "2", "--quiet");

        assertEquals(0, train.code(), train.err());
        assertTrue(train.out().contains("Trained 2 iterations"), train.out());
        List<String> losses = Files.readAllLines(out.resolve("losses.csv"));
        assertEquals(List.of("it", "0", "1"), losses.stream().map(l -> l.substring(0, l.indexOf(','))).toList());
        assertTrue(Files.isRegularFile(out.resolve("checkpoint.pth")));
        Path propagated = tmp.resolve("propagated");

        Result propagate = CommandLineTest.vosbench("propagate", "--dataset",
                SharedData.fixtures().resolve("stcn-parity/synthetic").toString(), "--weights",
                out.resolve("weights.pth").toString(), "--output", propagated.toString(), "--threads", "2", "--quiet");

        assertEquals(0, propagate.code(), propagate.err());
        try (Stream<Path> masks = Files.list(propagated.resolve("synthetic"))) {
            assertEquals(8, masks.filter(p -> p.toString().endsWith(".png")).count());
        }
    }

    @Test
    void finetuneOfAProjectWithoutReviewedSequencesNamesTheProjectAndWritesNothing(@TempDir Path tmp) throws IOException {
        Path sample = BundledSample.copyTo(tmp.resolve("sample"));
        ProjectStore store = ProjectStore.create(tmp.resolve("p.vosbench"), "p");
        ProjectStore.ensureSequence(store.ensureDataset(sample, "davis"), BundledSample.SEQUENCE);
        store.save();
        Path out = tmp.resolve("out");

        Result r = CommandLineTest.vosbench("train", "--stage", "finetune", "--project", store.file().toString(),
                "--weights", CommandLineTest.parityWeights(FIXTURE, tmp).toString(), "--output", out.toString());

        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains(store.file().toString()) && r.err().contains("Reviewed"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aStageWithoutDatasetIsAUsageError(@TempDir Path tmp) {
        Result r = CommandLineTest.vosbench("train", "--stage", "3", "--output", tmp.resolve("o").toString(),
                "--weights", tmp.resolve("w.pth").toString());

        assertEquals(2, r.code());
        assertTrue(r.err().contains("--weights") || r.err().contains("--dataset"), r.err());
    }

    @Test
    void anUnknownStageIsAUsageError(@TempDir Path tmp) {
        Result r = CommandLineTest.vosbench("train", "--stage", "4", "--output", tmp.resolve("o").toString());

        assertEquals(2, r.code());
        assertTrue(r.err().contains("--stage") && r.err().contains("finetune"), r.err());
    }
}
