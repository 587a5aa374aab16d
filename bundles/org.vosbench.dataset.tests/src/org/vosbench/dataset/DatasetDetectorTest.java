package org.vosbench.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class DatasetDetectorTest {

    private record Fake(String id, Detection answer) implements DatasetFormat {
        @Override
        public String name() {
            return id.toUpperCase();
        }

        @Override
        public Detection detect(Path root) {
            if (answer == null) {
                throw new IllegalStateException("broken");
            }
            return answer;
        }

        @Override
        public Dataset open(Path root, DatasetOptions options) {
            throw new UnsupportedOperationException();
        }
    }

    private static final Path ROOT = Path.of("/data/x");

    @Test
    void picksTheMostSpecificMatchingFormat() throws Exception {
        Fake generic = new Fake("folder", Detection.match(10, "JPEGImages/<video>", "JPEGImages/"));
        Fake davis = new Fake("davis", Detection.match(30, "JPEGImages/480p", "JPEGImages/"));
        Fake other = new Fake("other", Detection.noMatch("meta.json", "JPEGImages/"));

        DetectedDataset found = DatasetDetector.detect(List.of(generic, other, davis), ROOT);

        assertSame(davis, found.format());
        assertEquals(ROOT, found.root());
    }

    @Test
    void saysWhatEachFormatExpectedAndWhatWasFoundWhenNothingMatches() {
        Fake a = new Fake("alpha", Detection.noMatch("A/<video>/*.jpg", "readme.txt"));
        Fake b = new Fake("beta", Detection.noMatch("B/meta.json", "readme.txt, 3 image files"));

        UnrecognizedDatasetException e = assertThrows(UnrecognizedDatasetException.class,
                () -> DatasetDetector.detect(List.of(b, a), ROOT));

        assertEquals(ROOT, e.file());
        assertTrue(e.getMessage().contains("alpha: expected A/<video>/*.jpg; found readme.txt"), e.getMessage());
        assertTrue(e.getMessage().contains("beta: expected B/meta.json; found readme.txt, 3 image files"), e.getMessage());
        assertEquals(List.of("alpha", "beta"), List.copyOf(e.attempts().keySet().stream().sorted().toList()));
    }

    @Test
    void reportsABrokenFormatWithoutHidingTheOthers() throws Exception {
        Fake broken = new Fake("broken", null);
        Fake good = new Fake("good", Detection.match(5, "frames", "2 image files"));

        assertSame(good, DatasetDetector.detect(List.of(broken, good), ROOT).format());
        UnrecognizedDatasetException e = assertThrows(UnrecognizedDatasetException.class,
                () -> DatasetDetector.detect(List.of(broken), ROOT));
        assertTrue(e.getMessage().contains("broken"), e.getMessage());
    }

    @Test
    void saysSoWhenNoFormatIsInstalled() {
        UnrecognizedDatasetException e = assertThrows(UnrecognizedDatasetException.class,
                () -> DatasetDetector.detect(List.of(), ROOT));

        assertTrue(e.getMessage().contains("no dataset format is installed"), e.getMessage());
    }
}
