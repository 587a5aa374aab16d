package org.vosbench.cli.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

import org.vosbench.core.AtomicFiles;

/**
 * Exactly-once output of one sequence of a batch run: the sequence is written under
 * {@code <out>/.vosbench-part/<attempt>/}, gets a marker with the run's settings and the weights'
 * SHA-256, and is renamed into place in one step when whole. A sequence folder is thus either
 * absent or complete with its marker; a retried or duplicated attempt finds the finished folder
 * and keeps it.
 */
final class SequenceOwnership {

    /** The marker inside each finished sequence folder. */
    static final String MARKER = ".vosbench-run.properties";
    /** Where attempts write before the rename. */
    static final String PARTS = ".vosbench-part";

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

    /** How a commit ended. */
    enum Commit {
        /** This attempt's folder is now the sequence's output. */
        WRITTEN,
        /** Another attempt of the same run finished first; its folder stays, this one was dropped. */
        ALREADY_DONE
    }

    private SequenceOwnership() {
    }

    /** @return the marker of a finished sequence folder, or empty when the folder does not exist */
    static Optional<Marker> read(Path sequenceDir) throws IOException {
        if (!Files.exists(sequenceDir)) {
            return Optional.empty();
        }
        Path file = sequenceDir.resolve(MARKER);
        if (!Files.isRegularFile(file)) {
            return Optional.of(new Marker("(no marker: not written by a batch run)", ""));
        }
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        return Optional.of(new Marker(p.getProperty(SETTINGS, ""), p.getProperty(WEIGHTS_SHA256, "")));
    }

    /** @return a fresh folder for one attempt, under {@code <out>/.vosbench-part/} */
    static Path beginAttempt(Path out, String sequence) throws IOException {
        Path attempt = out.resolve(PARTS).resolve(sequence.replace('/', '_') + "-" + UUID.randomUUID());
        Files.createDirectories(attempt);
        return attempt;
    }

    /**
     * Writes the marker into the attempt's sequence folder and renames that folder into place.
     *
     * @param written the attempt's sequence folder (inside its attempt folder)
     * @param target the sequence folder in the result layout
     * @param overwrite replace a finished folder of other settings
     */
    static Commit commit(Path attempt, Path written, Path target, Marker marker, Properties extra, boolean overwrite)
            throws IOException {
        Properties p = new Properties();
        p.putAll(extra);
        p.setProperty(SETTINGS, marker.settings());
        p.setProperty(WEIGHTS_SHA256, marker.weightsSha256());
        StringWriter text = new StringWriter();
        p.store(text, "VOS Bench batch run: these settings wrote this folder");
        Files.createDirectories(written);
        AtomicFiles.writeString(written.resolve(MARKER), text.toString());
        Files.createDirectories(target.getParent());
        try {
            Optional<Marker> existing = read(target);
            if (existing.isPresent()) {
                if (existing.get().sameRunAs(marker)) {
                    return Commit.ALREADY_DONE;
                }
                if (!overwrite) {
                    throw new OutputOwnedException(target, existing.get(), marker);
                }
                // the old folder leaves in one rename, the new one arrives in another
                Path old = attempt.resolveSibling(attempt.getFileName() + "-replaced");
                move(target, old);
                move(written, target);
                deleteTree(old);
                return Commit.WRITTEN;
            }
            try {
                move(written, target);
                return Commit.WRITTEN;
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
                // another attempt renamed its folder in between
                Optional<Marker> winner = read(target);
                if (winner.isPresent() && winner.get().sameRunAs(marker)) {
                    return Commit.ALREADY_DONE;
                }
                throw raced;
            }
        } finally {
            deleteTree(attempt);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException(to + ": the result folder's file system cannot rename atomically ("
                    + e.getMessage() + ")", e);
        }
    }

    /** Removes attempt folders that no running attempt owns any more (after the job ended). */
    static void removeParts(Path out) throws IOException {
        Path parts = out.resolve(PARTS);
        deleteTree(parts);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** A result folder holds a sequence written with other settings. */
    static final class OutputOwnedException extends IOException {
        private static final long serialVersionUID = 1L;

        OutputOwnedException(Path target, Marker existing, Marker wanted) {
            super(target + " holds a sequence written with other settings (" + existing.describe()
                    + "; this run: " + wanted.describe() + "): use another --output, or --overwrite to replace it");
        }
    }
}
