package org.vosbench.engine.stcn.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.vosbench.core.ImageReader;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.core.ProgressMonitor;
import org.vosbench.core.RgbImage;
import org.vosbench.engine.EngineDevice;
import org.vosbench.engine.EngineRegistry;
import org.vosbench.engine.FrameSource;
import org.vosbench.engine.PropagationReport;
import org.vosbench.engine.PropagationService;
import org.vosbench.engine.Propagator;
import org.vosbench.engine.SessionSettings;

/**
 * Speed of STCN on one DAVIS-layout sequence ({@code JPEGImages/480p/<seq>},
 * {@code Annotations/480p/<seq>}), printed, never asserted: weight loading, amortised frames per
 * second as STCN reports them (all objects, file I/O excluded), seconds per frame, peak resident
 * memory (VmHWM) and JVM heap.
 */
public final class StcnBenchmark {

    private StcnBenchmark() {
    }

    /**
     * @param weights the STCN checkpoint
     * @param datasetRoot a DAVIS-layout root
     * @param sequence the sequence name
     * @param out where the figures go
     * @throws IOException when frames or weights cannot be read
     */
    public static void run(Path weights, Path datasetRoot, String sequence, PrintStream out) throws IOException {
        run(new org.vosbench.engine.internal.PropagationServiceComponent(new SingleBackboneRegistry(),
                new org.vosbench.engine.djl.DjlRuntime()), weights, datasetRoot, sequence, Integer.MAX_VALUE,
                SessionSettings.defaults(EngineRegistry.STCN_BACKBONE, weights), out);
    }

    /**
     * @param service the propagation service (e.g. the OSGi one)
     * @param weights the STCN checkpoint
     * @param datasetRoot a DAVIS-layout root
     * @param sequence the sequence name
     * @param maxFrames frames to propagate at most (from the first)
     * @param settings session settings (weights are taken from {@code weights})
     * @param out where the figures go
     * @throws IOException when frames or weights cannot be read
     */
    public static void run(PropagationService service, Path weights, Path datasetRoot, String sequence, int maxFrames,
            SessionSettings settings, PrintStream out) throws IOException {
        long start = System.nanoTime();
        SessionSettings s = new SessionSettings(settings.backboneId(), Optional.of(weights), settings.similarityId(),
                settings.topK(), settings.memEvery(), settings.includeLast(), settings.memoryPolicyId(),
                settings.maxMemoryFrames(), settings.device().threads() > 0 ? settings.device()
                        : new EngineDevice(settings.device().kind(), settings.device().amp(), 2,
                                settings.device().precision()));
        DavisSequence frames = new DavisSequence(datasetRoot, sequence, maxFrames);
        long loadStart = System.nanoTime();
        service.open(s).close(); // loads (and caches) the weights
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        RgbImage first = frames.image(0);
        java.time.Duration cpuBefore = ProcessHandle.current().info().totalCpuDuration().orElse(java.time.Duration.ZERO);
        PropagationReport report = new Propagator(service, s).propagateSequence(frames, r -> { }, ProgressMonitor.NULL);
        double total = (System.nanoTime() - start) / 1e9;
        double cpu = (ProcessHandle.current().info().totalCpuDuration().orElse(java.time.Duration.ZERO).toNanos()
                - cpuBefore.toNanos()) / 1e9;
        out.printf("STCN benchmark: %s, %d frames of %dx%d, %d objects, top-k %d, mem-every %d, memory %s, %s%n", sequence,
                report.frames(), first.width(), first.height(), report.objects(), s.topK(), s.memEvery(),
                s.memoryPolicyId(), s.device());
        out.printf("  weights loaded in %.2f s%n", loadSeconds);
        out.printf("  %.3f frames/s, %.3f s/frame (amortised, file I/O excluded)%n", report.framesPerSecond(),
                report.computeNanos() / 1e9 / report.frames());
        out.printf("  %.2f CPU s/frame (process CPU time over the propagation, I/O included)%n", cpu / report.frames());
        out.printf("  %.1f s in all (weights, frames and propagation)%n", total);
        out.printf("  peak resident memory (VmHWM) %s, JVM heap used %d MiB of %d MiB%n", peakRss(),
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
    }

    /**
     * Memory policies on a long video: the sequence's frames looped (forward, backward, forward,
     * ...) to {@code frames} frames, printing seconds per frame and resident memory every
     * {@code frames / 10} frames, so the growth of {@code stcn} and the flat {@code bounded} show.
     *
     * @param service the propagation service
     * @param settings session settings (memory policy, weights, ...)
     * @param datasetRoot a DAVIS-layout root
     * @param sequence the sequence name
     * @param frames frames to propagate
     * @param out where the figures go
     * @throws IOException when frames or weights cannot be read
     */
    public static void runLong(PropagationService service, SessionSettings settings, Path datasetRoot, String sequence,
            int frames, PrintStream out) throws IOException {
        DavisSequence source = new DavisSequence(datasetRoot, sequence, Integer.MAX_VALUE);
        int n = source.frameCount();
        int window = Math.max(1, frames / 10);
        out.printf("Long video: %s looped to %d frames, memory %s (max %d frames), mem-every %d%n", sequence, frames,
                settings.memoryPolicyId(), settings.maxMemoryFrames(), settings.memEvery());
        try (org.vosbench.engine.PropagationSession session = service.open(settings)) {
            long windowStart = System.nanoTime();
            for (int t = 0; t < frames; t++) {
                int period = 2 * (n - 1);
                int phase = n == 1 ? 0 : t % period;
                int index = phase < n ? phase : period - phase;
                LabelMask mask = t == 0 ? source.annotation(0).orElseThrow() : null;
                session.step(t, source.image(index), mask, t == frames - 1);
                if ((t + 1) % window == 0) {
                    double seconds = (System.nanoTime() - windowStart) / 1e9 / window;
                    System.gc(); // heap figures without garbage; not timed
                    out.printf("  frames %5d-%5d: %.3f s/frame, %d memory frames, resident %s (peak %s), JVM heap %d MiB%n",
                            t + 2 - window, t + 1, seconds,
                            session.memoryFrames().size(), currentRss(), peakRss(),
                            (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
                    windowStart = System.nanoTime();
                }
            }
        }
    }

    private static String currentRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return (Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10) + " MiB";
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return "n/a";
    }

    private static String peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return (kb >> 10) + " MiB";
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: fall through
        }
        return "n/a";
    }

