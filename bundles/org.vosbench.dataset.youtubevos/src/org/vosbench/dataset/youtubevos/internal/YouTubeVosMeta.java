package org.vosbench.dataset.youtubevos.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.vosbench.core.InvalidInputException;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * A YouTube-VOS {@code meta.json}:
 * {@code {"videos": {vid: {"objects": {id: {"category": c, "frames": [frame ids]}}}}}}.
 *
 * @param file the file read
 * @param videos video id to its objects, videos in sorted order
 */
record YouTubeVosMeta(Path file, Map<String, Video> videos) {

    /**
     * @param categories object id to category ({@code ""} where none is given), ids ascending
     * @param frames object id to the frame ids the object is annotated on
     */
    record Video(SortedMap<Integer, String> categories, Map<Integer, List<String>> frames) {
    }

    static YouTubeVosMeta read(Path file) throws IOException {
        JsonElement json;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            json = JsonParser.parseReader(in);
        } catch (JsonParseException e) {
            throw new InvalidInputException(file, "malformed JSON: " + rootMessage(e), e);
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot be read: " + e.getMessage(), e);
        }
        JsonObject videos = object(file, object(file, json, "the file").get("videos"), "\"videos\"");
        List<String> ids = new ArrayList<>(videos.keySet());
        ids.sort(null); // as the official scripts: sorted video ids
        Map<String, Video> result = new LinkedHashMap<>();
        for (String vid : ids) {
            String where = "video \"" + vid + "\"";
            JsonObject objects = object(file, object(file, videos.get(vid), where).get("objects"), where + " \"objects\"");
            SortedMap<Integer, String> categories = new TreeMap<>();
            Map<Integer, List<String>> frames = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : objects.entrySet()) {
                int id = objectId(file, vid, e.getKey());
                JsonObject object = object(file, e.getValue(), where + " object " + id);
                categories.put(id, string(file, object.get("category"), where + " object " + id + " \"category\""));
                List<String> objectFrames = new ArrayList<>();
                JsonElement frameList = object.get("frames");
                if (frameList != null && !frameList.isJsonNull()) {
                    if (!frameList.isJsonArray()) {
                        throw new InvalidInputException(file, where + " object " + id + ": \"frames\" is not a list");
                    }
                    for (JsonElement f : frameList.getAsJsonArray()) {
                        objectFrames.add(string(file, f, where + " object " + id + " frame id"));
                    }
                }
                frames.put(id, Collections.unmodifiableList(objectFrames));
            }
            result.put(vid, new Video(Collections.unmodifiableSortedMap(categories), Collections.unmodifiableMap(frames)));
        }
        return new YouTubeVosMeta(file, Collections.unmodifiableMap(result));
    }

    private static JsonObject object(Path file, JsonElement e, String what) throws InvalidInputException {
        if (e == null) {
            throw new InvalidInputException(file, what + " is missing");
        }
        if (!e.isJsonObject()) {
            throw new InvalidInputException(file, what + " is not a JSON object");
        }
        return e.getAsJsonObject();
    }

    private static String string(Path file, JsonElement e, String what) throws InvalidInputException {
        if (e == null || e.isJsonNull()) {
            return "";
        }
        if (!e.isJsonPrimitive()) {
            throw new InvalidInputException(file, what + " is not a string");
        }
        return e.getAsString();
    }

    private static int objectId(Path file, String vid, String key) throws InvalidInputException {
        try {
            int id = Integer.parseInt(key.strip());
            if (id >= 1 && id <= 254) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException(file, "video \"" + vid + "\": object id \"" + key
                + "\" is not a number from 1 to 254");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? e.toString() : t.getMessage();
    }
}
