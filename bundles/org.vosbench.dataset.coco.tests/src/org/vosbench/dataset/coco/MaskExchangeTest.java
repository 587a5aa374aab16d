package org.vosbench.dataset.coco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosbench.core.InvalidInputException;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.core.ProgressMonitor;
import org.vosbench.dataset.coco.MaskExchange.Format;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Export and import of real DAVIS masks (../shared), with non-contiguous ids and a late object. */
class MaskExchangeTest {

    private static final Path DATA = org.vosbench.testing.SharedData.shared().resolve("data");

    @TempDir
    Path dir;

    Path masks;

    @BeforeEach
    void makeMasks() throws IOException {
        masks = dir.resolve("masks");
        // soapbox: 3 objects; object 2 becomes 7 (ids need not be contiguous), object 3 appears on frame 2.
        Path soapbox = DATA.resolve("davis-multi-pseudo/Annotations/480p/soapbox");
        for (int f = 0; f < 5; f++) {
            LabelMask m = MaskIO.read(soapbox.resolve(String.format("%05d.png", f)));
            for (int p = 0; p < m.labels().length; p++) {
                int l = m.labels()[p] & 0xFF;
                m.labels()[p] = (byte) (l == 2 ? 7 : l == 3 && f < 2 ? 0 : l);
            }
            MaskIO.write(masks.resolve("soapbox").resolve(String.format("%05d.png", f)), m);
        }
        Path drift = DATA.resolve("davis-real/Annotations/480p/drift-straight");
        for (int f = 10; f < 13; f++) {
            MaskIO.write(masks.resolve("drift-straight").resolve(String.format("%05d.png", f)),
                    MaskIO.read(drift.resolve(String.format("%05d.png", f))));
        }
        MaskIO.write(masks.resolve("drift-straight/00013.png"), LabelMask.empty(854, 480)); // a frame with no object
    }

    @Test
    void cocoRleRoundTripIsExact() throws IOException {
        assertRoundTrip(Format.COCO_RLE, dir.resolve("rle"));
    }

    @Test
    void cocoInstancesRoundTripIsExact() throws IOException {
        assertRoundTrip(Format.COCO, dir.resolve("instances.json"));
    }

    @Test
    void perObjectPngRoundTripIsExact() throws IOException {
        assertRoundTrip(Format.PER_OBJECT_PNG, dir.resolve("sav"));
        assertTrue(Files.isRegularFile(dir.resolve("sav/soapbox/006/00003.png")), "object 7 is folder 006");
        assertEquals(0, MaskIO.read(dir.resolve("sav/soapbox/002/00000.png")).objectIds().size(),
                "object 3 is absent from frame 0");
    }

    private void assertRoundTrip(Format format, Path exported) throws IOException {
        MaskExchange.export(format, masks, exported, ProgressMonitor.NULL);
        Path back = dir.resolve("back");

        MaskExchange.Summary summary = MaskExchange.importMasks(format, exported, back, ProgressMonitor.NULL);

        assertEquals(2, summary.sequences());
        assertEquals(9, summary.frames());
        assertEquals(0, summary.overlapPixels());
        assertEquals(files(masks), files(back));
        for (String file : files(masks)) {
            assertEquals(MaskIO.read(masks.resolve(file)), MaskIO.read(back.resolve(file)), file);
        }
    }

    @Test
    void cocoRleFilesHoldSavLayoutThatAnIndependentDecoderReads() throws IOException {
        MaskExchange.export(Format.COCO_RLE, masks, dir.resolve("rle"), ProgressMonitor.NULL);
        JsonObject json = JsonParser.parseString(Files.readString(dir.resolve("rle/soapbox.json"))).getAsJsonObject();

        assertEquals("[0,2,6]", json.get("masklet_id").toString());
        assertEquals("[0,2,0]", json.get("masklet_first_appeared_frame").toString());
        JsonArray masklet = json.getAsJsonArray("masklet");
        assertEquals(5, masklet.size());
        for (int f = 0; f < 5; f++) {
            LabelMask original = MaskIO.read(masks.resolve(String.format("soapbox/%05d.png", f)));
            JsonArray objects = masklet.get(f).getAsJsonArray();
            int[] ids = {1, 3, 7};
            for (int o = 0; o < 3; o++) {
                JsonObject rle = objects.get(o).getAsJsonObject();
                assertEquals("[480,854]", rle.get("size").toString());
                boolean[] decoded = IndependentRle.decode(480, 854, rle.get("counts").getAsString());
                for (int p = 0; p < decoded.length; p++) {
                    if (decoded[p] != ((original.labels()[p] & 0xFF) == ids[o])) {
                        throw new AssertionError("frame " + f + " object " + ids[o] + " differs at pixel " + p);
                    }
                }
            }
        }
    }

