package org.vosbench.dataset;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.vosbench.core.InvalidInputException;

/**
 * No dataset format recognises a folder. The message lists, for each format, what it expected
 * and what was found.
 */
public class UnrecognizedDatasetException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    private final transient Map<String, Detection> attempts;

    /**
     * @param root the folder
     * @param attempts each format's answer by format id, in the order to report
     */
    public UnrecognizedDatasetException(Path root, Map<String, Detection> attempts) {
        super(root, describe(attempts));
        this.attempts = Collections.unmodifiableMap(new LinkedHashMap<>(attempts));
    }

    /** @return each format's answer, by format id, in the order reported */
    public Map<String, Detection> attempts() {
        return attempts;
    }

    private static String describe(Map<String, Detection> attempts) {
        if (attempts.isEmpty()) {
            return "no dataset format is installed, so this folder cannot be recognised";
        }
        StringBuilder text = new StringBuilder("not a dataset in any known format.");
        for (Map.Entry<String, Detection> e : attempts.entrySet()) {
            text.append(System.lineSeparator()).append("  ").append(e.getKey())
                    .append(": expected ").append(e.getValue().expected())
                    .append("; found ").append(e.getValue().found());
        }
        return text.toString();
    }
}
