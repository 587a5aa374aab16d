package org.vosbench.dataset.youtubevos.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.vosbench.dataset.Dataset;
import org.vosbench.dataset.DatasetOptions;

/**
 * Prints how long opening a YouTube-VOS train-sized split takes (3,471 videos, 27 frames each,
 * every frame annotated, as the 5 fps train set), three times, each beside the time of the bare
 * file list (every folder read once, a stat per entry).
 * Speed is printed, never asserted. Skipped unless the environment variable
 * {@code VOSBENCH_BENCHMARK=1} is set:
 * {@code VOSBENCH_BENCHMARK=1 ./mvnw -o verify -pl bundles/org.vosbench.dataset.youtubevos,bundles/org.vosbench.dataset.youtubevos.tests -am -Dtest=YouTubeVosListingBenchmarkTest}
 * (surefire prints the figures), or call {@link #main(String[])} on a class path.
 */
public class YouTubeVosListingBenchmarkTest {

    @Test
    @EnabledIfEnvironmentVariable(named = "VOSBENCH_BENCHMARK", matches = "1|true")
    void printsTheTimeToOpenATrainSizedSplit() throws IOException {
        run(3471, 27);
    }

    public static void main(String[] args) throws IOException {
        run(args.length > 0 ? Integer.parseInt(args[0]) : 3471, args.length > 1 ? Integer.parseInt(args[1]) : 27);
    }

    /** The bare file list: every folder of the split read once with a directory stream, nothing else. */
    private static long listEveryFolder(Path dir) throws IOException {
        long count = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                count++;
                if (Files.isDirectory(entry)) {
                    count += listEveryFolder(entry);
                }
            }
        }
        return count;
    }

    /** Builds the tree in a temporary folder, opens it three times, prints the times, deletes the tree. */
    public static void run(int videos, int frames) throws IOException {
        Path root = Files.createTempDirectory("vosbench-ytvos-bench");
        try {
            long t0 = System.nanoTime();
            SyntheticYouTubeVos.build(root, "train", videos, frames, true);
            System.out.printf("YouTube-VOS listing benchmark: built %d videos x %d frames (+ masks) in %.2f s%n",
                    videos, frames, (System.nanoTime() - t0) / 1e9);
            YouTubeVosFormat format = new YouTubeVosFormat();
            for (int round = 1; round <= 3; round++) {
                long listStart = System.nanoTime();
                long files = listEveryFolder(root.resolve("train"));
                System.out.printf("  file list only #%d: %d files in %.3f s%n", round, files,
                        (System.nanoTime() - listStart) / 1e9);
                long start = System.nanoTime();
                Dataset d = format.open(root, DatasetOptions.defaults().withSplit("train"));
                long frameCount = d.sequences().stream().mapToLong(s -> s.length()).sum();
                System.out.printf("  open #%d: %d sequences, %d frames in %.3f s%n", round, d.sequences().size(),
                        frameCount, (System.nanoTime() - start) / 1e9);
            }
        } finally {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
