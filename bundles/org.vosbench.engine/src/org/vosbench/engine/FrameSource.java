package org.vosbench.engine;

import java.io.IOException;
import java.util.Optional;
import java.util.SortedSet;

import org.vosbench.core.LabelMask;
import org.vosbench.core.RgbImage;

/** The frames of one sequence and the masks given for some of them, read on demand. */
public interface FrameSource {

    /** @return number of frames */
    int frameCount();

    /**
     * @param index frame index
     * @return the frame
     * @throws IOException when it cannot be read (the message names the file)
     */
    RgbImage image(int index) throws IOException;

    /** @return indices of the frames with a given mask, ascending */
    SortedSet<Integer> annotatedFrames();

    /**
     * @param index frame index
     * @return the mask given for the frame, empty when none
     * @throws IOException when it cannot be read (the message names the file)
     */
    Optional<LabelMask> annotation(int index) throws IOException;
}
