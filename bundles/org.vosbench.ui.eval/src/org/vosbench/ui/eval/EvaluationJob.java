package org.vosbench.ui.eval;

import java.io.IOException;
import java.nio.file.Path;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.vosbench.core.CancelledException;
import org.vosbench.dataset.Dataset;
import org.vosbench.eval.DatasetEvaluator;
import org.vosbench.ui.EclipseProgressMonitor;

/**
 * Scores a results folder against a dataset as an Eclipse Job (progress, cancel), with the one
 * evaluator of {@code org.vosbench.eval} in its lenient mode: sequences whose results are
 * incomplete are skipped and listed, so a partly propagated project can be scored.
 */
public final class EvaluationJob extends Job {

    /** Job family, for tests to join. */
    public static final Object FAMILY = EvaluationJob.class;

    private final Dataset dataset;
    private final Path resultsDir;
    private final String set;
    private final String year;
    private volatile DatasetEvaluator.Outcome outcome;

    public EvaluationJob(String title, Dataset dataset, Path resultsDir, String set, String year) {
        super("Evaluating " + title);
        this.dataset = dataset;
        this.resultsDir = resultsDir;
        this.set = set;
        this.year = year;
        setUser(true);
    }

    /** The scores once the job succeeded, else null. */
    public DatasetEvaluator.Outcome outcome() {
        return outcome;
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == FAMILY;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        long start = System.nanoTime();
        try {
            outcome = DatasetEvaluator.evaluate(dataset, resultsDir, set, year, DatasetEvaluator.Strictness.LENIENT,
                    new EclipseProgressMonitor(monitor));
            return Status.info(String.format("Evaluated %d sequences in %.1f s", outcome.result().sequences().size(),
                    (System.nanoTime() - start) / 1e9));
        } catch (CancelledException e) {
            return Status.CANCEL_STATUS;
        } catch (IOException | RuntimeException e) {
            return Status.error("Evaluation of " + resultsDir + " failed: " + e.getMessage(), e);
        }
    }
}
