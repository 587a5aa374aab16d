package org.vosbench.ui.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerComparator;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeColumn;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.IBarSeries;
import org.eclipse.swtchart.ISeries.SeriesType;
import org.eclipse.swtchart.Range;
import org.vosbench.eval.EvaluationFiles;
import org.vosbench.eval.EvaluationResult;
import org.vosbench.eval.GlobalResult;
import org.vosbench.eval.ObjectResult;
import org.vosbench.eval.SequenceResult;

/**
 * The body of the evaluation view: a sortable tree of the global scores, each sequence (mean over its
 * objects) and each object ({@code <sequence>_<id>}, as the toolkit names rows) with J&amp;F, J and F
 * mean, recall and decay; a bar chart of J and F per object (SWTChart); and CSV export in the toolkit's
 * two files.
 */
public final class EvaluationPanel extends Composite {

    /** Column titles after the name, in the toolkit's order. */
    public static final String[] MEASURES = {"J&F-Mean", "J-Mean", "J-Recall", "J-Decay", "F-Mean", "F-Recall",
        "F-Decay"};

    /**
     * One table row.
     *
     * @param name "Global", the sequence name, or {@code <sequence>_<id>}
     * @param values in {@link #MEASURES} order
     * @param children object rows of a sequence
     */
    public record Row(String name, double[] values, List<Row> children) {
    }

    private final TreeViewer viewer;
    private final Chart chart;
    private final Label summary;
    private EvaluationResult result;
    private int sortColumn = -1;
    private int sortDirection = SWT.NONE;

