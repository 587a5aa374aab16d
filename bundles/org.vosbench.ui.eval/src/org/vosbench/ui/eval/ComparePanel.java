package org.vosbench.ui.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Scale;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.ISeries.SeriesType;
import org.eclipse.swtchart.Range;
import org.vosbench.core.ImageReader;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.core.RgbImage;
import org.vosbench.dataset.SequenceRef;
import org.vosbench.eval.DatasetEvaluator;
import org.vosbench.ui.EclipseProgressMonitor;
import org.vosbench.ui.FrameCache;
import org.vosbench.ui.FrameCanvas;
import org.vosbench.ui.OverlayRenderer;
import org.vosbench.ui.ViewTransform;

/**
 * Two sides of one sequence side by side with one frame, zoom and pan (zooming or panning either
 * canvas moves both). "Difference" turns the right canvas into the difference overlay: red where only
 * the left side claims a pixel, blue where only the right does, yellow where both claim it for
 * different objects. Below, a per-frame J&amp;F strip chart for each side that is not the ground truth
 * (when the sequence has ground truth); clicking the chart jumps to that frame, "Worst frame" steps
 * through the frames from the lowest J&amp;F of the first scored side.
 */
public final class ComparePanel extends Composite {

    /** Difference colours, 0xRRGGBB. */
    public static final int ONLY_LEFT = 0xE53935;
    public static final int ONLY_RIGHT = 0x1E88E5;
    public static final int BOTH_DIFFERENT = 0xFDD835;

    /** Job family of the scoring jobs, for tests to join. */
    public static final Object SCORING_FAMILY = ComparePanel.class;

    private final SequenceRef sequence;
    private final CompareSide left;
    private final CompareSide right;
    private final FrameCache<RgbImage> frames;
    private final FrameCanvas leftCanvas;
    private final FrameCanvas rightCanvas;
    private final Button differenceButton;
    private final Button worstButton;
    private final Label frameLabel;
    private final Label leftTitle;
    private final Label rightTitle;
    private final Scale slider;
    private final Chart chart;
    private final List<double[]> scores = new ArrayList<>();
    private final List<CompareSide> scoredSides = new ArrayList<>();
    private int current = -1;
    private int[] worst = new int[0];
    private int worstCursor;
    private boolean syncing;

    public ComparePanel(Composite parent, int style, SequenceRef sequence, CompareSide left, CompareSide right) {
        super(parent, style);
        this.sequence = sequence;
        this.left = left;
        this.right = right;
        this.frames = new FrameCache<>(sequence.length(), 32, i -> ImageReader.readRgb(sequence.frame(i).image()));
        setLayout(new GridLayout(1, false));

        Composite bar = new Composite(this, SWT.NONE);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        RowLayout rl = new RowLayout();
        rl.center = true;
        bar.setLayout(rl);
        differenceButton = new Button(bar, SWT.CHECK);
        differenceButton.setText("Difference overlay");
        differenceButton.setToolTipText("Red: only left claims the pixel · blue: only right · yellow: both, "
                + "different objects");
        differenceButton.addListener(SWT.Selection, e -> showFrame(current));
        worstButton = new Button(bar, SWT.PUSH);
        worstButton.setText("Worst frame ▶");
        worstButton.setToolTipText("Jump to the frame with the next lowest J&F");
        worstButton.setEnabled(false);
        worstButton.addListener(SWT.Selection, e -> jumpToNextWorst());
        frameLabel = new Label(bar, SWT.NONE);
        frameLabel.setText("                                                            ");

        Composite titles = new Composite(this, SWT.NONE);
        titles.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        titles.setLayout(new GridLayout(2, true));
        leftTitle = new Label(titles, SWT.NONE);
        leftTitle.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        rightTitle = new Label(titles, SWT.NONE);
        rightTitle.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        leftTitle.setText("Left: " + left.label());
        rightTitle.setText("Right: " + right.label());

        SashForm vertical = new SashForm(this, SWT.VERTICAL);
        vertical.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        SashForm sides = new SashForm(vertical, SWT.HORIZONTAL);
        leftCanvas = new FrameCanvas(sides, SWT.BORDER);
        rightCanvas = new FrameCanvas(sides, SWT.BORDER);
        leftCanvas.addViewListener(v -> sync(rightCanvas, v));
        rightCanvas.addViewListener(v -> sync(leftCanvas, v));
        chart = new Chart(vertical, SWT.NONE);
        // titles off: the strip is short, the legend and the axis numbers say enough
        chart.getTitle().setVisible(false);
        chart.getAxisSet().getXAxis(0).getTitle().setVisible(false);
        chart.getAxisSet().getYAxis(0).getTitle().setText("J&F");
        chart.getPlotArea().getControl().addListener(SWT.MouseDown, this::onChartClick);
        vertical.setWeights(64, 36);

        slider = new Scale(this, SWT.HORIZONTAL);
        slider.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        slider.setMaximum(Math.max(1, sequence.length() - 1));
        slider.addListener(SWT.Selection, e -> showFrame(slider.getSelection()));
        for (var c : new org.eclipse.swt.widgets.Control[] {leftCanvas, rightCanvas, slider}) {
            c.addListener(SWT.KeyDown, this::onKey);
        }
        addListener(SWT.Dispose, e -> frames.close());
        showFrame(0);
        startScoring();
    }

