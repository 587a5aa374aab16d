package org.vosbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output ownership: one live run per folder, whole folders replaced by rename, leftovers of killed runs cleaned. */
class RunOutputTest {

    @TempDir
    Path dir;

    @Test
    void secondRunIsRefusedAFolderALiveRunHoldsAndToldWhoHoldsIt() throws IOException {
        Path seq = dir.resolve("out/bike");
        try (RunOutput first = RunOutput.begin("vosbench propagate", false);
                RunOutput second = RunOutput.begin("workbench editor", true)) {
            first.claim(seq);

            OutputInUseException e = assertThrows(OutputInUseException.class, () -> second.claim(seq));

            assertTrue(e.getMessage().contains(first.runId()), e.getMessage());
            assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
            assertTrue(e.getMessage().contains(seq.toString()), e.getMessage());
        }
    }

    @Test
    void aFolderIsFreeAgainOnceItsRunHasClosed() throws IOException {
        Path seq = dir.resolve("out/bike");
        try (RunOutput first = RunOutput.begin("a", false)) {
            first.claim(seq);
        }
        try (RunOutput second = RunOutput.begin("b", false)) {
            second.claim(seq).commit();
        }
        assertEquals(0, Files.size(OutputLock.lockFileOf(seq)), "lock file emptied on release");
    }

    @Test
    void anotherProcessHoldingTheFolderIsRefusedAndItsLockIsStaleOnceItIsKilled() throws Exception {
        Path seq = dir.resolve("out/bike");
        Process holder = holdInAnotherJvm(seq);
        try {
            try (RunOutput run = RunOutput.begin("here", false)) {
                OutputInUseException e = assertThrows(OutputInUseException.class, () -> run.claim(seq));
                assertTrue(e.getMessage().contains("pid " + holder.pid()), e.getMessage());
            }
        } finally {
            holder.destroyForcibly(); // SIGKILL: the lock file stays behind
            holder.waitFor(30, TimeUnit.SECONDS);
        }
        assertTrue(Files.exists(OutputLock.lockFileOf(seq)), "a killed run leaves its lock file");
        try (RunOutput run = RunOutput.begin("here", false)) {
            run.claim(seq);
            assertTrue(run.notes().stream().anyMatch(n -> n.contains("pid " + holder.pid())), run.notes().toString());
        }
    }

    @Test
    void staleLockFileOfAKilledRunIsTakenOver() throws IOException {
        Path seq = dir.resolve("out/bike");
        Files.createDirectories(dir.resolve("out"));
        long dead = AtomicFilesTest.deadPid();
        Files.writeString(OutputLock.lockFileOf(seq), "run=r0\nwhat=vosbench propagate\npid=" + dead
                + "\nhost=h\nstarted=" + Instant.now() + "\n");
        try (RunOutput run = RunOutput.begin("here", false)) {
            run.claim(seq).commit();
            assertTrue(run.notes().get(0).contains("run r0"), run.notes().toString());
        }
    }

