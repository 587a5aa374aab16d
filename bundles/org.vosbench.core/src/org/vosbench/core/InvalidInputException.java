package org.vosbench.core;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An input file is unusable: corrupt, truncated, of the wrong kind or size. The message always
 * names the file and what is wrong with it.
 */
public class InvalidInputException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * @param file the offending file (or folder)
     * @param problem what is wrong, in words a user can act on
     */
    public InvalidInputException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = Objects.requireNonNull(file);
    }

    /**
     * @param file the offending file (or folder)
     * @param problem what is wrong, in words a user can act on
     * @param cause the underlying failure
     */
    public InvalidInputException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = Objects.requireNonNull(file);
    }

    /** @return the offending file */
    public Path file() {
        return file;
    }
}
