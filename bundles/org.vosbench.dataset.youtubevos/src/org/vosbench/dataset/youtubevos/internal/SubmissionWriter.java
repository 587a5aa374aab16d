package org.vosbench.dataset.youtubevos.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.vosbench.core.AtomicFiles;
import org.vosbench.core.Dimension2;
import org.vosbench.core.ImageReader;
import org.vosbench.core.InvalidInputException;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.core.Palette;
import org.vosbench.core.ProgressMonitor;
import org.vosbench.dataset.Dataset;
import org.vosbench.dataset.DatasetOptions;
import org.vosbench.dataset.SequenceRef;
import org.vosbench.dataset.layout.NaturalOrder;

/** Writes the CodaLab zip; see {@code org.vosbench.dataset.youtubevos.YouTubeVosSubmission}. */
public final class SubmissionWriter {

    private static final int LISTED = 20;

    private SubmissionWriter() {
    }

    /** @return {videos, frames} written */
    public static int[] write(Path root, DatasetOptions options, Path results, Path zip, ProgressMonitor monitor)
            throws IOException {
        YouTubeVosFormat.Split split = YouTubeVosFormat.split(root, options);
        Path metaFile = split.metaFile();
        if (!Files.isRegularFile(metaFile)) {
            throw new InvalidInputException(metaFile, "no meta.json: the submission is checked against it");
        }
        YouTubeVosMeta meta = YouTubeVosMeta.read(metaFile);
        Dataset dataset = new YouTubeVosFormat().open(root, options);

        // What the server needs, video by video, and what is missing of it.
        Map<SequenceRef, List<String>> needed = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        int missingCount = 0;
        int total = 0;
        for (Map.Entry<String, YouTubeVosMeta.Video> v : meta.videos().entrySet()) {
            SequenceRef seq = dataset.sequence(v.getKey()).orElseThrow();
            // Exactly the frames meta.json lists for the video's objects (each object's list starts
            // where it first appears), as the official STCN eval_youtube.py writes them: the
            // server scores those; frames before the first listed one are not asked for.
            Set<String> frames = new TreeSet<>(NaturalOrder.INSTANCE);
            v.getValue().frames().values().forEach(frames::addAll);
            Path videoDir = dataset.resultPath(results, seq, "x").getParent();
            if (!Files.isDirectory(videoDir)) {
                missingCount += frames.size();
                if (missing.size() < LISTED) {
                    missing.add("video " + v.getKey() + " (all " + frames.size() + " frames)");
                }
                continue;
            }
            for (String frame : frames) {
                if (!Files.isRegularFile(dataset.resultPath(results, seq, frame))) {
                    missingCount++;
                    if (missing.size() < LISTED) {
                        missing.add(v.getKey() + "/" + frame + ".png");
                    }
                }
            }
            needed.put(seq, List.copyOf(frames));
            total += frames.size();
        }
        if (missingCount > 0) {
            throw new InvalidInputException(results, missingCount + " result masks that " + metaFile
                    + " asks for are missing: " + String.join(", ", missing) + (missingCount > missing.size()
                            ? ", ... (" + (missingCount - missing.size()) + " more)" : ""));
        }

        Palette palette = Palette.davis();
        monitor.begin("Writing " + zip.getFileName(), total);
        AtomicFiles.write(zip, out -> {
            ZipOutputStream entries = new ZipOutputStream(out);
            for (Map.Entry<SequenceRef, List<String>> e : needed.entrySet()) {
                SequenceRef seq = e.getKey();
                Set<Integer> ids = meta.videos().get(seq.name()).categories().keySet();
                Dimension2 size = ImageReader.size(seq.frame(0).image());
                for (String frame : e.getValue()) {
                    monitor.checkCanceled();
                    Path file = dataset.resultPath(results, seq, frame);
                    LabelMask mask = MaskIO.read(file);
                    if (!mask.size().equals(size)) {
                        throw new InvalidInputException(file, "is " + mask.width() + "x" + mask.height() + ", the video's frames "
                                + size.width() + "x" + size.height());
                    }
                    for (int id : mask.objectIds()) {
                        if (!ids.contains(id)) {
                            throw new InvalidInputException(file, "holds object " + id + ", which " + metaFile
                                    + " does not list for video " + seq.name() + " (it lists " + ids + ")");
                        }
                    }
                    entries.putNextEntry(new ZipEntry("Annotations/" + seq.name() + "/" + frame + ".png"));
                    MaskIO.encode(mask, palette, entries);
                    entries.closeEntry();
                    monitor.worked(1);
                }
            }
            entries.finish();
        });
        monitor.done();
        return new int[] {needed.size(), total};
    }
}
