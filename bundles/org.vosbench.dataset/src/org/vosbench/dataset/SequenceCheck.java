package org.vosbench.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.vosbench.core.Dimension2;
import org.vosbench.core.ImageReader;
import org.vosbench.core.InvalidInputException;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;

/**
 * The one check of a sequence's input before a run writes anything, used by the command line
 * ({@code vosbench propagate}, the batch workers) and the workbench's propagation Job, so that a bad
 * frame fails at once, naming the file and the sequence, instead of half-way through a run.
 * Headers are read, images are not decoded (a truncated file is found by its missing end).
 */
public final class SequenceCheck {

    private SequenceCheck() {
    }

    /**
     * Every frame's header is readable and the file complete, and all frames have one size.
     *
     * @return the frames' size
     * @throws InvalidInputException naming the file and the sequence
     */
    public static Dimension2 frames(SequenceRef s) throws IOException {
        if (s.frames().isEmpty()) {
            throw new InvalidInputException(Path.of(s.name()), "sequence '" + s.name() + "' has no frames");
        }
        Dimension2 size = null;
        Path sizeOf = null;
        for (SequenceRef.Frame f : s.frames()) {
            Dimension2 d;
            try {
                d = ImageReader.probe(f.image());
            } catch (InvalidInputException e) {
                throw new InvalidInputException(e.file(), "frame " + f.name() + " of sequence '" + s.name() + "': "
                        + e.getMessage().substring(e.file().toString().length() + 2), e);
            }
            if (size == null) {
                size = d;
                sizeOf = f.image();
            } else if (!d.equals(size)) {
                throw new InvalidInputException(f.image(), String.format("frame %s of sequence '%s' is %dx%d but the"
                        + " sequence's first frame %s is %dx%d", f.name(), s.name(), d.width(), d.height(),
                        sizeOf.getFileName(), size.width(), size.height()));
            }
        }
        return size;
    }

    /**
     * What propagating a dataset's sequence from its given masks needs: {@link #frames} and at least one
     * given mask, each readable, of the frames' size, with at most 254 objects.
     *
     * @throws InvalidInputException naming the file and the sequence
     */
    public static void forPropagation(SequenceRef s) throws IOException {
        if (!s.frames().isEmpty() && s.annotations().isEmpty()) {
            throw new InvalidInputException(s.frame(0).image().getParent(), "sequence '" + s.name()
                    + "' has no annotated frame: give the mask of each object on the frame where it first appears");
        }
        Dimension2 size = frames(s);
        for (Map.Entry<Integer, Path> given : s.annotations().entrySet()) {
            LabelMask mask = MaskIO.read(given.getValue());
            if (mask.width() != size.width() || mask.height() != size.height()) {
                throw new InvalidInputException(given.getValue(), String.format(
                        "the mask is %dx%d but its frame %s of sequence '%s' is %dx%d", mask.width(), mask.height(),
                        s.frame(given.getKey()).image().getFileName(), s.name(), size.width(), size.height()));
            }
            if (mask.objectIds().size() > 254) {
                throw new InvalidInputException(given.getValue(), "the mask has more than 254 objects");
            }
        }
    }
}