    @Test
    void existingResultsAreRefusedWithoutOverwriteBeforeAnythingIsWritten() throws IOException {
        Path seq = Files.createDirectories(dir.resolve("out/bike"));
        Files.writeString(seq.resolve("00000.png"), "old");
        try (RunOutput run = RunOutput.begin("a", false)) {
            OutputExistsException e = assertThrows(OutputExistsException.class, () -> run.claim(seq));
            assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());
        }
        assertEquals(List.of("00000.png"), names(seq));
        assertEquals(List.of(".bike.vosbench-lock", "bike"), names(dir.resolve("out")), "no staging folder left");
    }

    @Test
    void overwriteReplacesTheFolderAsAWholeSoNoStaleFileSurvives() throws IOException {
        Path seq = Files.createDirectories(dir.resolve("out/bike"));
        Files.writeString(seq.resolve("00000.png"), "old");
        Files.writeString(seq.resolve("00000.npy"), "old probabilities");
        try (RunOutput run = RunOutput.begin("a", true)) {
            RunOutput.Folder f = run.claim(seq);
            Files.writeString(f.file("00000.png"), "new");
            assertEquals("old", Files.readString(seq.resolve("00000.png")), "readers see the old folder until commit");
            f.commit();
            assertTrue(Files.readString(seq.resolve(RunOutput.RUN_FILE)).contains("run=" + run.runId()));
        }
        assertEquals(List.of(".vosbench-run", "00000.png"), names(seq));
        assertEquals("new", Files.readString(seq.resolve("00000.png")));
        assertEquals(List.of(".bike.vosbench-lock", "bike"), names(dir.resolve("out")));
    }

    @Test
    void anAbandonedFolderKeepsItsPreviousContent() throws IOException {
        Path seq = Files.createDirectories(dir.resolve("out/bike"));
        Files.writeString(seq.resolve("00000.png"), "old");
        try (RunOutput run = RunOutput.begin("a", true)) {
            RunOutput.Folder f = run.claim(seq);
            Files.writeString(f.file("00000.png"), "half of a failed run");
        } // closed without commit, as on a failure or Ctrl+C
        assertEquals(List.of("00000.png"), names(seq));
        assertEquals("old", Files.readString(seq.resolve("00000.png")));
        assertEquals(List.of(".bike.vosbench-lock", "bike"), names(dir.resolve("out")));
    }

    @Test
    void claimingCleansWhatAKilledRunLeftAndRestoresResultsItHadSetAside() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        // killed between its two renames: the previous results set aside, its own staging beside
        Path aside = Files.createDirectories(out.resolve(".bike.vosbench-r1.old"));
        Files.writeString(aside.resolve("00000.png"), "previous");
        Path staging = Files.createDirectories(out.resolve(".bike.vosbench-r1.partial"));
        Files.writeString(staging.resolve("00000.png"), "half");
        Path car = Files.createDirectories(out.resolve("car"));
        Files.writeString(car.resolve(".00007.png." + AtomicFilesTest.deadPid() + "-x1.tmp"), "half");
        try (RunOutput run = RunOutput.begin("a", false)) {
            assertThrows(OutputExistsException.class, () -> run.claim(out.resolve("bike")));
            run.claim(car).abandon();
        }
        assertEquals(List.of(".bike.vosbench-lock", ".car.vosbench-lock", "bike", "car"), names(out));
        assertEquals("previous", Files.readString(out.resolve("bike/00000.png")));
        assertEquals(List.of(), names(car));
    }

    @Test
    void aFileWhereTheFolderBelongsIsNamed() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("bike"), "not a folder");
        try (RunOutput run = RunOutput.begin("a", true)) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> run.claim(out.resolve("bike")));
            assertTrue(e.getMessage().contains("is a file"), e.getMessage());
            InvalidInputException under = assertThrows(InvalidInputException.class,
                    () -> run.claim(out.resolve("bike/x")));
            assertTrue(under.getMessage().startsWith(out.resolve("bike") + ": is a file"), under.getMessage());
        }
    }

    @Test
    void aRunThatCommittedNothingLeavesNoOutputFolderItCreated() throws IOException {
        Path out = dir.resolve("new/out");
        try (RunOutput run = RunOutput.begin("a", false)) {
            run.claim(out.resolve("bike"));
        }
        assertEquals(List.of(), names(dir));
    }

    /** This bundle's classes for a plain JVM: where they were loaded from, else the build's output beside the tests. */
    private static String coreClasses() {
        try {
            Path p = Path.of(RunOutput.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(p) || Files.isRegularFile(p.resolve("org/vosbench/core/RunOutput.class"))) {
                return p.toString();
            }
            Path classes = p.resolve("target/classes");
            if (Files.isRegularFile(classes.resolve("org/vosbench/core/RunOutput.class"))) {
                return classes.toString();
            }
        } catch (RuntimeException | java.net.URISyntaxException e) {
            // fall through to the build's layout
        }
        return Path.of("").toAbsolutePath().resolveSibling("org.vosbench.core/target/classes").toString();
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * Starts another JVM that claims {@code seq} with this bundle's RunOutput and waits; returns once it holds it.
     * The program is a single source file run by the java launcher against this bundle's classes.
     */
    private Process holdInAnotherJvm(Path seq) throws IOException, InterruptedException {
        Path source = dir.resolve("Hold.java");
        Files.writeString(source, """
                public class Hold {
                    public static void main(String[] a) throws Exception {
                        var run = org.vosbench.core.RunOutput.begin("holder", false);
                        run.claim(java.nio.file.Path.of(a[0]));
                        System.out.println("held");
                        System.out.flush();
                        Thread.sleep(120_000);
                    }
                }
                """);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", coreClasses(), source.toString(),
                seq.toString()).redirectErrorStream(true).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        if (!"held".equals(line)) {
            p.destroyForcibly();
            throw new IOException("the holder process did not start: " + line + " / " + r.readLine());
        }
        return p;
    }
}
