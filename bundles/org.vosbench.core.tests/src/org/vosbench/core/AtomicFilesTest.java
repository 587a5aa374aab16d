package org.vosbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void failingBodyLeavesNoFileAndNoTemporary() throws IOException {
        Path target = dir.resolve("out.csv");

        IOException thrown = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("half".getBytes());
            throw new IOException("disk full");
        }));

        assertEquals("disk full", thrown.getMessage());
        assertFalse(Files.exists(target));
        assertEquals(List.of(), list(dir));
    }

    @Test
    void failingBodyKeepsThePreviousContent() throws IOException {
        Path target = dir.resolve("out.csv");
        Files.writeString(target, "old");

        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("new".getBytes());
            throw new IOException("boom");
        }));

        assertEquals("old", Files.readString(target));
        assertEquals(List.of(target), list(dir));
    }

    @Test
    void writeStringReplacesAndCreatesFolders() throws IOException {
        Path target = dir.resolve("a/b/out.txt");

        AtomicFiles.writeString(target, "first");
        AtomicFiles.writeString(target, "second");

        assertEquals("second", Files.readString(target));
        assertEquals(List.of(target), list(target.getParent()));
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }
}
