package org.vosbench.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.vosbench.core.MaskIO;
import org.vosbench.core.OutputInUseException;
import org.vosbench.core.ProgressMonitor;
import org.vosbench.core.RunOutput;
import org.vosbench.dataset.Dataset;
import org.vosbench.dataset.DatasetFormatRegistry;
import org.vosbench.dataset.DatasetOptions;
import org.vosbench.dataset.SequenceRef;
import org.vosbench.engine.PropagationService;
import org.vosbench.engine.Propagator;
import org.vosbench.engine.SessionSettings;
import org.vosbench.model.Run;
import org.vosbench.model.RunStatus;
import org.vosbench.model.Sequence;
import org.vosbench.model.store.ProjectStore;

/**
 * Two {@code vosbench propagate} commands with different settings and a workbench-style session (the
 * engine's {@link Propagator#propagateRound}, as the workbench's propagation Job calls it, writing through
 * {@link RunOutput}) start at the same instant against one output folder, in rounds; after each round every
 * sequence folder present is whole (every frame, no stray file, no staging left) and byte-identical to what
 * the one run it names produces alone, and the project records at most one completed run per sequence.
 */
class RunOwnershipStressTest {

    private static final List<String> SEQUENCES = List.of("s1", "s2", "s3");
    private static final int FRAMES = 8;
    private static final String[] A = {};
    private static final String[] B = {"--top-k", "1", "--mem-every", "50"};

    @Test
    void twoCommandsAndAWorkbenchSessionNeverMixInOneFolder(@TempDir Path tmp) throws Exception {
        Path data = TestDatasets.synthetic(tmp.resolve("data"), SEQUENCES, FRAMES);
        try (Services services = new Services(FrameworkUtil.getBundle(RunOwnershipStressTest.class).getBundleContext())) {
            PropagationService service = services.get(PropagationService.class);
            Dataset dataset = services.get(DatasetFormatRegistry.class).byId("davis").orElseThrow().open(data,
                    DatasetOptions.defaults());
            // what each run writes alone, run one after the other
            Map<String, Path> reference = new HashMap<>();
            reference.put("A", tmp.resolve("ref-a"));
            reference.put("B", tmp.resolve("ref-b"));
            assertEquals(0, propagate(data, reference.get("A"), false, null, A));
            assertEquals(0, propagate(data, reference.get("B"), false, null, B));
            reference.put("W", tmp.resolve("ref-w"));
            workbenchSession(service, dataset.sequence("s2").orElseThrow(), reference.get("W").resolve("s2"));
            boolean differ = false;
            for (int i = 1; i < FRAMES; i++) {
                String frame = String.format("s1/%05d.png", i);
                differ |= !Arrays.equals(Files.readAllBytes(reference.get("A").resolve(frame)),
                        Files.readAllBytes(reference.get("B").resolve(frame)));
            }
            assertTrue(differ, "the two settings give different masks, so the masks tell which run wrote a folder");

            Path out = tmp.resolve("out");
            Path project = tmp.resolve("p.vosbench");
            // rounds: all at once; the workbench a little later; B once A has finished and the workbench after both; all at once
            long[] workbenchDelay = {0, 700, -1, 0};
            boolean[] bAfterA = {false, false, true, false};
            for (int round = 0; round < workbenchDelay.length; round++) {
                boolean overwrite = round > 0;
                int r = round;
                CyclicBarrier start = new CyclicBarrier(3);
                java.util.concurrent.CountDownLatch aDone = new java.util.concurrent.CountDownLatch(1);
                java.util.concurrent.CountDownLatch bDone = new java.util.concurrent.CountDownLatch(1);
                ExecutorService pool = Executors.newFixedThreadPool(3);
                try {
                    Future<Integer> a = pool.submit(() -> {
                        start.await();
                        try {
                            return propagate(data, out, overwrite, project, A);
                        } finally {
                            aDone.countDown();
                        }
                    });
                    Future<Integer> b = pool.submit(() -> {
                        start.await();
                        if (bAfterA[r]) {
                            aDone.await();
                        }
                        try {
                            return propagate(data, out, overwrite, project, B);
                        } finally {
                            bDone.countDown();
                        }
                    });
                    Future<String> w = pool.submit(() -> {
                        start.await();
                        if (workbenchDelay[r] < 0) {
                            aDone.await();
                            bDone.await();
                        } else {
                            Thread.sleep(workbenchDelay[r]);
                        }
                        try {
                            return workbenchSession(service, dataset.sequence("s2").orElseThrow(), out.resolve("s2"));
                        } catch (OutputInUseException | org.vosbench.core.OutputExistsException e) {
                            return null; // refused: another run owns s2 (the editor would say so)
                        }
                    });
                    int codeA = a.get();
                    int codeB = b.get();
                    String workbenchRun = w.get();
                    System.out.printf("round %d: A exit %d, B exit %d, workbench %s%n", round, codeA, codeB,
                            workbenchRun == null ? "refused" : "wrote s2");
                    assertTrue(codeA == 0 || codeA == 1, "exit " + codeA);
                    assertTrue(codeB == 0 || codeB == 1, "exit " + codeB);
                    checkRound(out, project, reference, workbenchRun, round);
                } finally {
                    pool.shutdownNow();
                }
            }
        }
    }

