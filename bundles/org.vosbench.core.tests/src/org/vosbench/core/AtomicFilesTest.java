package org.vosbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import java.nio.file.attribute.FileTime;

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

    @Test
    void writtenFileGetsTheModeTheUmaskGivesNewFiles() throws IOException {
        // the expected mode comes from the operating system: a file made the ordinary way
        Path reference = Files.createFile(dir.resolve("reference"));
        Path target = dir.resolve("mask.png");

        AtomicFiles.writeString(target, "x");

        // under the usual umask 022 both are rw-r--r--; the temporary-file API made rw-------
        assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(target));
    }

    @Test
    void removeLeftoversDeletesWhatKilledWritersLeftAndKeepsLiveOnes() throws IOException {
        long dead = deadPid();
        Path oldForm = Files.writeString(dir.resolve(".00007.png.8231547712.tmp"), "half");
        Files.setLastModifiedTime(oldForm, FileTime.fromMillis(System.currentTimeMillis() - 600_000));
        Path deadWriter = Files.writeString(dir.resolve(".00008.png." + dead + "-k3j2.tmp"), "half");
        Path liveWriter = Files.writeString(AtomicFiles.temporaryFor(dir.resolve("00009.png")), "in progress");
        Path freshOldForm = Files.writeString(dir.resolve(".00010.png.99.tmp"), "maybe in progress");
        Path mask = Files.writeString(dir.resolve("00007.png"), "whole");

        assertEquals(2, AtomicFiles.removeLeftovers(dir));

        assertFalse(Files.exists(oldForm));
        assertFalse(Files.exists(deadWriter));
        assertEquals(List.of(liveWriter, freshOldForm, mask).stream().sorted().toList(), list(dir).stream().sorted().toList());
    }

    /** A pid no process has now: one of a child that has exited. */
    static long deadPid() throws IOException {
        Process p = new ProcessBuilder("true").start();
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return p.pid();
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }
}
