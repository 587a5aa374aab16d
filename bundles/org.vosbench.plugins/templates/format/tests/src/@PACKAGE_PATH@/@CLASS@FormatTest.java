package @PACKAGE@;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosbench.dataset.Dataset;
import org.vosbench.dataset.DatasetOptions;
import org.vosbench.dataset.SequenceRef;

class @CLASS@FormatTest {

    @TempDir
    Path root;

    @Test
    void recognisesFramesAndMasksFoldersAndNothingElse() throws IOException {
        assertFalse(new @CLASS@Format().detect(root).matches());
        video("cat", 3);

        assertTrue(new @CLASS@Format().detect(root).matches());
    }

    @Test
    void listsEachVideoWithItsFramesInOrderAndTheFirstMaskGiven() throws IOException {
        video("cat", 12);
        video("dog", 2);

        Dataset dataset = new @CLASS@Format().open(root, DatasetOptions.defaults());

        List<SequenceRef> sequences = dataset.sequences();
        assertEquals(List.of("cat", "dog"), sequences.stream().map(SequenceRef::name).toList());
        assertEquals(12, sequences.get(0).length());
        // natural order: frame 10 comes after frame 9, not after frame 1
        assertEquals("9", sequences.get(0).frameNames().get(9));
        assertEquals(List.of(0), List.copyOf(sequences.get(0).annotations().keySet()));
    }

    /** Frames 0..n-1 named without zero padding, and the first frame's mask (listing only: nothing is decoded). */
    private void video(String name, int frames) throws IOException {
        Path images = Files.createDirectories(root.resolve("frames").resolve(name));
        Path masks = Files.createDirectories(root.resolve("masks").resolve(name));
        for (int i = 0; i < frames; i++) {
            Files.write(images.resolve(i + ".jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8});
        }
        Files.write(masks.resolve("0.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    }
}
