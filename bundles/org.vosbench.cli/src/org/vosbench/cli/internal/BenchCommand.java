package org.vosbench.cli.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import org.vosbench.core.ImageReader;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.core.RgbImage;
import org.vosbench.dataset.DatasetFormatRegistry;
import org.vosbench.dataset.DatasetOptions;
import org.vosbench.dataset.SequenceRef;
import org.vosbench.engine.MemoryPolicy;
import org.vosbench.engine.FrameSource;
import org.vosbench.engine.PropagationService;
import org.vosbench.engine.Propagator;
import org.vosbench.engine.SessionSettings;
import org.vosbench.sample.BundledSample;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code vosbench bench ...}: benchmarks that print figures (never asserted by tests). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks that print figures.",
                "Whole-command timings of evaluate and propagate are the repository's bench/ scripts."},
        subcommands = BenchCommand.Memory.class)
final class BenchCommand implements Runnable {

    @ParentCommand
    Vosbench root;

    @Override
    public void run() {
        throw new Vosbench.UsageException("choose a benchmark: vosbench bench memory --help");
    }

    /**
     * Time and memory per frame over a long video: the bundled sample played back and forth
     * until {@code --frames}, so memory policies can be compared (STCN's grows, bounded stays flat).
     */
    @Command(name = "memory", mixinStandardHelpOptions = true,
            description = {"Propagates a long looped sequence (the bundled sample played back and forth) and prints",
                    "time and resident memory per frame, to compare --memory stcn (grows) with --memory bounded (flat)."})
    static final class Memory implements Callable<Integer> {

        @ParentCommand
        BenchCommand bench;

        @Option(names = "--frames", defaultValue = "1000", description = "Length of the looped video (default: ${DEFAULT-VALUE}).")
        int frames;

        @Option(names = "--scale", defaultValue = "0.5", description = "Frame scale against 854x480 (default: ${DEFAULT-VALUE}).")
        double scale;

        @Option(names = "--every", defaultValue = "50", description = "Print a line every n frames (default: ${DEFAULT-VALUE}).")
        int every;

        @Option(names = "--work", defaultValue = "${sys:java.io.tmpdir}/vosbench-bench", description = "Folder for the sample copy (default: ${DEFAULT-VALUE}).")
        Path work;

        @Mixin
        EngineOptions engine;

        @Override
        public Integer call() throws Exception {
            PropagationService service = bench.root.services.get(PropagationService.class);
            SessionSettings settings = engine.settings(service.registry());
            Path sample = BundledSample.copyTo(work.resolve("sample"));
            SequenceRef sequence = bench.root.services.get(DatasetFormatRegistry.class).byId("davis").orElseThrow()
                    .open(sample, DatasetOptions.defaults()).sequence(BundledSample.SEQUENCE).orElseThrow();
            Looped source = Looped.of(sequence, frames, scale);
            System.out.printf(Locale.ROOT, "memory benchmark: %d frames of %dx%d (bundled sample looped), backbone %s, memory %s%s%n",
                    frames, source.width, source.height, settings.backboneId(), settings.memoryKind(),
                    settings.memoryKind() == MemoryPolicy.Kind.BOUNDED ? " (max " + settings.maxMemoryFrames() + " frames)" : "");
            System.out.println("frame  ms/frame(last " + every + ")  resident MiB  peak resident MiB");
            long[] windowStart = {System.nanoTime()};
            long[] worstWindow = {0};
            Propagator propagator = new Propagator(service, settings);
            long start = System.nanoTime();
            var report = propagator.propagateSequence(source, step -> {
                int done = step.frameIndex() + 1;
                if (done % every == 0 || done == frames) {
                    long now = System.nanoTime();
                    int n = done % every == 0 ? every : done % every;
                    double ms = (now - windowStart[0]) / 1e6 / n;
                    worstWindow[0] = Math.max(worstWindow[0], (long) ms);
                    windowStart[0] = now;
                    System.out.printf(Locale.ROOT, "%5d  %18.1f  %12.0f  %17.0f%n", done, ms,
                            PeakMemory.residentNow() / 1048576.0, PeakMemory.now().residentBytes() / 1048576.0);
                }
            }, new CliProgress("frames", true));
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "%d frames in %.1f s: %.2f frames/s (compute only %.2f frames/s); %s%n",
                    report.frames(), seconds, report.frames() / seconds, report.framesPerSecond(), PeakMemory.now());
            return 0;
        }
    }

    /** The sample's frames played forward then backward, repeatedly; its first mask on frame 0. */
    static final class Looped implements FrameSource {
        private final List<Path> images;
        private final LabelMask first;
        private final int length;
        private final int width;
        private final int height;

        private Looped(List<Path> images, LabelMask first, int length, int width, int height) {
            this.images = images;
            this.first = first;
            this.length = length;
            this.width = width;
            this.height = height;
        }

        /** @param sequence a sequence as its dataset format lists it; its first given mask is frame 0's */
        static Looped of(SequenceRef sequence, int length, double scale) throws IOException {
            List<Path> images = sequence.imagePaths();
            LabelMask mask = MaskIO.read(sequence.annotations().get(sequence.annotations().firstKey()));
            int w = (int) Math.round(mask.width() * scale);
            int h = (int) Math.round(mask.height() * scale);
            return new Looped(images, Resize.mask(mask, w, h), length, w, h);
        }

        @Override
        public int frameCount() {
            return length;
        }

        @Override
        public RgbImage image(int index) throws IOException {
            int period = 2 * images.size() - 2;
            int k = index % period;
            int frame = k < images.size() ? k : period - k;
            return Resize.image(ImageReader.readRgb(images.get(frame)), width, height);
        }

        @Override
        public SortedSet<Integer> annotatedFrames() {
            return new TreeSet<>(List.of(0));
        }

        @Override
        public Optional<LabelMask> annotation(int index) {
            return index == 0 ? Optional.of(first) : Optional.empty();
        }
    }

    /** Resampling for the benchmark's smaller frames (area average for images, nearest for masks). */
    static final class Resize {
        private Resize() {
        }

        static RgbImage image(RgbImage src, int w, int h) {
            if (src.width() == w && src.height() == h) {
                return src;
            }
            byte[] in = src.rgb();
            byte[] out = new byte[w * h * 3];
            for (int y = 0; y < h; y++) {
                int y0 = y * src.height() / h;
                int y1 = Math.max(y0 + 1, (y + 1) * src.height() / h);
                for (int x = 0; x < w; x++) {
                    int x0 = x * src.width() / w;
                    int x1 = Math.max(x0 + 1, (x + 1) * src.width() / w);
                    for (int c = 0; c < 3; c++) {
                        int sum = 0;
                        for (int yy = y0; yy < y1; yy++) {
                            for (int xx = x0; xx < x1; xx++) {
                                sum += in[(yy * src.width() + xx) * 3 + c] & 0xff;
                            }
                        }
                        out[(y * w + x) * 3 + c] = (byte) (sum / ((y1 - y0) * (x1 - x0)));
                    }
                }
            }
            return new RgbImage(w, h, out);
        }

        static LabelMask mask(LabelMask src, int w, int h) {
            byte[] out = new byte[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = (byte) src.get(Math.min(src.width() - 1, (int) ((x + 0.5) * src.width() / w)),
                            Math.min(src.height() - 1, (int) ((y + 0.5) * src.height() / h)));
                }
            }
            return new LabelMask(w, h, out);
        }
    }
}
