package org.vosbench.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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

import org.eclipse.core.commands.operations.DefaultOperationHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.vosbench.core.MaskIO;
import org.vosbench.core.OutputInUseException;
import org.vosbench.core.ProgressMonitor;
import org.vosbench.core.RunOutput;
import org.vosbench.dataset.DatasetFormatRegistry;
import org.vosbench.dataset.DatasetOptions;
import org.vosbench.dataset.SequenceRef;
import org.vosbench.app.ProjectSession;
import org.vosbench.engine.PropagationReport;
import org.vosbench.engine.PropagationService;
import org.vosbench.engine.Propagator;
import org.vosbench.engine.SessionSettings;
import org.vosbench.model.Run;
import org.vosbench.model.RunStatus;
import org.vosbench.model.Sequence;
import org.vosbench.model.store.ProjectStore;
import org.vosbench.ui.editor.PropagationRecorder;
import org.vosbench.ui.editor.SequenceDocument;

/**
 * Two {@code vosbench propagate} commands with different settings and a workbench session start at the same
 * instant against one output folder, in rounds. The workbench session is what the workbench's propagation
 * Job and its editor do, headless, through the same classes: the editor's {@link SequenceDocument} opened on
 * the project's annotations folder, the engine's {@link Propagator#propagateRound} writing into it through its
 * {@link PropagationRecorder}, the run recorded by {@link ProjectSession#recordPropagation} and the document
 * saved by {@link SequenceDocument#save()}; the commands write {@code --output} into that annotations folder.
 * After each round every sequence folder present is whole (every frame, no stray file, no staging left) and
 * byte-identical to what the one run it names produces alone, and the project records at most one completed
 * run per sequence.
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
            DatasetFormatRegistry registry = services.get(DatasetFormatRegistry.class);
            // what each run writes alone, run one after the other
            Map<String, Path> reference = new HashMap<>();
            reference.put("A", tmp.resolve("ref-a"));
            reference.put("B", tmp.resolve("ref-b"));
            assertEquals(0, propagate(data, reference.get("A"), false, null, A));
            assertEquals(0, propagate(data, reference.get("B"), false, null, B));
            ProjectSession alone = ProjectSession.create(tmp.resolve("ref-w/p.vosbench"), "ref", registry);
            org.vosbench.model.Dataset aloneData = alone.addDataset(data);
            assertTrue(workbenchSession(service, alone, aloneData.findSequence("s2")) != null);
            reference.put("W", alone.annotationsDir(aloneData));
            boolean differ = false;
            for (int i = 1; i < FRAMES; i++) {
                String frame = String.format("s1/%05d.png", i);
                differ |= !Arrays.equals(Files.readAllBytes(reference.get("A").resolve(frame)),
                        Files.readAllBytes(reference.get("B").resolve(frame)));
            }
            assertTrue(differ, "the two settings give different masks, so the masks tell which run wrote a folder");

            ProjectSession workbench = ProjectSession.create(tmp.resolve("wb/p.vosbench"), "wb", registry);
            org.vosbench.model.Dataset wbData = workbench.addDataset(data);
            Sequence s2 = wbData.findSequence("s2");
            Path out = workbench.annotationsDir(wbData);
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
                        return workbenchSession(service, workbench, s2);
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
                if (name.startsWith(".") && name.endsWith(".recovery")) {
                    continue; // the editor's journal of its unsaved changes (a refused save keeps them), beside the folder
                }
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
                if (settings.equals("W")) {
                    expected.addAll(List.of("frames.tsv", "objects.tsv"));
                }
                for (int i = 0; i < FRAMES; i++) {
                    expected.add(String.format("%05d.png", i));
                }
                expected.sort(null);
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
     * What the workbench does when a person opens s2, presses Propagate and saves: the editor's document on
     * the project's annotations folder, the Job's engine call with its recorder, the run recorded by the
     * project session, the document saved.
     *
     * @return the run id the save wrote into the folder, or null when the save was refused because another run
     *         held the folder or had replaced it since the editor opened it (the editor says so; nothing mixed)
     */
    private static String workbenchSession(PropagationService service, ProjectSession session, Sequence sequence)
            throws IOException {
        SequenceRef s = session.sequenceRef(sequence);
        SequenceDocument doc = SequenceDocument.open(s, session.workDir(sequence), new DefaultOperationHistory());
        try {
            SessionSettings settings = SessionSettings.defaults("weightfree", null).withTopK(3);
            PropagationRecorder recorder = doc.recordPropagation("Propagate forward");
            Instant started = Instant.now();
            PropagationReport report = new Propagator(service, settings).propagateRound(new SequenceFrames(s), 0,
                    Propagator.Direction.FORWARD, r -> {
                        if (r.frameIndex() != 0) {
                            recorder.write(r.frameIndex(), r.labels());
                        }
                    }, ProgressMonitor.NULL);
            recorder.finish();
            Run run = session.recordPropagation(sequence, new ProjectSession.PropagationOutcome(service.describeEngine(),
                    settings, "forward", 0, report, recorder.written(), false, started, Instant.now()), doc::writeSnapshot);
            assertEquals(RunStatus.COMPLETED, run.getStatus(), run.getMessage());
            try {
                doc.save();
            } catch (OutputInUseException | SequenceDocument.FolderReplacedException e) {
                return null;
            }
            return doc.savedRunId();
        } finally {
            doc.close();
        }
    }
}
