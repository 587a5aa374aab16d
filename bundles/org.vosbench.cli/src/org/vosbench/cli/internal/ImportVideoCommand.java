package org.vosbench.cli.internal;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.vosbench.video.VideoImport;
import org.vosbench.video.VideoImport.ImageFormat;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vosbench import-video}: a video file into a generic-folder sequence. */
@Command(name = "import-video", mixinStandardHelpOptions = true,
        description = {"Decodes a video (mp4, mov, mkv, avi, webm; H.264, H.265, VP9, AV1, ... through FFmpeg)",
                "into <output>/JPEGImages/<name>/00000.jpg ..., with video.json recording the source, fps and",
                "each frame's timestamp. A truncated or damaged video is an error and leaves nothing."})
final class ImportVideoCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<file>", description = "The video file.")
    Path video;

    @Option(names = "--output", required = true, paramLabel = "<dataset root>",
            description = "Generic-folder dataset to add the sequence to (created if missing).")
    Path output;

    @Option(names = "--name", paramLabel = "<seq>", description = "Sequence name (default: the file name without extension).")
    String name;

    @Option(names = "--fps", paramLabel = "<F>", description = "Keep frames at this rate (default: every frame).")
    Double fps;

    @Option(names = "--start", paramLabel = "<t>", description = "First second to keep.")
    Double start;

    @Option(names = "--end", paramLabel = "<t>", description = "Last second to keep.")
    Double end;

    @Option(names = "--max-side", paramLabel = "<px>", defaultValue = "854",
            description = "Scale frames down to at most this many pixels on the long side; 0 keeps the size (default: ${DEFAULT-VALUE}).")
    int maxSide;

    @Option(names = "--png", description = "Write PNG frames instead of JPEG (quality 95).")
    boolean png;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (start != null && end != null && end < start) {
            throw new Vosbench.UsageException("--end " + end + " is before --start " + start);
        }
        VideoImport.Result r = VideoImport.importVideo(video, output,
                new VideoImport.Options(name, fps, start, end, maxSide, png ? ImageFormat.PNG : ImageFormat.JPG),
                new CliProgress("frames", quiet));
        System.out.printf("Imported %d of %d frames (%s, %.3f fps) at %dx%d into %s%n", r.frames(), r.decodedFrames(),
                r.codec(), r.sourceFps(), r.width(), r.height(), r.sequence().toAbsolutePath());
        return 0;
    }
}
