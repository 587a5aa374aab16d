package org.vosbench.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosbench.cli.internal.CommandLineTest.Result;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * {@code vosbench train --replay <dir> --weights <w.pth> --precision fp64 --report <out.json>}
 * exactly as scripts call it, on the first step of {@code ../shared/fixtures/stcn-train} (the
 * three steps are held to every bound by the train bundle's {@code ReplayParityTest}).
 */
class TrainCommandLineTest {

    private static final Path FIXTURE = SharedData.root().resolve("fixtures/stcn-train");

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
}
