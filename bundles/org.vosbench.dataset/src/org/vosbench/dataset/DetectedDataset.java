package org.vosbench.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A folder and the format it was detected to be in.
 *
 * @param root the folder
 * @param format the best-matching format
 * @param detection that format's answer
 */
public record DetectedDataset(Path root, DatasetFormat format, Detection detection) {

    public DetectedDataset {
        Objects.requireNonNull(root);
        Objects.requireNonNull(format);
        Objects.requireNonNull(detection);
    }

    /** Opens the folder with the detected format. */
    public Dataset open(DatasetOptions options) throws IOException {
        return format.open(root, options);
    }
}