    private void checkRound(Path out, Path project, Map<String, Path> reference, String workbenchRun, int round)
            throws IOException {
        Map<String, Run> byOutputRun = new HashMap<>();
        Set<String> owned = new HashSet<>();
        List<Run> runs = Files.exists(project) ? ProjectStore.load(project).project().getRuns() : List.of();
        for (Run r : runs) {
            if (r.getStatus() == RunStatus.COMPLETED) {
                byOutputRun.put(r.getParameters().get("outputRunId"), r);
                for (Sequence s : r.getSequences()) {
                    assertTrue(owned.add(s.getName()), "round " + round + ": two completed runs list " + s.getName());
                }
            }
        }
        try (Stream<Path> entries = Files.list(out)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith(".")) {
                    assertTrue(name.endsWith(".vosbench-lock") && Files.size(p) == 0,
                            "round " + round + ": only released lock files beside the folders, found " + name);
                    continue;
                }
                assertTrue(SEQUENCES.contains(name), name);
                Properties marker = new Properties();
                try (var in = Files.newBufferedReader(p.resolve(RunOutput.RUN_FILE))) {
                    marker.load(in);
                }
                String runId = marker.getProperty("run");
                String settings;
                if (runId.equals(workbenchRun)) {
                    settings = "W";
                } else {
                    Run r = byOutputRun.get(runId);
                    if (r == null || !r.getSequences().stream().anyMatch(s -> s.getName().equals(name))) {
                        fail("round " + round + ": " + name + " was written by run " + runId
                                + ", which the project does not record as the completed owner of it");
                    }
                    settings = r.getTopK() == 1 ? "B" : "A";
                }
                List<String> files;
                try (Stream<Path> f = Files.list(p)) {
                    files = f.map(x -> x.getFileName().toString()).sorted().toList();
                }
                List<String> expected = new ArrayList<>(List.of(RunOutput.RUN_FILE));
                for (int i = 0; i < FRAMES; i++) {
                    expected.add(String.format("%05d.png", i));
                }
                assertEquals(expected, files, "round " + round + ": " + name + " is whole");
                for (int i = 0; i < FRAMES; i++) {
                    String frame = String.format("%05d.png", i);
                    if (!Arrays.equals(Files.readAllBytes(reference.get(settings).resolve(name).resolve(frame)),
                            Files.readAllBytes(p.resolve(frame)))) {
                        fail("round " + round + ": " + name + "/" + frame + " is not run " + settings + "'s");
                    }
                }
            }
        }
    }

    private static int propagate(Path data, Path out, boolean overwrite, Path project, String... extra) {
        List<String> args = new ArrayList<>(List.of("propagate", "--dataset", data.toString(), "--output", out.toString(),
                "--quiet"));
        if (overwrite) {
            args.add("--overwrite");
        }
        if (project != null) {
            args.addAll(List.of("--project", project.toString()));
        }
        args.addAll(List.of(extra));
        try (Services services = new Services(FrameworkUtil.getBundle(RunOwnershipStressTest.class).getBundleContext())) {
            return Vosbench.run(services, args.toArray(String[]::new));
        }
    }

    /**
     * What the workbench's propagation Job does, on files: a round forward from the first frame through the
     * engine's Propagator, the masks written into the sequence folder the run owns.
     *
     * @return the run id written in the folder
     */
    private static String workbenchSession(PropagationService service, SequenceRef s, Path folder) throws IOException {
        try (RunOutput run = RunOutput.begin("workbench editor", true)) {
            RunOutput.Folder f = run.claim(folder);
            new Propagator(service, SessionSettings.defaults(EngineOptions.WEIGHT_FREE, null)).propagateRound(
                    new SequenceFrames(s), 0, Propagator.Direction.FORWARD,
                    r -> MaskIO.write(f.file(s.frame(r.frameIndex()).name() + ".png"), r.labels()), ProgressMonitor.NULL);
            f.commit();
            return run.runId();
        }
    }
}
