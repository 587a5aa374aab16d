package org.vosbench.cli.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

import org.vosbench.core.AtomicFiles;
import org.vosbench.core.InvalidInputException;
import org.vosbench.core.RunOutput;

/**
 * Exactly-once output of one sequence of a batch run, on top of core's {@link RunOutput} (which
 * locks the folder, writes it beside and renames it into place as a whole): each finished folder
 * also holds a marker with the run's settings and the weights' SHA-256, so that a retried attempt
 * or a rerun with the same settings finds the sequence done and keeps it, and a run with other
 * settings is refused instead of mixing (unless {@code --overwrite}).
 */
final class SequenceOwnership {

    /** The marker inside each finished sequence folder. */
    static final String MARKER = ".vosbench-batch.properties";

    static final String SETTINGS = "settings";
    static final String WEIGHTS_SHA256 = "weights.sha256";

    /** What a finished sequence folder says about the run that wrote it. */
    record Marker(String settings, String weightsSha256) {

        boolean sameRunAs(Marker other) {
            return settings.equals(other.settings) && weightsSha256.equals(other.weightsSha256);
        }

        String describe() {
            return settings + (weightsSha256.isEmpty() ? "" : ", weights sha256 " + weightsSha256);
        }
    }

    private SequenceOwnership() {
    }

    /** @return the marker of a sequence folder that holds files, or empty when it holds none */
    static Optional<Marker> read(Path sequenceDir) throws IOException {
        if (!Files.isDirectory(sequenceDir)) {
            return Optional.empty();
        }
        Path file = sequenceDir.resolve(MARKER);
        if (!Files.isRegularFile(file)) {
            try (var files = Files.list(sequenceDir)) {
                if (files.findAny().isEmpty()) {
                    return Optional.empty();
                }
            }
            return Optional.of(new Marker("(no marker: not written by a batch run)", ""));
        }
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        return Optional.of(new Marker(p.getProperty(SETTINGS, ""), p.getProperty(WEIGHTS_SHA256, "")));
    }

    /** Writes the marker into a folder that is about to be committed. */
    static void write(RunOutput.Folder folder, Marker marker, Properties extra) throws IOException {
        Properties p = new Properties();
        p.putAll(extra);
        p.setProperty(SETTINGS, marker.settings());
        p.setProperty(WEIGHTS_SHA256, marker.weightsSha256());
        StringWriter text = new StringWriter();
        p.store(text, "VOS Bench batch run: these settings wrote this folder");
        AtomicFiles.writeString(folder.file(MARKER), text.toString());
    }

    /** A result folder holds a sequence written with other settings: nothing was written. */
    static final class OutputOwnedException extends InvalidInputException {
        private static final long serialVersionUID = 1L;

        OutputOwnedException(Path target, Marker existing, Marker wanted) {
            super(target, "holds a sequence written with other settings (" + existing.describe() + "; this run: "
                    + wanted.describe() + "): use another --output, or --overwrite to replace it");
        }
    }
}
