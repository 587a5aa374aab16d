package org.vosbench.dataset;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The dataset formats contributed to the extension point {@code org.vosbench.dataset.formats}.
 * An OSGi service; get it by {@code @Reference}.
 */
public interface DatasetFormatRegistry {

    /** The extension point id. */
    String EXTENSION_POINT = "org.vosbench.dataset.formats";

    /** @return every contributed format, ordered by id */
    List<DatasetFormat> formats();

    /** @return the format with this id, if contributed */
    Optional<DatasetFormat> byId(String id);

    /**
     * Detects the format of a folder: the most specific matching format wins.
     *
     * @throws UnrecognizedDatasetException when no format matches; its message lists what each
     *     format expected and what was found
     */
    default DetectedDataset detect(Path root) throws UnrecognizedDatasetException {
        return DatasetDetector.detect(formats(), root);
    }
}
