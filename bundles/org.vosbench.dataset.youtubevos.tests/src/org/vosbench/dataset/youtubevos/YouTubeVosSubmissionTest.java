package org.vosbench.dataset.youtubevos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosbench.core.IndexedPng;
import org.vosbench.core.InvalidInputException;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.core.Palette;
import org.vosbench.core.ProgressMonitor;
import org.vosbench.dataset.DatasetOptions;
import org.vosbench.testing.SharedData;

/**
 * A small YouTube-VOS valid split made of real DAVIS frames and masks (../shared): video "a"
 * (drift-straight, object 1, frames 00000..00015 every 5) and "b" (soapbox, objects 1..3, object 3
 * listed from frame 00005 on in meta.json, frames 00000..00010).
 */
class YouTubeVosSubmissionTest {

    @TempDir
    Path dir;

    Path root;
    Path results;

    @BeforeEach
    void makeSplit() throws IOException {
        root = dir.resolve("ytvos");
        results = dir.resolve("results");
        Path real = SharedData.data().resolve("davis-real");
        Path multi = SharedData.data().resolve("davis-multi-pseudo");
        copy(real, "drift-straight", "a", 4);
        copy(multi, "soapbox", "b", 3);
        Files.writeString(root.resolve("valid/meta.json"), """
                {"videos": {
                  "a": {"objects": {"1": {"category": "car", "frames": ["00000", "00005", "00010", "00015"]}}},
                  "b": {"objects": {"1": {"category": "box", "frames": ["00000", "00005", "00010"]},
                                    "2": {"category": "person", "frames": ["00000", "00005", "00010"]},
                                    "3": {"category": "person", "frames": ["00005", "00010"]}}}}}
                """);
    }

    /** Frames 0, 5, 10, ... of a DAVIS sequence as a YouTube-VOS video, its masks as results. */
    private void copy(Path davis, String sequence, String video, int frames) throws IOException {
        for (int i = 0; i < frames; i++) {
            String name = String.format("%05d", 5 * i);
            Path jpg = root.resolve("valid/JPEGImages").resolve(video).resolve(name + ".jpg");
            Files.createDirectories(jpg.getParent());
            Files.copy(davis.resolve("JPEGImages/480p").resolve(sequence).resolve(name + ".jpg"), jpg);
            LabelMask mask = MaskIO.read(davis.resolve("Annotations/480p").resolve(sequence).resolve(name + ".png"));
            if (i == 0) {
                MaskIO.write(root.resolve("valid/Annotations").resolve(video).resolve(name + ".png"), mask);
            }
            MaskIO.write(results.resolve("Annotations").resolve(video).resolve(name + ".png"), mask);
        }
    }

    @Test
    void zipHoldsEveryFrameTheSplitListsWithTheOriginalIds() throws IOException {
        Path zip = dir.resolve("out.zip");

        YouTubeVosSubmission.Summary s = YouTubeVosSubmission.write(root, DatasetOptions.defaults(), results, zip,
                ProgressMonitor.NULL);

        assertEquals(2, s.videos());
        assertEquals(7, s.frames());
        try (ZipFile z = new ZipFile(zip.toFile())) {
            List<String> names = new ArrayList<>();
            z.stream().map(ZipEntry::getName).forEach(names::add);
            assertEquals(List.of("Annotations/a/00000.png", "Annotations/a/00005.png", "Annotations/a/00010.png",
                    "Annotations/a/00015.png", "Annotations/b/00000.png", "Annotations/b/00005.png",
                    "Annotations/b/00010.png"), names);
            IndexedPng png = MaskIO.decode(zip, z.getInputStream(z.getEntry("Annotations/b/00010.png")).readAllBytes());
            assertEquals(MaskIO.read(results.resolve("Annotations/b/00010.png")), png.mask());
            assertTrue(png.paletted());
            assertEquals(Palette.davis(), png.palette());
        }
    }

    @Test
    void framesBeforeAVideosFirstListedFrameAreNeitherNeededNorWritten() throws IOException {
        // as the official STCN eval_youtube.py: only the frames meta.json lists (an object's
        // frames start where it first appears), none before the first annotated frame
        Files.writeString(root.resolve("valid/meta.json"), """
                {"videos": {
                  "a": {"objects": {"1": {"category": "car", "frames": ["00005", "00010", "00015"]}}},
                  "b": {"objects": {"1": {"category": "box", "frames": ["00000", "00005", "00010"]}}}}}
                """);
        Files.delete(results.resolve("Annotations/a/00000.png"));
        for (String f : new String[] {"00000", "00005", "00010"}) { // b: object 1 only
            LabelMask m = MaskIO.read(results.resolve("Annotations/b").resolve(f + ".png"));
            for (int i = 0; i < m.labels().length; i++) {
                m.labels()[i] = m.labels()[i] == 1 ? (byte) 1 : 0;
            }
            MaskIO.write(results.resolve("Annotations/b").resolve(f + ".png"), m);
        }
        Path zip = dir.resolve("out.zip");

        YouTubeVosSubmission.Summary s = YouTubeVosSubmission.write(root, DatasetOptions.defaults(), results, zip,
                ProgressMonitor.NULL);

        assertEquals(6, s.frames());
        try (ZipFile z = new ZipFile(zip.toFile())) {
            assertEquals(List.of("Annotations/a/00005.png", "Annotations/a/00010.png", "Annotations/a/00015.png",
                    "Annotations/b/00000.png", "Annotations/b/00005.png", "Annotations/b/00010.png"),
                    z.stream().map(ZipEntry::getName).toList());
        }
    }

    @Test
    void missingVideosAndFramesAreListedAndNoZipIsWritten() throws IOException {
        Files.delete(results.resolve("Annotations/a/00010.png"));
        for (String f : new String[] {"00000", "00005", "00010"}) {
            Files.delete(results.resolve("Annotations/b").resolve(f + ".png"));
        }
        Files.delete(results.resolve("Annotations/b"));
        Path zip = dir.resolve("out.zip");

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> YouTubeVosSubmission.write(root, DatasetOptions.defaults(), results, zip, ProgressMonitor.NULL));

        assertTrue(e.getMessage().contains("4 result masks"), e.getMessage());
        assertTrue(e.getMessage().contains("a/00010.png"), e.getMessage());
        assertTrue(e.getMessage().contains("video b (all 3 frames)"), e.getMessage());
        assertFalse(Files.exists(zip));
    }

    @Test
    void maskWithAnIdTheMetaLacksIsAnErrorNamingItAndNoZipIsWritten() throws IOException {
        Path bad = results.resolve("Annotations/a/00005.png");
        LabelMask mask = MaskIO.read(bad);
        mask.set(0, 0, 4);
        MaskIO.write(bad, mask);
        Path zip = dir.resolve("out.zip");

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> YouTubeVosSubmission.write(root, DatasetOptions.defaults(), results, zip, ProgressMonitor.NULL));

        assertEquals(bad, e.file());
        assertFalse(Files.exists(zip));
        try (var s = Files.list(dir)) {
            assertEquals(List.of("results", "ytvos"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
