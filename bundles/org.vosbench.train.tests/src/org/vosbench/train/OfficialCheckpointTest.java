package org.vosbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosbench.core.ProgressMonitor;
import org.vosbench.engine.djl.DjlRuntime;
import org.vosbench.engine.djl.PthReader;
import org.vosbench.engine.stcn.training.StcnTraining;
import org.vosbench.testing.SharedData;
import org.vosbench.train.internal.TrainingState;

/**
 * Our weights and checkpoints in PyTorch and the official code, and the official code's
 * checkpoint in our trainer, through Debian's {@code /usr/bin/python3} with torch
 * ({@code python/official_checkpoints.py}). With the official sources ({@code STCN_SRC} or
 * {@code /tmp/stcn-src}) the weights load strictly into {@code model.network.STCN} and
 * {@code model.eval_network.STCN} and the checkpoint continues as {@code train.py --load_model}
 * does; without them keys, shapes and dtypes are compared with the fixture's state_dict.
 */
class OfficialCheckpointTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static Path weights;
    private static Trainer.Result ours;

    @BeforeAll
    static void trainOneIteration(@TempDir Path tmp) throws IOException, InterruptedException {
        assumeTrue(torchAvailable(), "skipped: needs Debian's /usr/bin/python3 with torch (apt-get install python3-torch)");
        weights = tmp.resolve("weights.pth");
        try (InputStream in = new GZIPInputStream(
                Files.newInputStream(SharedData.fixtures().resolve("stcn-parity/weights.pth.gz")))) {
            Files.copy(in, weights);
        }
        ours = new Trainer(new DjlRuntime()).train(TrainerResumeTest.options(tmp.resolve("out"), 1, weights).withSaveEvery(1),
                new SyntheticSource(32, 4, true), TrainingListener.NONE, ProgressMonitor.NULL);
    }

    @Test
    void torchAndTheOfficialCodeLoadOurWeightsAndContinueOurCheckpoint(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("check.json");
        python("check", ours.weights().toString(), ours.checkpoint().toString(), weights.toString(), source(),
                out.toString());
        JsonObject r = JsonParser.parseString(Files.readString(out)).getAsJsonObject();

        assertEquals(StcnTraining.officialStateDict().size(), r.get("weights_keys").getAsInt());
        assertEquals("[\"torch.float32\",\"torch.int64\"]", r.get("weights_dtypes").toString());
        assertEquals("[\"it\",\"network\",\"optimizer\",\"scheduler\",\"vosbench\"]", r.get("checkpoint_keys").toString());
        assertEquals(1, r.get("it").getAsInt());
        assertTrue(r.get("shapes_fit").getAsBoolean(), "every exp_avg has its parameter's shape, in parameters() order");
        if (r.get("official").getAsBoolean()) {
            assertEquals("[2.0]", r.get("steps_after").toString(), "Adam continued from our step 1");
            assertEquals(2, r.get("last_epoch_after").getAsInt());
        } else {
            assertTrue(r.get("keys_match").getAsBoolean());
        }
        // what torch read is what we wrote
        Map<?, ?> state = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) PthReader.read(ours.checkpoint())).get("optimizer"))
                .get("state");
        assertEquals(sum(((Map<?, ?>) state.get(0)).get("exp_avg")), r.get("exp_avg_sum_0").getAsDouble(), 1e-12);
    }

    @Test
    void resumeContinuesACheckpointOfTheOfficialCode(@TempDir Path tmp) throws Exception {
        Path official = tmp.resolve("official_checkpoint.pth");
        Path out = tmp.resolve("write.json");
        python("write", weights.toString(), source(), official.toString(), out.toString());
        JsonObject r = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        try (ai.djl.ndarray.NDManager m = new DjlRuntime().newManager(org.vosbench.engine.EngineDevice.CPU);
                StcnTraining network = StcnTraining.load(official, m.newSubManager(),
                        ai.djl.ndarray.types.DataType.FLOAT32)) {
            TrainingState.Resumed read = TrainingState.read(official, network);
            assertEquals(2, read.completed());
            assertEquals(List.of(1), read.milestones());
            String first = TrainingState.parameterOrder(network).get(0);
            assertEquals(r.get("exp_avg_sum_0").getAsDouble(), sum(read.expAvg().get(first)), 1e-9);
            assertEquals(r.get("param_sum_0").getAsDouble(), sum(read.parameters().get(first)), 1e-6);
        }

        Trainer.Result continued = new Trainer(new DjlRuntime()).train(
                TrainerResumeTest.options(tmp.resolve("continued"), 3, weights).withResume(official),
                new SyntheticSource(32, 4, true), TrainingListener.NONE, ProgressMonitor.NULL);

        assertEquals(3, continued.completed());
        Map<?, ?> written = (Map<?, ?>) PthReader.read(continued.checkpoint());
        Map<?, ?> scheduler = (Map<?, ?>) written.get("scheduler");
        assertEquals(3, ((Number) scheduler.get("last_epoch")).intValue());
        Map<?, ?> group = (Map<?, ?>) ((List<?>) ((Map<?, ?>) written.get("optimizer")).get("param_groups")).get(0);
        assertEquals(1e-6, ((Number) group.get("lr")).doubleValue(), 1e-18, "the official milestone 1 decayed lr");
        Map<?, ?> state = (Map<?, ?>) ((Map<?, ?>) written.get("optimizer")).get("state");
        assertEquals(3.0, ((PthReader.Array) ((Map<?, ?>) state.get(0)).get("step")).values()[0]);
        List<String> lines = Files.readAllLines(continued.losses());
        assertEquals(2, lines.size(), "header and iteration 2");
        assertTrue(lines.get(1).startsWith("2,"), lines.get(1));
    }

    private static double sum(Object array) {
        return sum(((PthReader.Array) array).values());
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    private static String source() {
        String env = System.getenv("STCN_SRC");
        return env != null && !env.isBlank() ? env : "/tmp/stcn-src";
    }

    private static boolean torchAvailable() throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON)) {
            return false;
        }
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import torch").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    private static void python(String... args) throws IOException, InterruptedException {
        Path script = Path.of("python/official_checkpoints.py").toAbsolutePath();
        List<String> command = new java.util.ArrayList<>(List.of(PYTHON.toString(), script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", "2");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "python timed out");
        assertEquals(0, p.exitValue(), output);
    }
}
