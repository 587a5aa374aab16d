package org.vosbench.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vosbench.core.AtomicFiles;
import org.vosbench.eval.internal.PandasFormat;

/**
 * The files and tables davis2017-evaluation's {@code evaluation_method.py} writes and prints for
 * an {@link EvaluationResult} ({@link DatasetEvaluator} computes it): the same CSV files, byte for
 * byte, and the same printed tables.
 */
public final class EvaluationFiles {

    /** The DAVIS resolution the toolkit evaluates. */
    public static final String DEFAULT_RESOLUTION = "480p";

    private static final String CSV_HEADER_GLOBAL = "J&F-Mean,J-Mean,J-Recall,J-Decay,F-Mean,F-Recall,F-Decay";
    private static final List<String> GLOBAL_COLUMNS = List.of("J&F-Mean", "J-Mean", "J-Recall", "J-Decay",
            "F-Mean", "F-Recall", "F-Decay");

    private EvaluationFiles() {
    }

    /**
     * Writes the toolkit's {@code global_results-<set>.csv} and {@code per-sequence_results-<set>.csv},
     * each atomically.
     *
     * @param result the evaluation
     * @param outputDir where to write them
     * @param set the split name used in the file names
     * @throws IOException when writing fails
     */
    public static void writeCsv(EvaluationResult result, Path outputDir, String set) throws IOException {
        String global = globalCsv(result);
        String perSequence = perSequenceCsv(result);
        AtomicFiles.writeString(outputDir.resolve(globalCsvName(set)), global);
        AtomicFiles.writeString(outputDir.resolve(perSequenceCsvName(set)), perSequence);
    }

    /**
     * @param set the split
     * @return the toolkit's global results file name
     */
    public static String globalCsvName(String set) {
        return "global_results-" + set + ".csv";
    }

    /**
     * @param set the split
     * @return the toolkit's per-sequence results file name
     */
    public static String perSequenceCsvName(String set) {
        return "per-sequence_results-" + set + ".csv";
    }

    /**
     * @param result the evaluation
     * @return the content of {@code global_results-<set>.csv} (pandas {@code to_csv}, {@code %.3f})
     */
    public static String globalCsv(EvaluationResult result) {
        StringBuilder csv = new StringBuilder(CSV_HEADER_GLOBAL).append('\n');
        double[] values = result.global().toArray();
        for (int i = 0; i < values.length; i++) {
            csv.append(i > 0 ? "," : "").append(csvNumber(values[i]));
        }
        return csv.append('\n').toString();
    }

    /**
     * @param result the evaluation
     * @return the content of {@code per-sequence_results-<set>.csv}: one {@code <seq>_<k>} row per object
     */
    public static String perSequenceCsv(EvaluationResult result) {
        StringBuilder csv = new StringBuilder("Sequence,J-Mean,F-Mean\n");
        for (ObjectResult object : result.objects()) {
            csv.append(csvText(object.name())).append(',').append(csvNumber(object.j().mean())).append(',')
                    .append(csvNumber(object.f().mean())).append('\n');
        }
        return csv.toString();
    }

    /** A text field as pandas' to_csv writes it (QUOTE_MINIMAL): quoted when it holds a comma, quote or line break. */
    static String csvText(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private static String csvNumber(double value) {
        // pandas writes NaN as an empty field
        return Double.isNaN(value) ? "" : PandasFormat.fixed(value, 3);
    }

    /**
     * The tables {@code evaluation_method.py} prints, in its layout.
     *
     * @param result the evaluation
     * @return the global and per-sequence tables with their titles, ending with a newline
     */
    public static String formatTables(EvaluationResult result) {
        double[] global = result.global().toArray();
        List<List<String>> globalColumns = new ArrayList<>();
        for (double value : global) {
            globalColumns.add(PandasFormat.floatColumn(new double[] {value}));
        }
        List<ObjectResult> objects = result.objects();
        List<List<String>> sequenceColumns = List.of(objects.stream().map(ObjectResult::name).toList(),
                PandasFormat.floatColumn(objects.stream().mapToDouble(o -> o.j().mean()).toArray()),
                PandasFormat.floatColumn(objects.stream().mapToDouble(o -> o.f().mean()).toArray()));
        return "--------------------------- Global results for " + result.set() + " ---------------------------\n"
                + PandasFormat.table(GLOBAL_COLUMNS, List.of(true, true, true, true, true, true, true), globalColumns)
                + "\n\n---------- Per sequence results for " + result.set() + " ----------\n"
                + PandasFormat.table(List.of("Sequence", "J-Mean", "F-Mean"), List.of(false, true, true),
                        sequenceColumns)
                + "\n";
    }
}
