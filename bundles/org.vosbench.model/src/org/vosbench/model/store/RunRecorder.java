package org.vosbench.model.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.vosbench.model.Dataset;
import org.vosbench.model.Run;
import org.vosbench.model.RunKind;
import org.vosbench.model.RunStatus;
import org.vosbench.model.Sequence;
import org.vosbench.model.VosBenchFactory;

/**
 * The one way a propagation run is recorded in a project, used by {@code vosbench propagate
 * --project} and by the workbench's editor: the engine as it describes itself, the settings, the
 * weights file and its SHA-256, and the real timings.
 */
public final class RunRecorder {

    /**
     * The settings of the run, in the words of the engine's {@code SessionSettings}.
     *
     * @param backboneId backbone id
     * @param weights the weights file, or null
     * @param similarityId similarity id
     * @param topK top-k
     * @param memEvery memory interval
     * @param includeLast include-last
     * @param memoryPolicy {@code stcn} or {@code bounded}
     * @param maxMemoryFrames bound of the bounded policy (recorded only for it)
     * @param device {@code cpu} or {@code gpu}
     * @param amp float16 on the GPU
     * @param precision {@code fp32}, {@code fp64} or {@code bf16}
     */
    public record Settings(String backboneId, Path weights, String similarityId, int topK, int memEvery,
            boolean includeLast, String memoryPolicy, int maxMemoryFrames, String device, boolean amp,
            String precision) {
    }

    /**
     * What happened.
     *
     * @param started when the run started
     * @param finished when it ended
     * @param status completed, cancelled or failed
     * @param message why it did not complete, or null
     * @param frames frames propagated
     * @param framesPerSecond the engine's measured speed (I/O excluded), 0 when unknown
     * @param peakMemoryBytes peak resident memory, 0 when unknown
     */
    public record Outcome(Instant started, Instant finished, RunStatus status, String message, int frames,
            double framesPerSecond, long peakMemoryBytes) {
    }

    private RunRecorder() {
    }

    /**
     * Adds a propagation run to the project (the caller saves it).
     *
     * @param store the project
     * @param name the run's name
     * @param engine the engine's description of itself ({@code NdRuntime.describe()})
     * @param settings the settings
     * @param dataset the dataset propagated
     * @param sequences the sequences propagated
     * @param output where the masks were written
     * @param outcome what happened
     * @param parameters anything else worth keeping (e.g. the editor's direction), may be empty
     * @return the run, added to the store
     * @throws IOException when the weights file cannot be read for its SHA-256
     */
    public static Run recordPropagation(ProjectStore store, String name, String engine, Settings settings,
            Dataset dataset, List<Sequence> sequences, Path output, Outcome outcome, Map<String, String> parameters)
            throws IOException {
        Run run = VosBenchFactory.eINSTANCE.createRun();
        run.setName(name);
        run.setKind(RunKind.PROPAGATE);
        run.setDataset(dataset);
        run.getSequences().addAll(sequences);
        run.setEngine(engine);
        run.setBackboneId(settings.backboneId());
        if (settings.weights() != null) {
            Path weights = settings.weights().toAbsolutePath();
            run.setWeightsPath(store.toStoredPath(weights));
            if (Files.isRegularFile(weights)) {
                run.setWeightsSha256(ProjectStore.sha256(weights));
            }
        }
        run.setSimilarityId(settings.similarityId());
        run.setTopK(settings.topK());
        run.setMemEvery(settings.memEvery());
        run.setIncludeLast(settings.includeLast());
        run.setMemoryPolicy(settings.memoryPolicy());
        run.setMaxMemoryFrames(settings.memoryPolicy().equals(BOUNDED) ? settings.maxMemoryFrames() : 0);
        run.setDevice(settings.device());
        run.setAmp(settings.amp());
        run.getParameters().put("precision", settings.precision());
        parameters.forEach(run.getParameters()::put);
        run.setOutputPath(store.toStoredPath(output.toAbsolutePath()));
        run.setStartedAt(outcome.started());
        run.setFinishedAt(outcome.finished());
        run.setStatus(outcome.status());
        run.setMessage(outcome.message());
        run.setFrames(outcome.frames());
        run.setFramesPerSecond(outcome.framesPerSecond());
        run.setPeakMemoryBytes(outcome.peakMemoryBytes());
        return store.addRun(run);
    }

    /** The bounded policy's id, the only one with a bound to record. */
    private static final String BOUNDED = "bounded";
}
