package org.vosbench.app;

import java.util.Locale;

import org.eclipse.jface.action.ContributionItem;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.vosbench.core.ProcessMemory;

/**
 * The status line's process memory, beside the platform's heap gauge (which shows the Java heap only):
 * the resident set of the whole process, libtorch's native tensors and allocator caches included, and its
 * peak, as Cutie's GUI shows its memory use. Refreshed every two seconds.
 */
final class ProcessMemoryGauge extends ContributionItem {

    static final String ID = "org.vosbench.app.processMemory";
    private static final int REFRESH_MS = 2000;

    private Label label;

    ProcessMemoryGauge() {
        super(ID);
    }

    @Override
    public void fill(Composite parent) {
        Composite box = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(1, false);
        layout.marginHeight = 0;
        layout.marginWidth = 4;
        box.setLayout(layout);
        label = new Label(box, SWT.NONE);
        label.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, true));
        label.setToolTipText("Memory of the whole process (resident set: Java heap, libtorch's native tensors and"
                + " allocator caches, images), now and its peak. The gauge beside it shows the Java heap only.");
        label.setText(text(1L << 40, 1L << 40)); // sized for the widest figure
        refresh();
    }

    private void refresh() {
        if (label == null || label.isDisposed()) {
            return;
        }
        label.setText(text(ProcessMemory.residentBytes(), ProcessMemory.peakResidentBytes()));
        label.getDisplay().timerExec(REFRESH_MS, this::refresh);
    }

    /** @return e.g. {@code "Process 1.4 GiB (peak 2.0 GiB)"}, or a note where the system does not say */
    static String text(long resident, long peak) {
        if (resident <= 0) {
            return "Process memory: n/a";
        }
        return "Process " + size(resident) + " (peak " + size(peak) + ")";
    }

    private static String size(long bytes) {
        double gib = bytes / (double) (1L << 30);
        return gib >= 1 ? String.format(Locale.ROOT, "%.1f GiB", gib)
                : String.format(Locale.ROOT, "%.0f MiB", bytes / (double) (1L << 20));
    }

    /** @return what the gauge shows now (tests), or null before it is shown */
    String text() {
        return label == null || label.isDisposed() ? null : label.getText();
    }
}
