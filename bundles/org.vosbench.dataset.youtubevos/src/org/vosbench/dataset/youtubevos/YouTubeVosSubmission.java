package org.vosbench.dataset.youtubevos;

import java.io.IOException;
import java.nio.file.Path;

import org.vosbench.core.InvalidInputException;
import org.vosbench.core.ProgressMonitor;
import org.vosbench.dataset.DatasetOptions;
import org.vosbench.dataset.youtubevos.internal.SubmissionWriter;

/**
 * The zip the YouTube-VOS CodaLab server takes: {@code Annotations/<video>/<frame>.png} for every
 * video of the split's {@code meta.json} and exactly the frames it lists (the union of its objects'
 * frames; each object's list starts where it first appears), as the official STCN
 * {@code eval_youtube.py} write them without {@code --output_all}; palette PNGs with the original
 * object ids. Everything is checked before the zip appears (it is written under a temporary name
 * and renamed): missing videos or frames are one error listing them; a mask of another size than
 * its video or holding an id its video's {@code meta.json} entry lacks is an error naming it.
 */
public final class YouTubeVosSubmission {

    /**
     * @param videos videos written
     * @param frames masks written
     */
    public record Summary(int videos, int frames) {
    }

    private YouTubeVosSubmission() {
    }

    /**
     * @param dataset the YouTube-VOS folder (or a split folder)
     * @param options the split to submit (default valid)
     * @param results the result folder, {@code <results>/Annotations/<video>/<frame>.png}
     * @param zip the zip to write
     * @throws InvalidInputException listing missing videos and frames, or naming a bad mask
     */
    public static Summary write(Path dataset, DatasetOptions options, Path results, Path zip, ProgressMonitor monitor)
            throws IOException {
        int[] counts = SubmissionWriter.write(dataset, options, results, zip, monitor);
        return new Summary(counts[0], counts[1]);
    }
}
