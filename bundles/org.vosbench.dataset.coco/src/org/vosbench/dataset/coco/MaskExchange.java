package org.vosbench.dataset.coco;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import org.vosbench.core.AtomicFiles;
import org.vosbench.core.InvalidInputException;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.core.ProgressMonitor;
import org.vosbench.dataset.layout.Folders;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * Converts a mask folder in the DAVIS result layout ({@code <dir>/<sequence>/<frame>.png}, palette
 * PNGs, object ids 1..254) to and from three exchange formats. Import writes exactly the masks that
 * were exported (same sequences, frame names, sizes and ids).
 *
 * <ul>
 * <li>{@link Format#COCO_RLE}: a folder with one {@code <sequence>.json} per video in SA-V's layout:
 * {@code masklet[f][o]} is object {@code o}'s mask on annotated frame {@code f} as
 * {@code {"size": [h, w], "counts": "<compressed RLE>"}}, {@code masklet_id[o]} the object's id
 * minus one (SA-V counts masklets from 0), plus {@code video_id}, {@code video_height},
 * {@code video_width}, {@code video_frame_count}, {@code masklet_num}, and
 * {@code frame_names} (VOS Bench's addition; SA-V files without it name frame {@code f}
 * {@code 4f} as five digits: SA-V annotates every fourth frame of its 24 fps videos).</li>
 * <li>{@link Format#COCO}: one COCO instances JSON: {@code videos} (id, name, width, height,
 * length), {@code images} (one per frame: id, video_id, frame_id, file_name
 * {@code <sequence>/<frame>.jpg}, width, height), {@code annotations} (id, image_id, video_id,
 * category_id, track_id = the object id, segmentation as compressed RLE, area, bbox, iscrowd 0;
 * only where the object is present) and {@code categories}.</li>
 * <li>{@link Format#PER_OBJECT_PNG}: SA-V's {@code Annotations_6fps} layout,
 * {@code <dir>/<sequence>/<object id - 1, 3 digits>/<frame>.png}, binary 0/255 greyscale masks,
 * one per object and frame (objects may overlap).</li>
 * </ul>
 * A label mask cannot hold two objects on one pixel: where imported objects overlap, the object
 * listed later (higher id) keeps the pixel, and the result counts the pixels so resolved. The void
 * label 255 has no COCO counterpart; exporting a mask holding it is an error.
 */
public final class MaskExchange {

    /** The exchange formats, by the id used on the command line. */
    public enum Format {
        /** SA-V's per-video JSON of compressed RLE. */
        COCO_RLE("coco-rle"),
        /** A COCO instances JSON. */
        COCO("coco"),
        /** SA-V's per-object binary PNG folders. */
        PER_OBJECT_PNG("sav-png");

        private final String id;

        Format(String id) {
            this.id = id;
        }

        /** @return the id on the command line */
        public String id() {
            return id;
        }

        /** @return the format with this id */
        public static java.util.Optional<Format> byId(String id) {
            for (Format f : values()) {
                if (f.id.equals(id)) {
                    return java.util.Optional.of(f);
                }
            }
            return java.util.Optional.empty();
        }
    }

    /**
     * @param sequences videos converted
     * @param frames masks converted
     * @param objects object masks (non-empty object/frame pairs) converted
     * @param overlapPixels import only: pixels claimed by two objects, given to the later one
     */
    public record Summary(int sequences, int frames, long objects, long overlapPixels) {
    }

    /** One frame's mask, with the name it is stored under. */
    private record NamedMask(String frame, LabelMask mask) {
    }

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private MaskExchange() {
    }

    // ------------------------------------------------------------------------------------ export

    /**
     * Exports a mask folder. Every mask is read and checked before anything is written; the output
     * (a folder for coco-rle and sav-png, a file for coco) appears whole or not at all.
     *
     * @param masks {@code <masks>/<sequence>/<frame>.png}
     * @param output the folder (coco-rle, sav-png) or the {@code .json} file (coco) to write; must not exist
     * @throws InvalidInputException naming the mask that cannot be read, holds void, or differs in
     *     size from its sequence's first mask; naming the output when it exists
     */
    public static Summary export(Format format, Path masks, Path output, ProgressMonitor monitor) throws IOException {
        if (Files.exists(output)) {
            throw new InvalidInputException(output, "exists already; choose a new output");
        }
        Map<String, List<NamedMask>> videos = readMaskFolder(masks, monitor);
        return switch (format) {
            case COCO_RLE -> writeFolder(output, dir -> {
                for (Map.Entry<String, List<NamedMask>> v : videos.entrySet()) {
                    AtomicFiles.writeString(dir.resolve(v.getKey() + ".json"), GSON.toJson(savJson(v.getKey(), v.getValue())));
                }
            }, videos);
            case PER_OBJECT_PNG -> writeFolder(output, dir -> writePerObjectPngs(dir, videos), videos);
            case COCO -> {
                AtomicFiles.writeString(output, GSON.toJson(cocoJson(videos)));
                yield summary(videos);
            }
        };
    }

    private static Map<String, List<NamedMask>> readMaskFolder(Path masks, ProgressMonitor monitor) throws IOException {
        Map<String, List<NamedMask>> videos = new LinkedHashMap<>();
        List<String> names = Folders.subfolders(masks);
        if (names.isEmpty()) {
            throw new InvalidInputException(masks, "no sequence folders (expected <sequence>/<frame>.png)");
        }
        monitor.begin("Reading masks", names.size());
        for (String name : names) {
            monitor.checkCanceled();
            Path dir = masks.resolve(name);
            List<NamedMask> frames = new ArrayList<>();
            for (String file : Folders.list(dir, f -> Folders.extension(f).equals("png"))) {
                Path png = dir.resolve(file);
                LabelMask mask = MaskIO.read(png);
                if (!frames.isEmpty() && !mask.size().equals(frames.get(0).mask().size())) {
                    throw new InvalidInputException(png, "is " + mask.width() + "x" + mask.height() + ", the sequence's "
                            + frames.get(0).frame() + ".png " + frames.get(0).mask().width() + "x"
                            + frames.get(0).mask().height());
                }
                for (byte b : mask.labels()) {
                    if ((b & 0xFF) == LabelMask.VOID) {
                        throw new InvalidInputException(png, "holds the void label 255, which COCO RLE cannot express");
                    }
                }
                frames.add(new NamedMask(Folders.stem(file), mask));
            }
            if (frames.isEmpty()) {
                throw new InvalidInputException(dir, "no .png masks in sequence '" + name + "'");
            }
            videos.put(name, frames);
            monitor.worked(1);
        }
        monitor.done();
        return videos;
    }

    private static SortedSet<Integer> objectIds(List<NamedMask> frames) {
        SortedSet<Integer> ids = new TreeSet<>();
        for (NamedMask f : frames) {
            ids.addAll(f.mask().objectIds());
        }
        return ids;
    }

    static JsonObject savJson(String video, List<NamedMask> frames) {
        SortedSet<Integer> ids = objectIds(frames);
        LabelMask first = frames.get(0).mask();
        JsonObject json = new JsonObject();
        json.addProperty("video_id", video);
        json.addProperty("video_height", first.height());
        json.addProperty("video_width", first.width());
        json.addProperty("video_frame_count", frames.size());
        JsonArray masklet = new JsonArray();
        JsonArray names = new JsonArray();
        Map<Integer, Integer> firstFrame = new TreeMap<>();
        Map<Integer, Integer> frameCount = new TreeMap<>();
        for (int f = 0; f < frames.size(); f++) {
            JsonArray objects = new JsonArray();
            for (int id : ids) {
                CocoRle rle = CocoRle.encode(frames.get(f).mask(), id);
                if (rle.area() > 0) {
                    firstFrame.putIfAbsent(id, f);
                    frameCount.merge(id, 1, Integer::sum);
                }
                objects.add(rleJson(rle));
            }
            masklet.add(objects);
            names.add(frames.get(f).frame());
        }
        JsonArray masklets = new JsonArray();
        JsonArray firstAppeared = new JsonArray();
        JsonArray counts = new JsonArray();
        for (int id : ids) {
            masklets.add(id - 1);
            firstAppeared.add(firstFrame.getOrDefault(id, -1));
            counts.add(frameCount.getOrDefault(id, 0));
        }
        json.add("masklet_id", masklets);
        json.addProperty("masklet_num", ids.size());
        json.add("masklet_first_appeared_frame", firstAppeared);
        json.add("masklet_frame_count", counts);
        json.add("masklet", masklet);
        json.add("frame_names", names);
        return json;
    }

    private static JsonObject rleJson(CocoRle rle) {
        JsonObject o = new JsonObject();
        JsonArray size = new JsonArray();
        size.add(rle.height());
        size.add(rle.width());
        o.add("size", size);
        o.addProperty("counts", rle.compressed());
        return o;
    }

    static JsonObject cocoJson(Map<String, List<NamedMask>> videos) {
        JsonArray videoArray = new JsonArray();
        JsonArray images = new JsonArray();
        JsonArray annotations = new JsonArray();
        int videoId = 0;
        int imageId = 0;
        int annotationId = 0;
        for (Map.Entry<String, List<NamedMask>> v : videos.entrySet()) {
            videoId++;
            LabelMask first = v.getValue().get(0).mask();
            JsonObject video = new JsonObject();
            video.addProperty("id", videoId);
            video.addProperty("name", v.getKey());
            video.addProperty("width", first.width());
            video.addProperty("height", first.height());
            video.addProperty("length", v.getValue().size());
            videoArray.add(video);
            SortedSet<Integer> ids = objectIds(v.getValue());
            for (int f = 0; f < v.getValue().size(); f++) {
                NamedMask frame = v.getValue().get(f);
                imageId++;
                JsonObject image = new JsonObject();
                image.addProperty("id", imageId);
                image.addProperty("video_id", videoId);
                image.addProperty("frame_id", f);
                image.addProperty("file_name", v.getKey() + "/" + frame.frame() + ".jpg");
                image.addProperty("width", frame.mask().width());
                image.addProperty("height", frame.mask().height());
                images.add(image);
                for (int id : ids) {
                    CocoRle rle = CocoRle.encode(frame.mask(), id);
                    if (rle.area() == 0) {
                        continue;
                    }
                    JsonObject a = new JsonObject();
                    a.addProperty("id", ++annotationId);
                    a.addProperty("image_id", imageId);
                    a.addProperty("video_id", videoId);
                    a.addProperty("category_id", 1);
                    a.addProperty("track_id", id);
                    a.add("segmentation", rleJson(rle));
                    a.addProperty("area", rle.area());
                    JsonArray bbox = new JsonArray();
                    for (long b : rle.bbox()) {
                        bbox.add(b);
                    }
                    a.add("bbox", bbox);
                    a.addProperty("iscrowd", 0);
                    annotations.add(a);
                }
            }
        }
        JsonObject category = new JsonObject();
        category.addProperty("id", 1);
        category.addProperty("name", "object");
        JsonArray categories = new JsonArray();
        categories.add(category);
        JsonObject info = new JsonObject();
        info.addProperty("description", "VOS Bench masks; track_id is the object id of the DAVIS-layout masks");
        JsonObject json = new JsonObject();
        json.add("info", info);
        json.add("videos", videoArray);
        json.add("images", images);
        json.add("annotations", annotations);
        json.add("categories", categories);
        return json;
    }

    private static void writePerObjectPngs(Path dir, Map<String, List<NamedMask>> videos) throws IOException {
        for (Map.Entry<String, List<NamedMask>> v : videos.entrySet()) {
            for (int id : objectIds(v.getValue())) {
                Path objectDir = dir.resolve(v.getKey()).resolve(String.format(Locale.ROOT, "%03d", id - 1));
                for (NamedMask frame : v.getValue()) {
                    LabelMask mask = frame.mask();
                    byte[] binary = new byte[mask.labels().length];
                    for (int p = 0; p < binary.length; p++) {
                        binary[p] = (mask.labels()[p] & 0xFF) == id ? (byte) 255 : 0;
                    }
                    // 0/255 with a grey palette: readers of SA-V's PNGs see 0 and 255.
                    MaskIO.write(objectDir.resolve(frame.frame() + ".png"), new LabelMask(mask.width(), mask.height(), binary),
                            GREY);
                }
            }
        }
    }

    private static final org.vosbench.core.Palette GREY = greyPalette();

    private static org.vosbench.core.Palette greyPalette() {
        byte[] g = new byte[256];
        for (int i = 0; i < 256; i++) {
            g[i] = (byte) i;
        }
        return new org.vosbench.core.Palette(g, g, g);
    }

    // ------------------------------------------------------------------------------------ import

    /**
     * Imports into a mask folder in the DAVIS result layout. Every input is read and checked before
     * anything is written; the output folder appears whole or not at all.
     *
     * @param input the coco-rle folder of {@code <video>.json} (or one such file), the COCO JSON, or
     *     the sav-png folder
     * @param output the mask folder to create; must not exist
     * @throws InvalidInputException naming the file that is not in the format (not COCO, a bad RLE
     *     string, a size that does not match, an id outside 1..254)
     */
    public static Summary importMasks(Format format, Path input, Path output, ProgressMonitor monitor)
            throws IOException {
        if (Files.exists(output)) {
            throw new InvalidInputException(output, "exists already; choose a new output");
        }
        long[] overlap = new long[1];
        Map<String, List<NamedMask>> videos = switch (format) {
            case COCO_RLE -> readSav(input, overlap);
            case COCO -> readCoco(input, overlap);
            case PER_OBJECT_PNG -> readPerObjectPngs(input, overlap);
        };
        Summary written = writeFolder(output, dir -> {
            for (Map.Entry<String, List<NamedMask>> v : videos.entrySet()) {
                monitor.checkCanceled();
                for (NamedMask frame : v.getValue()) {
                    MaskIO.write(dir.resolve(v.getKey()).resolve(frame.frame() + ".png"), frame.mask());
                }
            }
        }, videos);
        return new Summary(written.sequences(), written.frames(), written.objects(), overlap[0]);
    }

    private static Map<String, List<NamedMask>> readSav(Path input, long[] overlap) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(input)) {
            for (String name : Folders.list(input, f -> Folders.extension(f).equals("json"))) {
                files.add(input.resolve(name));
            }
            if (files.isEmpty()) {
                throw new InvalidInputException(input, "no .json files (expected one SA-V <video>.json per video)");
            }
        } else {
            files.add(input);
        }
        Map<String, List<NamedMask>> videos = new LinkedHashMap<>();
        for (Path file : files) {
            JsonObject json = parseObject(file);
            String what = "not an SA-V masklet file";
            JsonArray masklet = array(file, json, "masklet", what);
            JsonArray ids = array(file, json, "masklet_id", what);
            String video = json.has("video_id") ? string(file, json.get("video_id"), "video_id") : Folders.stem(file.getFileName().toString());
            Folders.checkName(video, file);
            int h = integer(file, json, "video_height", what);
            int w = integer(file, json, "video_width", what);
            int[] labels = new int[ids.size()];
            for (int o = 0; o < ids.size(); o++) {
                labels[o] = label(file, ids.get(o), "masklet_id[" + o + "]", 1);
            }
            JsonArray names = json.has("frame_names") ? json.getAsJsonArray("frame_names") : null;
            if (names != null && names.size() != masklet.size()) {
                throw new InvalidInputException(file, "frame_names lists " + names.size() + " frames, masklet "
                        + masklet.size());
            }
            List<NamedMask> frames = new ArrayList<>();
            for (int f = 0; f < masklet.size(); f++) {
                String where = "masklet[" + f + "]";
                if (!masklet.get(f).isJsonArray() || masklet.get(f).getAsJsonArray().size() != labels.length) {
                    throw new InvalidInputException(file, where + " is not a list of " + labels.length + " masks (one per masklet_id)");
                }
                LabelMask mask = LabelMask.empty(w, h);
                JsonArray objects = masklet.get(f).getAsJsonArray();
                for (int o = 0; o < labels.length; o++) {
                    overlap[0] += rle(file, objects.get(o), where + "[" + o + "]", h, w).paint(mask, labels[o]);
                }
                String name = names != null ? string(file, names.get(f), "frame_names[" + f + "]")
                        : String.format(Locale.ROOT, "%05d", 4 * f);
                frames.add(new NamedMask(Folders.checkName(name, file), mask));
            }
            if (videos.put(video, frames) != null) {
                throw new InvalidInputException(file, "video '" + video + "' is given by two files");
            }
        }
        return videos;
    }

    private static Map<String, List<NamedMask>> readCoco(Path file, long[] overlap) throws IOException {
        JsonObject json = parseObject(file);
        String what = "not a COCO instances file";
        JsonArray images = array(file, json, "images", what);
        JsonArray annotations = array(file, json, "annotations", what);
        array(file, json, "categories", what);
        Map<Integer, String> videoNames = new TreeMap<>();
        if (json.has("videos")) {
            for (JsonElement e : array(file, json, "videos", what)) {
                JsonObject v = object(file, e, "videos[]");
                videoNames.put(integer(file, v, "id", what), Folders.checkName(string(file, v.get("name"), "videos[].name"), file));
            }
        }
        record Image(String video, String frame, int frameIndex, LabelMask mask) {
        }
        Map<Integer, Image> byId = new LinkedHashMap<>();
        for (JsonElement e : images) {
            JsonObject image = object(file, e, "images[]");
            int id = integer(file, image, "id", what);
            String fileName = string(file, image.get("file_name"), "images[" + id + "].file_name");
            String[] parts = fileName.split("/");
            String video = image.has("video_id") && videoNames.containsKey(image.get("video_id").getAsInt())
                    ? videoNames.get(image.get("video_id").getAsInt())
                    : parts.length >= 2 ? parts[parts.length - 2] : "video";
            String frame = Folders.checkName(Folders.stem(parts[parts.length - 1]), file);
            int index = image.has("frame_id") ? integer(file, image, "frame_id", what) : byId.size();
            int w = integer(file, image, "width", what);
            int h = integer(file, image, "height", what);
            if (byId.put(id, new Image(Folders.checkName(video, file), frame, index, LabelMask.empty(w, h))) != null) {
                throw new InvalidInputException(file, "image id " + id + " is listed twice");
            }
        }
        for (JsonElement e : annotations) {
            JsonObject a = object(file, e, "annotations[]");
            int imageId = integer(file, a, "image_id", what);
            Image image = byId.get(imageId);
            if (image == null) {
                throw new InvalidInputException(file, "annotation " + a.get("id") + " refers to image " + imageId
                        + ", which images does not list");
            }
            JsonElement label = a.has("track_id") ? a.get("track_id") : a.get("category_id");
            int id = label(file, label, "annotation " + a.get("id") + " track_id", 0);
            CocoRle rle = rle(file, a.get("segmentation"), "annotation " + a.get("id") + " segmentation",
                    image.mask().height(), image.mask().width());
            overlap[0] += rle.paint(image.mask(), id);
        }
        Map<String, List<NamedMask>> videos = new LinkedHashMap<>();
        Map<String, TreeMap<Integer, NamedMask>> ordered = new LinkedHashMap<>();
        for (Image image : byId.values()) {
            NamedMask previous = ordered.computeIfAbsent(image.video(), v -> new TreeMap<>()).put(image.frameIndex(),
                    new NamedMask(image.frame(), image.mask()));
            if (previous != null) {
                throw new InvalidInputException(file, "video '" + image.video() + "' has two images with frame_id "
                        + image.frameIndex());
            }
        }
        ordered.forEach((v, frames) -> videos.put(v, new ArrayList<>(frames.values())));
        return videos;
    }

    private static Map<String, List<NamedMask>> readPerObjectPngs(Path input, long[] overlap) throws IOException {
        Map<String, List<NamedMask>> videos = new LinkedHashMap<>();
        List<String> names = Folders.subfolders(input);
        if (names.isEmpty()) {
            throw new InvalidInputException(input, "no video folders (expected <video>/<object:03d>/<frame>.png)");
        }
        for (String video : names) {
            Path videoDir = input.resolve(video);
            Map<String, LabelMask> frames = new TreeMap<>(org.vosbench.dataset.layout.NaturalOrder.INSTANCE);
            List<String> objects = Folders.subfolders(videoDir);
            if (objects.isEmpty()) {
                throw new InvalidInputException(videoDir, "no object folders (expected <object:03d>/<frame>.png)");
            }
            for (String object : objects) {
                Path objectDir = videoDir.resolve(object);
                int label;
                try {
                    label = Integer.parseInt(object) + 1;
                } catch (NumberFormatException e) {
                    throw new InvalidInputException(objectDir, "object folder names are numbers (000, 001, ...)", e);
                }
                if (label < 1 || label > 254) {
                    throw new InvalidInputException(objectDir, "object " + object + " is outside 000..253");
                }
                for (String file : Folders.list(objectDir, f -> Folders.extension(f).equals("png"))) {
                    Path png = objectDir.resolve(file);
                    LabelMask binary = MaskIO.read(png);
                    LabelMask mask = frames.computeIfAbsent(Folders.stem(file), f -> LabelMask.empty(binary.width(), binary.height()));
                    if (!mask.size().equals(binary.size())) {
                        throw new InvalidInputException(png, "is " + binary.width() + "x" + binary.height()
                                + ", other masks of the frame " + mask.width() + "x" + mask.height());
                    }
                    for (int p = 0; p < binary.labels().length; p++) {
                        if (binary.labels()[p] != 0) {
                            if (mask.labels()[p] != 0 && (mask.labels()[p] & 0xFF) != label) {
                                overlap[0]++;
                            }
                            mask.labels()[p] = (byte) label;
                        }
                    }
                }
            }
            List<NamedMask> list = new ArrayList<>();
            frames.forEach((f, m) -> list.add(new NamedMask(f, m)));
            videos.put(video, list);
        }
        return videos;
    }

    // ------------------------------------------------------------------------------------ helpers

    @FunctionalInterface
    private interface FolderBody {
        void write(Path dir) throws IOException;
    }

    /** Writes into a hidden folder beside {@code output}, renamed to it when the body succeeded. */
    private static Summary writeFolder(Path output, FolderBody body, Map<String, List<NamedMask>> videos)
            throws IOException {
        Path absolute = output.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path partial = Files.createTempDirectory(absolute.getParent(), "." + absolute.getFileName() + ".partial-");
        boolean done = false;
        try {
            body.write(partial);
            Files.move(partial, absolute);
            done = true;
        } finally {
            if (!done) {
                deleteTree(partial);
            }
        }
        return summary(videos);
    }

    private static Summary summary(Map<String, List<NamedMask>> videos) {
        int frames = 0;
        long objects = 0;
        for (List<NamedMask> v : videos.values()) {
            frames += v.size();
            for (NamedMask f : v) {
                objects += f.mask().objectIds().size();
            }
        }
        return new Summary(videos.size(), frames, objects, 0);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (var walk = Files.walk(dir)) {
            walk.forEach(paths::add);
        }
        for (int i = paths.size() - 1; i >= 0; i--) {
            Files.deleteIfExists(paths.get(i));
        }
    }

    private static JsonObject parseObject(Path file) throws InvalidInputException {
        JsonElement json;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            json = JsonParser.parseReader(in);
        } catch (JsonParseException e) {
            throw new InvalidInputException(file, "not JSON: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot be read: " + e.getMessage(), e);
        }
        return object(file, json, "the file");
    }

    private static JsonObject object(Path file, JsonElement e, String what) throws InvalidInputException {
        if (e == null || !e.isJsonObject()) {
            throw new InvalidInputException(file, what + " is not a JSON object");
        }
        return e.getAsJsonObject();
    }

    private static JsonArray array(Path file, JsonObject json, String key, String what) throws InvalidInputException {
        JsonElement e = json.get(key);
        if (e == null || !e.isJsonArray()) {
            throw new InvalidInputException(file, what + ": \"" + key + "\" is " + (e == null ? "missing" : "not a list"));
        }
        return e.getAsJsonArray();
    }

    private static int integer(Path file, JsonObject json, String key, String what) throws InvalidInputException {
        JsonElement e = json.get(key);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new InvalidInputException(file, what + ": \"" + key + "\" is " + (e == null ? "missing" : "not a number"));
        }
        return e.getAsInt();
    }

    private static String string(Path file, JsonElement e, String what) throws InvalidInputException {
        if (e == null || !e.isJsonPrimitive()) {
            throw new InvalidInputException(file, what + " is not a string");
        }
        return e.getAsString();
    }

    /** An object id from a JSON number plus {@code offset}, checked to be 1..254. */
    private static int label(Path file, JsonElement e, String what, int offset) throws InvalidInputException {
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new InvalidInputException(file, what + " is not a number");
        }
        int label = e.getAsInt() + offset;
        if (label < 1 || label > 254) {
            throw new InvalidInputException(file, what + " gives object id " + label + ", outside 1..254");
        }
        return label;
    }

    private static CocoRle rle(Path file, JsonElement e, String what, int h, int w) throws InvalidInputException {
        JsonObject o = object(file, e, what);
        JsonElement size = o.get("size");
        JsonElement counts = o.get("counts");
        if (size == null || !size.isJsonArray() || size.getAsJsonArray().size() != 2 || counts == null
                || !counts.isJsonPrimitive()) {
            throw new InvalidInputException(file, what + " is not a compressed RLE {\"size\": [h, w], \"counts\": \"...\"}");
        }
        int rh = size.getAsJsonArray().get(0).getAsInt();
        int rw = size.getAsJsonArray().get(1).getAsInt();
        if (rh != h || rw != w) {
            throw new InvalidInputException(file, what + " has size [" + rh + ", " + rw + "], the frame [" + h + ", " + w + "]");
        }
        try {
            return CocoRle.fromCompressed(h, w, counts.getAsString());
        } catch (IllegalArgumentException ex) {
            throw new InvalidInputException(file, what + ": " + ex.getMessage(), ex);
        }
    }
}
