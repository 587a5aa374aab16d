package @PACKAGE@;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.vosbench.dataset.Dataset;
import org.vosbench.dataset.DatasetFormat;
import org.vosbench.dataset.DatasetOptions;
import org.vosbench.dataset.Detection;
import org.vosbench.dataset.ObjectIdSource;
import org.vosbench.dataset.layout.FolderLayout;
import org.vosbench.dataset.layout.FolderLayout.GivenMasks;
import org.vosbench.dataset.layout.FolderReader;
import org.vosbench.dataset.layout.Folders;

/**
 * A lab's own layout, {@code frames/<video>/<frame>.jpg|png} with {@code masks/<video>/<frame>.png},
 * the first mask of each video given and the rest ground truth. A thin descriptor over VOS Bench's
 * generic folder reader: the reader lists, sorts, checks and names files; this class only says
 * where they are.
 */
public final class @CLASS@Format implements DatasetFormat {

    static final String EXPECTED = "frames/<video>/<frame>.jpg|png with masks/<video>/<frame>.png";

    @Override
    public String id() {
        return "@ID@";
    }

    @Override
    public String name() {
        return "Frames and masks folders (@ID@)";
    }

    @Override
    public Detection detect(Path root) {
        String found = Folders.describe(root);
        boolean frames = Files.isDirectory(root.resolve("frames")) && Folders.firstSubfolder(root.resolve("frames")).isPresent();
        if (frames && Files.isDirectory(root.resolve("masks"))) {
            return Detection.match(20, EXPECTED, found);
        }
        return Detection.noMatch(EXPECTED, found);
    }

    @Override
    public Dataset open(Path root, DatasetOptions options) throws IOException {
        FolderLayout layout = FolderLayout.builder(id(), root, root.resolve("frames"))
                .description(name())
                .masks(root.resolve("masks"))
                .givenMasks(GivenMasks.FIRST)
                .objectIds(video -> ObjectIdSource.firstAnnotatedFrame())
                .build();
        return FolderReader.read(layout);
    }
}
