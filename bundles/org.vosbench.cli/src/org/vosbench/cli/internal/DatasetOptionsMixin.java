package org.vosbench.cli.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.vosbench.dataset.Dataset;
import org.vosbench.dataset.DatasetFormat;
import org.vosbench.dataset.DatasetFormatRegistry;
import org.vosbench.dataset.DatasetOptions;

import picocli.CommandLine.Option;

/** The options that choose how a dataset folder is read, shared by the commands that read one. */
final class DatasetOptionsMixin {

    @Option(names = "--format", paramLabel = "<id>",
            description = "Dataset format: davis, youtubevos, bl30k, folder (default: detected).")
    String format;

    @Option(names = "--split", paramLabel = "<name>",
            description = "Split: DAVIS val|train|test-dev..., YouTube-VOS valid|test|train|train_480p.")
    String split;

    @Option(names = "--dataset-year", paramLabel = "<year>", description = "DAVIS ImageSets year: 2016 or 2017 (default 2017).")
    String year;

    @Option(names = "--resolution", paramLabel = "<res>", description = "DAVIS resolution: 480p (default) or Full-Resolution.")
    String resolution;

    @Option(names = "--all-frames", description = "YouTube-VOS: read all_frames, write only the frames the benchmark asks for.")
    boolean allFrames;

    @Option(names = "--masks", paramLabel = "<dir>", description = "Single folder of frames: the folder of its masks.")
    Path masks;

    DatasetOptions toOptions() {
        DatasetOptions o = DatasetOptions.defaults();
        if (split != null) {
            o = o.withSplit(split);
        }
        if (year != null) {
            o = o.withYear(year);
        }
        if (resolution != null) {
            o = o.withResolution(resolution);
        }
        if (allFrames) {
            o = o.withAllFrames(true);
        }
        if (masks != null) {
            o = o.withMasks(masks);
        }
        return o;
    }

    Dataset open(DatasetFormatRegistry registry, Path folder) throws IOException {
        if (format == null) {
            return registry.detect(folder).open(toOptions());
        }
        DatasetFormat f = registry.byId(format).orElseThrow(() -> new Vosbench.UsageException("unknown --format '"
                + format + "'; known: " + registry.formats().stream().map(DatasetFormat::id).toList()));
        return f.open(folder, toOptions());
    }

    void describeInto(java.util.Map<String, String> map) {
        if (split != null) {
            map.put("split", split);
        }
        if (year != null) {
            map.put("year", year);
        }
        if (resolution != null) {
            map.put("resolution", resolution);
        }
        if (allFrames) {
            map.put("allFrames", "true");
        }
    }
}
