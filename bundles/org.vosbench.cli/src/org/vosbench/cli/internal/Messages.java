package org.vosbench.cli.internal;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/** Turns an exception into the one line a person reads. */
final class Messages {

    private Messages() {
    }

    static String describe(Throwable t) {
        if (t instanceof UncheckedIOException e && e.getCause() != null) {
            return describe(e.getCause()); // its message is the cause's toString(), class name first
        }
        if (t instanceof FileAlreadyExistsException e && e.getReason() == null) {
            // Files.createDirectories met a file where a folder must be
            return e.getFile() + (Files.isDirectory(Path.of(e.getFile())) ? ": already exists"
                    : ": is a file, but a folder is needed there");
        }
        if (t instanceof NotDirectoryException e) {
            return e.getFile() + ": is a file, but a folder is needed there";
        }
        if (t instanceof DirectoryNotEmptyException e) {
            return e.getFile() + ": the folder is not empty";
        }
        if (t instanceof NoSuchFileException e) {
            return "no such file or folder: " + e.getFile();
        }
        if (t instanceof AccessDeniedException e) {
            return "permission denied: " + e.getFile();
        }
        if (t instanceof FileSystemException e && e.getFile() != null && "Not a directory".equals(e.getReason())) {
            // the OS names the path asked for; say which part of it is a file
            for (Path p = Path.of(e.getFile()).getParent(); p != null; p = p.getParent()) {
                if (Files.isRegularFile(p)) {
                    return p + ": is a file, but a folder is needed there (for " + e.getFile() + ")";
                }
            }
        }
        if (t instanceof FileSystemException e && e.getReason() != null) {
            String other = e.getOtherFile() == null ? "" : " -> " + e.getOtherFile();
            return e.getFile() + other + ": " + e.getReason();
        }
        if (t instanceof FileSystemException e) {
            // no reason given: name the file and the kind of failure in words
            String kind = e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                    .toLowerCase(java.util.Locale.ROOT);
            return e.getFile() + ": " + (kind.isBlank() ? "file system error" : kind);
        }
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            Throwable cause = t.getCause();
            return cause != null && cause != t ? describe(cause) : t.getClass().getSimpleName();
        }
        return message;
    }
}
