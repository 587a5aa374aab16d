package org.vosbench.cli.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.vosbench.core.ProgressMonitor;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress monitor drawn as a terminal progress bar (on standard error) with items per
 * second, and cancelled by Ctrl+C through {@link Cancellation}.
 */
final class CliProgress implements ProgressMonitor {

    private final String unit;
    private final boolean quiet;
    private final PrintStream stream;
    private final boolean eta;
    private ProgressBar bar;

    CliProgress(String unit, boolean quiet) {
        this(unit, quiet, false);
    }

    /** @param eta show the estimated time left (long jobs with a known total, e.g. training) */
    CliProgress(String unit, boolean quiet, boolean eta) {
        this.unit = unit;
        this.quiet = quiet;
        this.eta = eta;
        this.stream = System.err;
    }

    @Override
    public void begin(String task, int totalWork) {
        close();
        if (quiet) {
            return;
        }
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(task).setInitialMax(Math.max(totalWork, 0))
                .setUnit(" " + unit, 1).showSpeed(new java.text.DecimalFormat("0.00")).setSpeedUnit(ChronoUnit.SECONDS)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                .setMaxRenderedLength(eta ? 140 : 100).setConsumer(new ConsoleProgressBarConsumer(stream));
        bar = (eta ? builder : builder.hideEta()).build();
    }

    @Override
    public void worked(int work) {
        if (bar != null) {
            bar.stepBy(work);
        }
    }

    @Override
    public void subTask(String name) {
        if (bar != null) {
            bar.setExtraMessage(" " + name); // the renderer puts it right after the speed, without a space
        }
    }

    @Override
    public boolean isCanceled() {
        return Cancellation.requested();
    }

    @Override
    public void done() {
        close();
    }

    private void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.2f s", d.toNanos() / 1e9);
    }
}