    public EvaluationPanel(Composite parent, int style) {
        super(parent, style);
        setLayout(new GridLayout(1, false));
        summary = new Label(this, SWT.WRAP);
        summary.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        summary.setText("No evaluation yet: select a run in the project explorer and choose Evaluate.");
        SashForm sash = new SashForm(this, SWT.HORIZONTAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        viewer = new TreeViewer(sash, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE | SWT.H_SCROLL | SWT.V_SCROLL);
        Tree tree = viewer.getTree();
        tree.setHeaderVisible(true);
        tree.setLinesVisible(true);
        addColumn("Sequence / object", 200, -1);
        for (int i = 0; i < MEASURES.length; i++) {
            addColumn(MEASURES[i], 80, i);
        }
        viewer.setContentProvider(new ITreeContentProvider() {
            @Override
            public Object[] getElements(Object input) {
                return ((List<?>) input).toArray();
            }

            @Override
            public Object[] getChildren(Object parentElement) {
                return ((Row) parentElement).children().toArray();
            }

            @Override
            public Object getParent(Object element) {
                return null;
            }

            @Override
            public boolean hasChildren(Object element) {
                return !((Row) element).children().isEmpty();
            }

            @Override
            public void inputChanged(Viewer v, Object oldInput, Object newInput) {
            }
        });
        viewer.setComparator(new ViewerComparator() {
            @Override
            public int compare(Viewer v, Object a, Object b) {
                Row ra = (Row) a;
                Row rb = (Row) b;
                // the global row stays on top whatever the sort
                if (ra.name().equals("Global") != rb.name().equals("Global")) {
                    return ra.name().equals("Global") ? -1 : 1;
                }
                int c = sortColumn < 0 ? ra.name().compareTo(rb.name())
                        : Double.compare(ra.values()[sortColumn], rb.values()[sortColumn]);
                return sortDirection == SWT.DOWN ? -c : c;
            }
        });
        chart = new Chart(sash, SWT.NONE);
        chart.getTitle().setText("J and F per object");
        chart.getAxisSet().getXAxis(0).getTitle().setText("Object");
        chart.getAxisSet().getYAxis(0).getTitle().setText("Score");
        sash.setWeights(60, 40);
        viewer.setInput(List.of());
    }

    private void addColumn(String title, int width, int measure) {
        TreeViewerColumn column = new TreeViewerColumn(viewer, SWT.LEFT);
        column.getColumn().setText(title.replace("&", "&&"));
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                Row row = (Row) element;
                return measure < 0 ? row.name() : String.format("%.3f", row.values()[measure]);
            }
        });
        column.getColumn().addListener(SWT.Selection, e -> sortBy(measure, column.getColumn()));
    }

    /** Sorts by a measure (−1: by name); a second call on the same column reverses the order. */
    public void sortBy(int measure, TreeColumn column) {
        sortDirection = sortColumn == measure && sortDirection == SWT.DOWN ? SWT.UP : SWT.DOWN;
        if (measure < 0 && sortColumn != measure) {
            sortDirection = SWT.UP;
        }
        sortColumn = measure;
        viewer.getTree().setSortColumn(column);
        viewer.getTree().setSortDirection(sortDirection);
        viewer.refresh();
    }

    public TreeViewer viewer() {
        return viewer;
    }

    public Chart chart() {
        return chart;
    }

    public Label summary() {
        return summary;
    }

    public EvaluationResult result() {
        return result;
    }

    /** Shows an evaluation; {@code skipped} lists sequences that were not scored and why. */
    public void setResult(String title, EvaluationResult newResult, Map<String, String> skipped) {
        result = newResult;
        List<Row> rows = rows(newResult);
        viewer.setInput(rows);
        viewer.expandAll();
        StringBuilder text = new StringBuilder(title);
        if (!newResult.sequences().isEmpty()) {
            text.append(String.format(":  J&&F %.3f  ·  J %.3f  ·  F %.3f  ·  %d sequences, %d objects",
                    newResult.global().jAndFMean(), newResult.global().jMean(), newResult.global().fMean(),
                    newResult.sequences().size(), newResult.objects().size()));
        } else {
            text.append(": no sequence could be scored");
        }
        skipped.forEach((seq, why) -> text.append("\nNot scored: ").append(seq).append(" — ").append(why));
        summary.setText(text.toString());
        updateChart(newResult);
        layout(true, true);
    }

    /** The rows shown for an evaluation: global first, then each sequence with its objects. */
    public static List<Row> rows(EvaluationResult r) {
        List<Row> rows = new ArrayList<>();
        if (r.sequences().isEmpty()) {
            return rows;
        }
        rows.add(new Row("Global", r.global().toArray(), List.of()));
        for (SequenceResult s : r.sequences()) {
            List<Row> objects = new ArrayList<>();
            double[] sum = new double[MEASURES.length];
            for (ObjectResult o : s.objects()) {
                double[] v = objectValues(o);
                objects.add(new Row(o.name(), v, List.of()));
                for (int i = 0; i < v.length; i++) {
                    sum[i] += v[i] / s.objects().size();
                }
            }
            rows.add(new Row(s.name(), sum, objects));
        }
        return rows;
    }

    static double[] objectValues(ObjectResult o) {
        GlobalResult g = new GlobalResult((o.j().mean() + o.f().mean()) / 2, o.j().mean(), o.j().recall(),
                o.j().decay(), o.f().mean(), o.f().recall(), o.f().decay());
        return g.toArray();
    }

    private void updateChart(EvaluationResult r) {
        for (var s : chart.getSeriesSet().getSeries()) {
            chart.getSeriesSet().deleteSeries(s.getId());
        }
        List<ObjectResult> objects = r.sequences().isEmpty() ? List.of() : r.objects();
        String[] names = objects.stream().map(ObjectResult::name).toArray(String[]::new);
        double[] j = objects.stream().mapToDouble(o -> o.j().mean()).toArray();
        double[] f = objects.stream().mapToDouble(o -> o.f().mean()).toArray();
        IAxis x = chart.getAxisSet().getXAxis(0);
        x.enableCategory(true);
        x.setCategorySeries(names.length == 0 ? new String[] {""} : names);
        IBarSeries<?> jBars = (IBarSeries<?>) chart.getSeriesSet().createSeries(SeriesType.BAR, "J-Mean");
        jBars.setYSeries(j);
        jBars.setBarColor(new Color(0x1e, 0x88, 0xe5));
        IBarSeries<?> fBars = (IBarSeries<?>) chart.getSeriesSet().createSeries(SeriesType.BAR, "F-Mean");
        fBars.setYSeries(f);
        fBars.setBarColor(new Color(0xef, 0x6c, 0x00));
        chart.getAxisSet().adjustRange();
        chart.getAxisSet().getYAxis(0).setRange(new Range(0, 1));
        chart.redraw();
    }

    /** Writes the toolkit's {@code global_results-<set>.csv} and {@code per-sequence_results-<set>.csv}. */
    public java.util.List<Path> exportCsv(Path outputDir) throws IOException {
        if (result == null) {
            throw new IllegalStateException("Nothing evaluated yet");
        }
        EvaluationFiles.writeCsv(result, outputDir, result.set());
        return java.util.List.of(outputDir.resolve(EvaluationFiles.globalCsvName(result.set())),
                outputDir.resolve(EvaluationFiles.perSequenceCsvName(result.set())));
    }
}