    @Test
    void cocoAnnotationsHoldTrackIdAreaAndBox() throws IOException {
        MaskExchange.export(Format.COCO, masks, dir.resolve("instances.json"), ProgressMonitor.NULL);
        JsonObject json = JsonParser.parseString(Files.readString(dir.resolve("instances.json"))).getAsJsonObject();

        LabelMask frame3 = MaskIO.read(masks.resolve("soapbox/00003.png"));
        JsonObject image = null;
        for (JsonElement e : json.getAsJsonArray("images")) {
            if (e.getAsJsonObject().get("file_name").getAsString().equals("soapbox/00003.jpg")) {
                image = e.getAsJsonObject();
            }
        }
        int imageId = image.get("id").getAsInt();
        int found = 0;
        for (JsonElement e : json.getAsJsonArray("annotations")) {
            JsonObject a = e.getAsJsonObject();
            if (a.get("image_id").getAsInt() != imageId) {
                continue;
            }
            int id = a.get("track_id").getAsInt();
            long area = 0;
            int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = -1, y1 = -1;
            for (int y = 0; y < 480; y++) {
                for (int x = 0; x < 854; x++) {
                    if (frame3.get(x, y) == id) {
                        area++;
                        x0 = Math.min(x0, x);
                        y0 = Math.min(y0, y);
                        x1 = Math.max(x1, x);
                        y1 = Math.max(y1, y);
                    }
                }
            }
            assertEquals(area, a.get("area").getAsLong(), "area of object " + id);
            assertEquals("[" + x0 + "," + y0 + "," + (x1 - x0 + 1) + "," + (y1 - y0 + 1) + "]", a.get("bbox").toString());
            found++;
        }
        assertEquals(3, found);
    }

    @Test
    void jsonThatIsNotCocoIsAnErrorNamingTheFileAndWritesNothing() throws IOException {
        Path file = dir.resolve("other.json");
        Files.writeString(file, "{\"info\": {}, \"items\": [1, 2]}");
        Path out = dir.resolve("out");

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> MaskExchange.importMasks(Format.COCO, file, out, ProgressMonitor.NULL));

        assertEquals(file, e.file());
        assertTrue(e.getMessage().contains("not a COCO instances file"), e.getMessage());
        assertFalse(Files.exists(out));
        assertEquals(List.of("masks", "other.json"), names(dir));
    }

    @Test
    void damagedRleStringIsAnErrorNamingTheFile() throws IOException {
        MaskExchange.export(Format.COCO_RLE, masks, dir.resolve("rle"), ProgressMonitor.NULL);
        Path file = dir.resolve("rle/drift-straight.json");
        String text = Files.readString(file);
        int at = text.indexOf("\"counts\":\"") + 10;
        Files.writeString(file, text.substring(0, at) + "~" + text.substring(at + 1));

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> MaskExchange.importMasks(Format.COCO_RLE, dir.resolve("rle"), dir.resolve("out"), ProgressMonitor.NULL));

        assertEquals(file, e.file());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void overlappingObjectsGoToTheLaterOneAndAreCounted() throws IOException {
        LabelMask a = LabelMask.empty(6, 4);
        LabelMask b = LabelMask.empty(6, 4);
        for (int x = 0; x < 4; x++) {
            a.set(x, 1, 255);
            b.set(x + 2, 1, 255);
        }
        MaskIO.write(dir.resolve("sav/v/000/00000.png"), a);
        MaskIO.write(dir.resolve("sav/v/004/00000.png"), b);

        MaskExchange.Summary s = MaskExchange.importMasks(Format.PER_OBJECT_PNG, dir.resolve("sav"), dir.resolve("out"),
                ProgressMonitor.NULL);

        assertEquals(2, s.overlapPixels());
        LabelMask m = MaskIO.read(dir.resolve("out/v/00000.png"));
        assertArrayEquals(new int[] {1, 1, 5, 5, 5, 5}, new int[] {m.get(0, 1), m.get(1, 1), m.get(2, 1), m.get(3, 1),
                m.get(4, 1), m.get(5, 1)});
    }

    @Test
    void voidLabelCannotBeExported() throws IOException {
        LabelMask m = MaskIO.read(masks.resolve("soapbox/00000.png"));
        m.set(0, 0, 255);
        MaskIO.write(masks.resolve("soapbox/00000.png"), m);

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> MaskExchange.export(Format.COCO_RLE, masks, dir.resolve("rle"), ProgressMonitor.NULL));

        assertEquals(masks.resolve("soapbox/00000.png"), e.file());
        assertFalse(Files.exists(dir.resolve("rle")));
    }

    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