    private void sync(FrameCanvas other, ViewTransform v) {
        if (syncing) {
            return;
        }
        syncing = true;
        try {
            other.setView(v);
        } finally {
            syncing = false;
        }
    }

    public FrameCanvas leftCanvas() {
        return leftCanvas;
    }

    public FrameCanvas rightCanvas() {
        return rightCanvas;
    }

    public Button differenceButton() {
        return differenceButton;
    }

    public Button worstButton() {
        return worstButton;
    }

    public Chart chart() {
        return chart;
    }

    public int currentFrame() {
        return current;
    }

    /** Per-frame J&amp;F of each scored side (sides that are not the ground truth), once scoring finished. */
    public List<double[]> scores() {
        return scores;
    }

    public void setDifference(boolean on) {
        differenceButton.setSelection(on);
        showFrame(current);
    }

    public void showFrame(int frame) {
        int f = Math.max(0, Math.min(sequence.length() - 1, frame));
        current = f;
        RgbImage image;
        try {
            image = frames.get(f);
        } catch (Exception e) {
            frameLabel.setText("Cannot read frame: " + e.getMessage());
            return;
        }
        LabelMask a = read(left, f);
        LabelMask b = read(right, f);
        leftCanvas.setFrame(image, a);
        if (differenceButton.getSelection()) {
            LabelMask ea = a != null ? a : LabelMask.empty(image.width(), image.height());
            LabelMask eb = b != null ? b : LabelMask.empty(image.width(), image.height());
            rightCanvas.setComposedImage(OverlayRenderer.difference(image, ea, eb, ONLY_LEFT, ONLY_RIGHT,
                    BOTH_DIFFERENT));
            rightTitle.setText("Difference: " + OverlayRenderer.disagreement(ea, eb) + " pixels disagree");
        } else {
            rightCanvas.setFrame(image, b);
            rightTitle.setText("Right: " + right.label());
        }
        rightCanvas.setView(leftCanvas.view());
        slider.setSelection(f);
        StringBuilder text = new StringBuilder(String.format("Frame %d / %d (%s)", f + 1, sequence.length(),
                sequence.frame(f).name()));
        for (int s = 0; s < scores.size(); s++) {
            double v = scores.get(s)[f];
            text.append(String.format("   %s J&&F %s", scoredSides.get(s).label(),
                    Double.isNaN(v) ? "–" : String.format("%.3f", v)));
        }
        frameLabel.setText(text.toString());
        frameLabel.getParent().layout();
        frames.prefetch(f, 1, 8);
    }

    private static LabelMask read(CompareSide side, int frame) {
        Path p = side.maskFile().apply(frame);
        if (p == null) {
            return null;
        }
        try {
            return MaskIO.read(p);
        } catch (IOException e) {
            return null;
        }
    }

