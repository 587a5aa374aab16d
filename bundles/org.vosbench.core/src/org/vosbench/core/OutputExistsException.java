package org.vosbench.core;

import java.nio.file.Path;

/** An output folder already holds results and the run was not asked to replace them: nothing was written. */
public class OutputExistsException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    /**
     * @param folder the folder
     * @param files how many files it holds
     */
    public OutputExistsException(Path folder, long files) {
        super(folder, "already holds " + files + " file(s) of an earlier run; replace them as a whole with"
                + " --overwrite, or choose another output folder");
    }
}
