package org.vosbench.cli.internal;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.vosbench.dataset.Dataset;
import org.vosbench.dataset.DatasetFormatRegistry;
import org.vosbench.dataset.SequenceRef;
import org.vosbench.video.OverlayVideoExport;
import org.vosbench.video.OverlayVideoExport.Overlay;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code vosbench export-video}: one sequence with its masks drawn over it, as a video. */
@Command(name = "export-video", mixinStandardHelpOptions = true,
        description = "Writes a video of one sequence with the result masks drawn in the DAVIS palette.")
final class ExportVideoCommand implements Callable<Integer> {

    @ParentCommand
    Vosbench root;

    @Mixin
    DatasetOptionsMixin datasetOptions;

    @Option(names = "--dataset", required = true, paramLabel = "<root>", description = "The dataset.")
    Path dataset;

    @Option(names = "--results", required = true, paramLabel = "<dir>", description = "Masks in the dataset's result layout.")
    Path results;

    @Option(names = "--sequence", required = true, paramLabel = "<s>", description = "The sequence.")
    String sequence;

    @Option(names = "--output", required = true, paramLabel = "<s.mp4>", description = "The video (.mp4, .mov, .mkv, .webm, .avi).")
    Path output;

    @Option(names = "--overlay", defaultValue = "filled", paramLabel = "filled|contour",
            description = "Masks blended with an outline, or outline only (default: ${DEFAULT-VALUE}).")
    String overlay;

    @Option(names = "--fps", defaultValue = "24", paramLabel = "<F>", description = "Frames per second (default: ${DEFAULT-VALUE}).")
    double fps;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        Overlay mode = switch (overlay) {
            case "filled" -> Overlay.FILLED;
            case "contour" -> Overlay.CONTOUR;
            default -> throw new Vosbench.UsageException("--overlay must be filled or contour, not '" + overlay + "'");
        };
        if (!(fps > 0)) {
            throw new Vosbench.UsageException("--fps must be positive");
        }
        Dataset d = datasetOptions.open(root.services.get(DatasetFormatRegistry.class), dataset);
        SequenceRef seq = d.sequence(sequence).orElseThrow(() -> new Vosbench.UsageException("no sequence '" + sequence
                + "' in " + dataset + " (it has " + d.sequences().size() + ")"));
        OverlayVideoExport.Result r = OverlayVideoExport.export(d, seq, results, output, mode, fps,
                new CliProgress("frames", quiet));
        System.out.printf("Wrote %s: %d frames (%d with masks), %s%n", output.toAbsolutePath(), r.frames(), r.masked(),
                r.codec());
        return 0;
    }
}
