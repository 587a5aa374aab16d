package org.vosbench.dataset.layout;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.vosbench.core.InvalidInputException;

/** Folder listings by name only (no per-file stat, no decoding), with errors that name the folder. */
public final class Folders {

    /** Image file extensions the generic reader accepts for frames, lower case. */
    public static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png");

    private Folders() {
    }

    /**
     * The names in a folder, hidden entries (starting with {@code .}) left out, in natural order.
     *
     * @throws InvalidInputException when the folder does not exist, is a file, or cannot be read
     */
    public static List<String> list(Path dir) throws IOException {
        return list(dir, name -> true);
    }

    /** The names in a folder accepted by the filter, hidden entries left out, in natural order. */
    public static List<String> list(Path dir, Predicate<String> filter) throws IOException {
        // File.list hands back bare names, without a Path object per entry: the cheapest listing
        // Java has. It says nothing about failures, so the directory stream is asked for the reason.
        String[] entries = dir.getFileSystem() == FileSystems.getDefault() ? dir.toFile().list() : null;
        if (entries == null) {
            entries = listWithReason(dir);
        }
        List<String> names = new ArrayList<>(entries.length);
        for (String name : entries) {
            if (!name.startsWith(".") && filter.test(name)) {
                names.add(name);
            }
        }
        names.sort(NaturalOrder.INSTANCE);
        return names;
    }

    private static String[] listWithReason(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                names.add(entry.getFileName().toString());
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(dir, "no such folder", e);
        } catch (NotDirectoryException e) {
            throw new InvalidInputException(dir, "is a file, not a folder", e);
        } catch (AccessDeniedException e) {
            throw new InvalidInputException(dir, "folder cannot be read (permission denied)", e);
        } catch (IOException e) {
            throw new InvalidInputException(dir, "folder cannot be read: " + e.getMessage(), e);
        }
        return names.toArray(String[]::new);
    }

    /**
     * The sub-folders of a folder (one stat each), in plain string order: sequences are ordered as
     * the official tools order them ({@code sorted(os.listdir(...))} in STCN and the YouTube-VOS
     * scripts), while frames within a sequence use natural order.
     */
    public static List<String> subfolders(Path dir) throws IOException {
        List<String> names = list(dir);
        names.removeIf(n -> !Files.isDirectory(dir.resolve(n)));
        names.sort(null);
        return names;
    }

    /** @return the extension of a file name, lower case, without the dot; empty if none */
    public static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot <= 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** @return the file name without its last extension: the frame's original name */
    public static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot <= 0 ? fileName : fileName.substring(0, dot);
    }

    /** @return whether the name is a frame image ({@code .jpg}, {@code .jpeg}, {@code .png}) */
    public static boolean isImage(String fileName) {
        return IMAGE_EXTENSIONS.contains(extension(fileName));
    }

    /** @return the first sub-folder, for detection; empty when none or unreadable */
    public static Optional<Path> firstSubfolder(Path dir) {
        try {
            List<String> names = subfolders(dir);
            return names.isEmpty() ? Optional.empty() : Optional.of(dir.resolve(names.get(0)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Describes what a folder holds in one line, for detection messages: e.g.
     * {@code "JPEGImages/, Annotations/, meta.json"}, {@code "no such folder"},
     * {@code "12 .jpg files"}. Never throws.
     */
    public static String describe(Path dir) {
        if (!Files.exists(dir)) {
            return "no such folder";
        }
        if (!Files.isDirectory(dir)) {
            return "a file, not a folder";
        }
        List<String> names;
        try {
            names = list(dir);
        } catch (IOException e) {
            return "a folder that cannot be read";
        }
        if (names.isEmpty()) {
            return "an empty folder";
        }
        long images = names.stream().filter(Folders::isImage).count();
        List<String> shown = new ArrayList<>();
        int otherShown = 0;
        for (String n : names) {
            if (isImage(n)) {
                continue;
            }
            if (otherShown++ < 8) {
                shown.add(Files.isDirectory(dir.resolve(n)) ? n + "/" : n);
            }
        }
        StringBuilder text = new StringBuilder(String.join(", ", shown));
        if (otherShown > 8) {
            text.append(", ... (").append(otherShown - 8).append(" more)");
        }
        if (images > 0) {
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(images).append(" image file").append(images == 1 ? "" : "s");
        }
        return text.toString();
    }

    /**
     * Checks a name taken from a split file or a {@code meta.json} is a plain folder name, so a
     * line like {@code ../../etc} cannot point outside the dataset.
     *
     * @throws InvalidInputException naming the file that listed it
     */
    public static String checkName(String name, Path listedIn) throws InvalidInputException {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\\")
                || name.indexOf('\0') >= 0) {
            throw new InvalidInputException(listedIn, "'" + name + "' is not a sequence folder name");
        }
        return name;
    }
}
