package org.vosbench.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;
import org.osgi.service.prefs.BackingStoreException;
import org.vosbench.core.CancelledException;
import org.vosbench.dataset.DatasetFormatRegistry;
import org.vosbench.engine.EngineDevice;
import org.vosbench.engine.NdRuntime;
import org.vosbench.engine.Precision;
import org.vosbench.train.Stage;
import org.vosbench.train.Trainer;
import org.vosbench.train.TrainingListener;
import org.vosbench.train.TrainingOptions;
import org.vosbench.train.data.SampleSource;
import org.vosbench.train.data.TrainingData;
import org.vosbench.ui.EclipseProgressMonitor;
import org.vosbench.ui.editor.EnginePreferences;

/**
 * Fine-tune on Reviewed Sequences as a cancellable Job: the same {@link Trainer} and
 * {@link TrainingData#project} as {@code vosbench train --stage finetune --project}, with every
 * iteration handed to the UI thread (the loss chart) and the run's result (finished, or cancelled
 * after at least one iteration: the Trainer then wrote its checkpoint) handed over at the end.
 */
final class FineTuneJob {

    /** Family of the jobs started here (for joining them in tests). */
    static final Object FAMILY = FineTuneJob.class;

    /** What the dialog chose: the CLI's --iterations, --batch-size, --size, --output, --weights. */
    record Settings(Path project, int iterations, int batchSize, int size, Path output, Path weights) {
    }

    /** The trained weights (finished, or cancelled after {@code completed} iterations). */
    record Outcome(Path weights, int completed, boolean cancelled, double lastLoss) {
    }

    private FineTuneJob() {
    }

    static Job create(Settings s, DatasetFormatRegistry registry, NdRuntime runtime, Display display,
            Consumer<TrainingListener.Iteration> onIteration, Consumer<Outcome> onDone) {
        Job job = new Job("Fine-tune STCN on the reviewed sequences of " + s.project().getFileName()) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                int[] completed = {0};
                double[] last = {Double.NaN};
                try {
                    SampleSource source = TrainingData.project(registry, s.project(), s.size());
                    Stage stage = Stage.FINETUNE;
                    TrainingOptions options = new TrainingOptions(stage, s.iterations(), s.batchSize(), stage.lr(),
                            stage.steps(), 0.1, EngineDevice.Kind.CPU, Precision.parse("fp32"), false, 0,
                            TrainingOptions.OFFICIAL_SEED, Math.max(1, Math.min(1000, s.iterations())), s.output(),
                            s.weights(), null);
                    Trainer.Result r = new Trainer(runtime).train(options, source, new TrainingListener() {
                        @Override
                        public void iteration(Iteration i) {
                            completed[0] = i.it() + 1;
                            last[0] = i.totalLoss();
                            monitor.subTask(String.format(Locale.ROOT, "iteration %d/%d, loss %.5f, %.2f it/s",
                                    i.it() + 1, i.iterations(), i.totalLoss(), i.iterationsPerSecond()));
                            display.asyncExec(() -> onIteration.accept(i));
                        }
                    }, new EclipseProgressMonitor(monitor));
                    Outcome o = new Outcome(r.weights(), r.completed(), false, r.lastLoss());
                    display.asyncExec(() -> onDone.accept(o));
                    return Status.info(String.format(Locale.ROOT, "Fine-tuned %d iterations (last loss %.5f): %s",
                            r.completed(), r.lastLoss(), r.weights()));
                } catch (CancelledException e) {
                    Path w = s.output().resolve(Trainer.WEIGHTS);
                    if (completed[0] > 0 && Files.isRegularFile(w)) {
                        Outcome o = new Outcome(w, completed[0], true, last[0]);
                        display.asyncExec(() -> onDone.accept(o));
                    }
                    return Status.CANCEL_STATUS;
                } catch (Exception e) {
                    return Status.error("Fine-tuning failed: " + e.getMessage(), e);
                }
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == FAMILY;
            }
        };
        job.setUser(true);
        return job;
    }

    /** "Use these weights for the next propagation": the engine preference's STCN weights file. */
    static void useForPropagation(Path weights) throws BackingStoreException {
        var node = EnginePreferences.node();
        node.put(EnginePreferences.WEIGHTS, weights.toAbsolutePath().toString());
        node.flush();
    }
}
