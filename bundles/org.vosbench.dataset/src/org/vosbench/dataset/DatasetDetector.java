package org.vosbench.dataset;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Picks the format of a folder among a collection of formats; the algorithm behind
 * {@link DatasetFormatRegistry#detect(Path)}, usable without OSGi.
 */
public final class DatasetDetector {

    private DatasetDetector() {
    }

    /**
     * @return the most specific match (ties: the first in the collection)
     * @throws UnrecognizedDatasetException when nothing matches, listing every format's answer
     */
    public static DetectedDataset detect(Collection<? extends DatasetFormat> formats, Path root)
            throws UnrecognizedDatasetException {
        Map<String, Detection> attempts = new LinkedHashMap<>();
        DatasetFormat best = null;
        Detection bestDetection = null;
        for (DatasetFormat format : formats.stream().sorted(Comparator.comparing(DatasetFormat::id)).toList()) {
            Detection d;
            try {
                d = format.detect(root);
            } catch (RuntimeException e) {
                // A broken contribution must not hide the other formats' answers.
                d = Detection.noMatch("(the format failed: " + e + ")", "-");
            }
            attempts.put(format.id(), d);
            if (d.matches() && (bestDetection == null || d.specificity() > bestDetection.specificity())) {
                best = format;
                bestDetection = d;
            }
        }
        if (best == null) {
            throw new UnrecognizedDatasetException(root, attempts);
        }
        return new DetectedDataset(root, best, bestDetection);
    }
}
