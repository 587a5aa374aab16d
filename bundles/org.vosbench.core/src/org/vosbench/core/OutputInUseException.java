package org.vosbench.core;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An output folder is owned by another live run (another command, a workbench editor's save or
 * propagation, in this process or another one): nothing was written.
 */
public class OutputInUseException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path folder;
    private final String holder;

    /**
     * @param folder the folder asked for
     * @param holder who holds it, in words ({@link OutputLock.Owner#toString()})
     */
    public OutputInUseException(Path folder, String holder) {
        super(folder + ": is being written by another run (" + holder
                + "); wait until it has finished or write somewhere else");
        this.folder = folder;
        this.holder = holder;
    }

    /** @return the folder asked for */
    public Path folder() {
        return folder;
    }

    /** @return who holds it */
    public String holder() {
        return holder;
    }
}
