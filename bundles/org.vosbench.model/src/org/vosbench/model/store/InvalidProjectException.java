package org.vosbench.model.store;

import java.io.IOException;
import java.nio.file.Path;

/** A file that cannot be read as a VOS Bench project; the message names the file and the problem. */
public class InvalidProjectException extends IOException {

	private static final long serialVersionUID = 1L;

	private final transient Path file;

	public InvalidProjectException(Path file, String problem, Throwable cause) {
		super(file + ": " + problem, cause);
		this.file = file;
	}

	/** The project file that could not be read. */
	public Path file() {
		return file;
	}
}
