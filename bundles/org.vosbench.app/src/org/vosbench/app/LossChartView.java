package org.vosbench.app;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.part.ViewPart;

/** The Training Loss view: the {@link LossChart} of the running (or last) fine-tuning Job. */
public final class LossChartView extends ViewPart {

    public static final String ID = "org.vosbench.app.lossChart";

    private LossChart chart;

    @Override
    public void createPartControl(Composite parent) {
        chart = new LossChart(parent);
    }

    LossChart chart() {
        return chart;
    }

    @Override
    public void setFocus() {
        chart.setFocus();
    }
}
