package org.vosbench.dataset;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A dataset layout on disk (DAVIS, YouTube-VOS, BL30K, generic folders, ...). Implementations are
 * contributed to the extension point {@code org.vosbench.dataset.formats}; they are stateless and
 * must have a public no-argument constructor.
 */
public interface DatasetFormat {

    /** @return the stable id used on the command line and in projects, e.g. {@code davis} */
    String id();

    /** @return a name for people, e.g. {@code DAVIS 2016/2017} */
    String name();

    /**
     * Looks at a folder without decoding anything and says whether it is in this format. Never
     * throws: an unreadable folder is simply not a match, with {@link Detection#found()} saying why.
     *
     * @param root the folder a user pointed at
     * @return whether it matches, what this format expects and what was found
     */
    Detection detect(Path root);

    /**
     * Lists the sequences of one split. Reads folder listings and small text/JSON files only.
     *
     * @param root the dataset folder
     * @param options split, year, resolution, ...; formats ignore options that do not apply
     * @return the dataset
     * @throws org.vosbench.core.InvalidInputException naming the file or folder and what is wrong
     * @throws IOException when the file system fails
     */
    Dataset open(Path root, DatasetOptions options) throws IOException;
}
