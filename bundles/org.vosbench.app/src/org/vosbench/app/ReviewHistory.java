package org.vosbench.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.vosbench.core.AtomicFiles;
import org.vosbench.model.ReviewState;

/**
 * Who changed which sequence's review state, when, from what to what, and why: the file
 * {@code <project>.review.tsv} beside the project file, one line per change,
 * {@code time<TAB>annotator<TAB>dataset<TAB>sequence<TAB>from<TAB>to<TAB>note} (ISO-8601 time, state
 * literals of {@link ReviewState}). The note says whether a person set it ({@code "set by hand"}) or a
 * rule did, and which ({@code "rule: edited after approval"}). Rewritten atomically on each change.
 */
public final class ReviewHistory {

    /** One change of a sequence's review state. */
    public record Entry(Instant time, String annotator, String dataset, String sequence, ReviewState from,
            ReviewState to, String note) {
    }

    private final Path file;
    private final List<Entry> entries = new ArrayList<>();

    private ReviewHistory(Path file) {
        this.file = file;
    }

    /** The history beside a project file; empty when there is none yet. */
    public static ReviewHistory of(Path projectFile) throws IOException {
        String name = projectFile.getFileName().toString().replaceFirst("\\.vosbench$", "");
        ReviewHistory h = new ReviewHistory(projectFile.resolveSibling(name + ".review.tsv"));
        if (Files.isRegularFile(h.file)) {
            int lineNo = 0;
            for (String line : Files.readAllLines(h.file, StandardCharsets.UTF_8)) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] p = line.split("\t", 7);
                try {
                    h.entries.add(new Entry(Instant.parse(p[0]), p[1], p[2], p[3], state(p[4]), state(p[5]),
                            p.length > 6 ? p[6] : ""));
                } catch (RuntimeException e) {
                    throw new IOException(h.file + ": line " + lineNo
                            + " is not 'time<TAB>annotator<TAB>dataset<TAB>sequence<TAB>from<TAB>to<TAB>note': " + line);
                }
            }
        }
        return h;
    }

    private static ReviewState state(String literal) {
        ReviewState s = ReviewState.get(literal);
        if (s == null) {
            throw new IllegalArgumentException("unknown review state " + literal);
        }
        return s;
    }

    public Path file() {
        return file;
    }

    /** Adds a change and rewrites the file. */
    public void add(Entry e) throws IOException {
        entries.add(e);
        StringBuilder sb = new StringBuilder("# time\tannotator\tdataset\tsequence\tfrom\tto\tnote\n");
        for (Entry x : entries) {
            sb.append(x.time()).append('\t').append(clean(x.annotator())).append('\t').append(clean(x.dataset()))
                    .append('\t').append(clean(x.sequence())).append('\t').append(x.from().getLiteral()).append('\t')
                    .append(x.to().getLiteral()).append('\t').append(clean(x.note())).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    private static String clean(String s) {
        return s == null ? "" : s.replace('\t', ' ').replace('\n', ' ');
    }

    /** The changes of one sequence, oldest first. */
    public List<Entry> changesOf(String dataset, String sequence) {
        return entries.stream().filter(e -> e.dataset().equals(dataset) && e.sequence().equals(sequence)).toList();
    }

}
