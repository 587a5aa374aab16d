package org.vosbench.cli.internal;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.vosbench.dataset.DatasetOptions;
import org.vosbench.dataset.coco.MaskExchange;
import org.vosbench.dataset.youtubevos.YouTubeVosSubmission;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vosbench export}: masks in the DAVIS layout to an exchange format. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Converts masks <results>/<sequence>/<frame>.png to another format:",
                "coco-rle: <output>/<sequence>.json in SA-V's layout (compressed COCO RLE per frame and object);",
                "coco: one COCO instances JSON (video/frame ids, segmentation RLE, area, bbox, track_id);",
                "sav-png: SA-V's <output>/<sequence>/<object-1:03d>/<frame>.png binary masks;",
                "youtubevos-submission: the CodaLab zip (needs --dataset; --results in the YouTube-VOS result",
                "layout <dir>/Annotations/<video>/<frame>.png), checked against the split's meta.json."})
final class ExportCommand implements Callable<Integer> {

    @Option(names = "--format", required = true, paramLabel = "coco-rle|coco|sav-png|youtubevos-submission",
            description = "The format to write.")
    String format;

    @Option(names = "--dataset", paramLabel = "<root>", description = "youtubevos-submission: the YouTube-VOS folder.")
    Path dataset;

    @Option(names = "--split", paramLabel = "<name>", description = "youtubevos-submission: the split (default valid).")
    String split;

    @Option(names = "--results", required = true, paramLabel = "<dir>", description = "Masks: <dir>/<sequence>/<frame>.png.")
    Path results;

    @Option(names = "--output", required = true, paramLabel = "<path>", description = "Folder (coco-rle, sav-png) or .json file (coco); must not exist.")
    Path output;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (format.equals("youtubevos-submission")) {
            if (dataset == null) {
                throw new Vosbench.UsageException("--format youtubevos-submission needs --dataset <YouTube-VOS root>");
            }
            DatasetOptions options = split == null ? DatasetOptions.defaults() : DatasetOptions.defaults().withSplit(split);
            YouTubeVosSubmission.Summary s = YouTubeVosSubmission.write(dataset, options, results, output,
                    new CliProgress("frames", quiet));
            System.out.printf("Wrote %s: %d videos, %d masks, checked against meta.json%n", output.toAbsolutePath(),
                    s.videos(), s.frames());
            return 0;
        }
        if (dataset != null || split != null) {
            throw new Vosbench.UsageException("--dataset and --split apply to --format youtubevos-submission only");
        }
        MaskExchange.Format f = MaskExchange.Format.byId(format).orElseThrow(() -> new Vosbench.UsageException(
                "unknown --format '" + format + "'; known: coco-rle, coco, sav-png, youtubevos-submission"));
        MaskExchange.Summary s = MaskExchange.export(f, results, output, new CliProgress("sequences", quiet));
        System.out.printf("Exported %d sequences, %d frames, %d object masks as %s to %s%n", s.sequences(), s.frames(),
                s.objects(), format, output.toAbsolutePath());
        return 0;
    }
}
