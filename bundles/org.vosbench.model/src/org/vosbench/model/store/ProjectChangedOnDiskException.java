package org.vosbench.model.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Another program wrote the project file after it was opened (for example {@code vosbench
 * evaluate --project} while the workbench had it open); saving now would replace that work.
 */
public class ProjectChangedOnDiskException extends IOException {

	private static final long serialVersionUID = 1L;

	private final transient Path file;

	public ProjectChangedOnDiskException(Path file) {
		super(file + ": changed by another program since it was opened; reload it, or overwrite it (the other version is then kept as "
				+ file.getFileName() + ProjectStore.BACKUP_SUFFIX + ")");
		this.file = file;
	}

	/** The project file. */
	public Path file() {
		return file;
	}
}
