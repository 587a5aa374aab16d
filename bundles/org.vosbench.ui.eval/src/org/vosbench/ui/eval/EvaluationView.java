package org.vosbench.ui.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.part.ViewPart;
import org.vosbench.dataset.Dataset;
import org.vosbench.eval.DatasetEvaluator;

/**
 * The evaluation view: runs an evaluation as a Job and shows it in an {@link EvaluationPanel}; its tool
 * bar exports the toolkit's CSV files.
 */
public final class EvaluationView extends ViewPart {

    public static final String ID = "org.vosbench.ui.eval.evaluation";

    private EvaluationPanel panel;
    private Action exportAction;

    @Override
    public void createPartControl(Composite parent) {
        panel = new EvaluationPanel(parent, SWT.NONE);
        exportAction = new Action("Export CSV…") {
            @Override
            public void run() {
                exportCsv();
            }
        };
        exportAction.setToolTipText("Write global_results-<set>.csv and per-sequence_results-<set>.csv");
        exportAction.setEnabled(false);
        getViewSite().getActionBars().getToolBarManager().add(exportAction);
        getViewSite().getActionBars().updateActionBars();
    }

    public EvaluationPanel panel() {
        return panel;
    }

    /**
     * Evaluates {@code resultsDir} against {@code dataset} in a Job, then shows it; {@code onDone} gets
     * the outcome on the UI thread (the app records the evaluation in the project).
     */
    public EvaluationJob evaluate(String title, Dataset dataset, Path resultsDir, String set, String year,
            Consumer<DatasetEvaluator.Outcome> onDone) {
        EvaluationJob job = new EvaluationJob(title, dataset, resultsDir, set, year);
        Display display = panel.getDisplay();
        panel.summary().setText("Evaluating " + title + "…");
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                display.asyncExec(() -> {
                    if (panel.isDisposed()) {
                        return;
                    }
                    DatasetEvaluator.Outcome outcome = job.outcome();
                    if (outcome == null) {
                        panel.summary().setText(event.getResult().getMessage());
                        return;
                    }
                    panel.setResult(title, outcome.result(), outcome.skipped());
                    exportAction.setEnabled(true);
                    onDone.accept(outcome);
                });
            }
        });
        job.schedule();
        return job;
    }

    private void exportCsv() {
        DirectoryDialog dialog = new DirectoryDialog(getSite().getShell());
        dialog.setText("Export the evaluation's CSV files to");
        String dir = dialog.open();
        if (dir == null) {
            return;
        }
        try {
            java.util.List<Path> written = panel.exportCsv(Path.of(dir));
            MessageDialog.openInformation(getSite().getShell(), "CSV exported", "Wrote\n"
                    + String.join("\n", written.stream().map(Path::toString).toList()));
        } catch (IOException | RuntimeException e) {
            MessageDialog.openError(getSite().getShell(), "Export failed", e.getMessage());
        }
    }

    @Override
    public void setFocus() {
        panel.setFocus();
    }
}
