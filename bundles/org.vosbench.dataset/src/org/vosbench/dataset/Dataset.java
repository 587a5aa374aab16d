package org.vosbench.dataset;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** One opened split of a dataset: its sequences, listed without decoding any image. */
public interface Dataset {

    /** @return the folder that was opened */
    Path root();

    /** @return the id of the format that opened it, e.g. {@code davis} */
    String formatId();

    /** @return what was opened, for people, e.g. {@code DAVIS 2017 val (480p)} */
    String description();

    /** @return the sequences, in the order of the split file, else sorted by name (as the official scripts) */
    List<SequenceRef> sequences();

    /** @return the sequence with this name */
    default Optional<SequenceRef> sequence(String name) {
        return sequences().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * Where the result mask of one frame goes, in this format's result layout: the frame's
     * original name (its file name without extension) with {@code .png} appended.
     * DAVIS, BL30K and generic folders: {@code <outDir>/<sequence>/<frame>.png};
     * YouTube-VOS: {@code <outDir>/Annotations/<video>/<frame>.png}.
     *
     * @param frameName the frame's name as in {@link SequenceRef.Frame#name()}; an image file
     *     name (with extension) is accepted too
     */
    Path resultPath(Path outDir, SequenceRef sequence, String frameName);
}
