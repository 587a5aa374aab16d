package org.vosbench.dataset.layout;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import org.vosbench.dataset.Dataset;
import org.vosbench.dataset.SequenceRef;

/** A {@link Dataset} listed by the {@link FolderReader}. */
public final class FolderDataset implements Dataset {

    private final Path root;
    private final String formatId;
    private final String description;
    private final List<SequenceRef> sequences;
    private final String resultSubfolder;

    FolderDataset(Path root, String formatId, String description, List<SequenceRef> sequences,
            String resultSubfolder) {
        this.root = root;
        this.formatId = formatId;
        this.description = description;
        this.sequences = List.copyOf(sequences);
        this.resultSubfolder = resultSubfolder;
    }

    @Override
    public Path root() {
        return root;
    }

    @Override
    public String formatId() {
        return formatId;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<SequenceRef> sequences() {
        return sequences;
    }

    @Override
    public Path resultPath(Path outDir, SequenceRef sequence, String frameName) {
        Objects.requireNonNull(outDir);
        String stem = Folders.isImage(frameName) ? Folders.stem(frameName) : frameName;
        Path base = resultSubfolder == null ? outDir : outDir.resolve(resultSubfolder);
        return base.resolve(sequence.name()).resolve(stem + ".png");
    }

    @Override
    public String toString() {
        return description + " at " + root + " (" + sequences.size() + " sequences)";
    }
}