    /** Jumps to the next worst frame of the first scored side; returns the frame or −1 before scoring. */
    public int jumpToNextWorst() {
        if (worst.length == 0) {
            return -1;
        }
        int f = worst[worstCursor % worst.length];
        worstCursor++;
        showFrame(f);
        return f;
    }

    private void onChartClick(Event e) {
        if (scores.isEmpty()) {
            return;
        }
        IAxis x = chart.getAxisSet().getXAxis(0);
        // the x series holds 1-based frame numbers
        int frame = (int) Math.round(x.getDataCoordinate(e.x)) - 1;
        showFrame(frame);
    }

    /** The frame a click at plot-area x selects (tests click through this). */
    public int frameAtChartX(int plotX) {
        return (int) Math.round(chart.getAxisSet().getXAxis(0).getDataCoordinate(plotX)) - 1;
    }

    private void onKey(Event e) {
        int step = (e.stateMask & SWT.SHIFT) != 0 ? 10 : 1;
        switch (e.keyCode) {
            case SWT.ARROW_RIGHT -> showFrame(current + step);
            case SWT.ARROW_LEFT -> showFrame(current - step);
            case SWT.HOME -> showFrame(0);
            case SWT.END -> showFrame(sequence.length() - 1);
            default -> {
                return;
            }
        }
        e.doit = false;
    }

    private void startScoring() {
        if (sequence.groundTruth().size() < 3) {
            chart.getTitle().setText("No ground truth to score against");
            chart.getTitle().setVisible(true);
            return;
        }
        List<CompareSide> toScore = new ArrayList<>();
        for (CompareSide s : List.of(left, right)) {
            if (!s.groundTruth()) {
                toScore.add(s);
            }
        }
        var display = getDisplay();
        Job job = new Job("Scoring " + sequence.name() + " per frame") {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                List<double[]> results = new ArrayList<>();
                try {
                    for (CompareSide s : toScore) {
                        results.add(DatasetEvaluator.perFrameJAndF(sequence, s.maskFile(),
                                new EclipseProgressMonitor(monitor)));
                    }
                } catch (IOException | RuntimeException e) {
                    return Status.error("Scoring " + sequence.name() + " failed: " + e.getMessage(), e);
                }
                display.asyncExec(() -> {
                    if (!isDisposed()) {
                        showScores(toScore, results);
                    }
                });
                return Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == SCORING_FAMILY;
            }
        };
        job.setSystem(false);
        job.schedule();
    }

    private void showScores(List<CompareSide> sides, List<double[]> results) {
        scores.clear();
        scores.addAll(results);
        scoredSides.clear();
        scoredSides.addAll(sides);
        int[] colors = {0xE53935, 0x1E88E5};
        for (int s = 0; s < results.size(); s++) {
            double[] v = results.get(s);
            int[] idx = IntStream.range(0, v.length).filter(i -> !Double.isNaN(v[i])).toArray();
            ILineSeries<?> line = (ILineSeries<?>) chart.getSeriesSet().createSeries(SeriesType.LINE,
                    sides.get(s).label());
            line.setXSeries(IntStream.of(idx).mapToDouble(i -> i + 1).toArray());
            line.setYSeries(IntStream.of(idx).mapToDouble(i -> v[i]).toArray());
            int c = colors[s % colors.length];
            line.setLineColor(new Color(c >> 16 & 0xFF, c >> 8 & 0xFF, c & 0xFF));
            line.setSymbolColor(new Color(c >> 16 & 0xFF, c >> 8 & 0xFF, c & 0xFF));
            line.setSymbolSize(3);
        }
        chart.getAxisSet().adjustRange();
        chart.getAxisSet().getYAxis(0).setRange(new Range(0, 1));
        chart.getAxisSet().getXAxis(0).setRange(new Range(1, sequence.length()));
        chart.redraw();
        worst = results.isEmpty() ? new int[0] : DatasetEvaluator.worstFirst(results.get(0));
        worstCursor = 0;
        worstButton.setEnabled(worst.length > 0);
        showFrame(current);
    }
}
