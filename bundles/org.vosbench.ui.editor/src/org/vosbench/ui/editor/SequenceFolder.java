package org.vosbench.ui.editor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.vosbench.dataset.SequenceRef;

/**
 * The documented on-disk store of one sequence's editable masks (the folder a {@link SequenceDocument}
 * saves to, and each entry of its {@link RecoveryJournal}):
 * <ul>
 * <li>{@code <frame>.png}: the frame's label mask as a DAVIS palette PNG (the DAVIS result layout, so
 * the folder can be evaluated and compared like any run);</li>
 * <li>{@code frames.tsv}: {@code frame<TAB>state}, one line per frame, the state a {@link FrameState}
 * name (lines starting with {@code #} are comments);</li>
 * <li>{@code objects.tsv}: {@code id<TAB>#rrggbb<TAB>visible<TAB>name}, one line per object.</li>
 * </ul>
 * Both text files are small, diffable and written atomically by the callers.
 */
final class SequenceFolder {

    static final String FRAMES_FILE = "frames.tsv";
    static final String OBJECTS_FILE = "objects.tsv";

    private SequenceFolder() {
    }

    static Path maskFile(Path dir, SequenceRef sequence, int frame) {
        return dir.resolve(sequence.frame(frame).name() + ".png");
    }

    /** {@code frames.tsv} for the given frames (ascending) and their states. */
    static String statesText(SequenceRef sequence, Map<Integer, FrameState> states) {
        StringBuilder sb = new StringBuilder("# frame\tstate\n");
        states.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> sb
                .append(sequence.frame(e.getKey()).name()).append('\t').append(e.getValue().name()).append('\n'));
        return sb.toString();
    }

    static String objectsText(List<AnnotatedObject> list) {
        StringBuilder sb = new StringBuilder("# id\tcolour\tvisible\tname\n");
        for (AnnotatedObject o : list) {
            sb.append(o.id()).append('\t').append(String.format("#%06x", o.color())).append('\t')
                    .append(o.visible()).append('\t').append(o.name().replace('\t', ' ').replace('\n', ' '))
                    .append('\n');
        }
        return sb.toString();
    }

    /** Frame name → state; one clear error naming the file and line on a bad line. */
    static Map<String, FrameState> readStates(Path file) throws IOException {
        Map<String, FrameState> result = new HashMap<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t");
            try {
                result.put(parts[0], FrameState.valueOf(parts[1].trim()));
            } catch (RuntimeException e) {
                throw new IOException(file + ": line " + lineNo + " is not 'frame<TAB>state': " + line);
            }
        }
        return result;
    }

    static List<AnnotatedObject> readObjects(Path file) throws IOException {
        List<AnnotatedObject> result = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t", 4);
            try {
                result.add(new AnnotatedObject(Integer.parseInt(parts[0]), parts[3],
                        Integer.parseInt(parts[1].substring(1), 16), Boolean.parseBoolean(parts[2])));
            } catch (RuntimeException e) {
                throw new IOException(file + ": line " + lineNo + " is not 'id<TAB>#rrggbb<TAB>visible<TAB>name': "
                        + line);
            }
        }
        return result;
    }
}