    /** Frames of a DAVIS-layout sequence, annotations where a mask file exists. */
    private static final class DavisSequence implements FrameSource {
        private final List<Path> frames;
        private final Path annotations;
        private final SortedSet<Integer> annotated = new TreeSet<>();

        DavisSequence(Path root, String name, int maxFrames) throws IOException {
            Path images = root.resolve("JPEGImages/480p").resolve(name);
            annotations = root.resolve("Annotations/480p").resolve(name);
            try (Stream<Path> list = Files.list(images)) {
                frames = new ArrayList<>(list.sorted().limit(maxFrames).toList());
            }
            if (frames.isEmpty()) {
                throw new IOException("No frames in " + images);
            }
            if (Files.isRegularFile(mask(0))) {
                annotated.add(0);
            }
        }

        private Path mask(int index) {
            String name = frames.get(index).getFileName().toString();
            return annotations.resolve(name.substring(0, name.lastIndexOf('.')) + ".png");
        }

        @Override
        public int frameCount() {
            return frames.size();
        }

        @Override
        public RgbImage image(int index) throws IOException {
            return ImageReader.readRgb(frames.get(index));
        }

        @Override
        public SortedSet<Integer> annotatedFrames() {
            return annotated;
        }

        @Override
        public Optional<LabelMask> annotation(int index) throws IOException {
            return annotated.contains(index) ? Optional.of(MaskIO.read(mask(index))) : Optional.empty();
        }
    }

    /** The STCN backbone and the L2 similarity without the extension registry (benchmarks outside OSGi). */
    private static final class SingleBackboneRegistry implements EngineRegistry {
        @Override
        public List<org.vosbench.engine.ContributionInfo> backbones() {
            return List.of(new org.vosbench.engine.ContributionInfo(STCN_BACKBONE, "STCN", true, "benchmark", ""));
        }

        @Override
        public List<org.vosbench.engine.ContributionInfo> similarities() {
            return List.of(new org.vosbench.engine.ContributionInfo(DEFAULT_SIMILARITY, "L2", false, "benchmark", ""));
        }

        @Override
        public org.vosbench.engine.BackboneProvider backbone(String id) {
            return new StcnBackboneProvider();
        }

        @Override
        public org.vosbench.engine.Similarity similarity(String id) {
            return new org.vosbench.engine.internal.L2Similarity();
        }
    }

    /**
     * Command line: {@code <weights> <datasetRoot> <sequence> [maxFrames]}, or
     * {@code <weights> <datasetRoot> <sequence> <frames> long <stcn|bounded> [maxMemoryFrames]}.
     *
     * @param args the arguments
     * @throws IOException when frames or weights cannot be read
     */
    public static void main(String[] args) throws IOException {
        Path weights = Path.of(args[0]);
        if (args.length > 5 && args[4].equals("long")) {
            // <weights> <root> <sequence> <frames> long <stcn|bounded> [maxFrames]
            PropagationService service = new org.vosbench.engine.internal.PropagationServiceComponent(
                    new SingleBackboneRegistry(), new org.vosbench.engine.djl.DjlRuntime());
            SessionSettings s = SessionSettings.defaults(EngineRegistry.STCN_BACKBONE, weights)
                    .withMemoryPolicy(args[5], args.length > 6 ? Integer.parseInt(args[6]) : 10)
                    .withDevice(new EngineDevice(EngineDevice.Kind.CPU, false, 2));
            runLong(service, s, Path.of(args[1]), args[2], Integer.parseInt(args[3]), System.out);
            return;
        }
        int maxFrames = args.length > 3 ? Integer.parseInt(args[3]) : Integer.MAX_VALUE;
        run(new org.vosbench.engine.internal.PropagationServiceComponent(new SingleBackboneRegistry(),
                new org.vosbench.engine.djl.DjlRuntime()), weights, Path.of(args[1]), args[2], maxFrames,
                SessionSettings.defaults(EngineRegistry.STCN_BACKBONE, weights), System.out);
    }
}
