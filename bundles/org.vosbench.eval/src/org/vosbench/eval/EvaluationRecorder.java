package org.vosbench.eval;

import java.nio.file.Path;

import org.vosbench.model.Dataset;
import org.vosbench.model.Evaluation;
import org.vosbench.model.Run;
import org.vosbench.model.VosBenchFactory;
import org.vosbench.model.store.ProjectStore;

/**
 * The one way an evaluation is recorded in a project, used by {@code vosbench evaluate --project} and by
 * the workbench's evaluation view: what was scored against what, the global means, and each sequence's
 * and object's J and F (Mean, Recall, Decay, as the toolkit's CSV files).
 */
public final class EvaluationRecorder {

    /**
     * What was evaluated.
     *
     * @param name the evaluation's name
     * @param run the run whose output was scored, or null
     * @param dataset the project's dataset scored against, or null (then the one whose root is {@code truth})
     * @param results the results folder (DAVIS layout)
     * @param truth the ground truth's root folder, or null
     * @param output where the CSV files were written, or null
     * @param seconds how long the evaluation took
     */
    public record Details(String name, Run run, Dataset dataset, Path results, Path truth, Path output,
            double seconds) {
    }

    private EvaluationRecorder() {
    }

    /**
     * Adds an evaluation to the project (the caller saves it).
     *
     * @return the evaluation, added to the store
     */
    public static Evaluation record(ProjectStore store, Details details, EvaluationResult result) {
        Evaluation e = VosBenchFactory.eINSTANCE.createEvaluation();
        e.setName(details.name());
        e.setRun(details.run());
        e.setResultsPath(store.toStoredPath(details.results().toAbsolutePath()));
        Dataset dataset = details.dataset();
        if (details.truth() != null) {
            e.setDavisRoot(store.toStoredPath(details.truth().toAbsolutePath()));
            if (dataset == null) {
                dataset = store.findDatasetByRoot(details.truth().toAbsolutePath()).orElse(null);
            }
        }
        e.setDataset(dataset);
        if (details.output() != null) {
            e.setOutputPath(store.toStoredPath(details.output().toAbsolutePath()));
        }
        e.setSet(result.set());
        e.setYear(result.year());
        e.setElapsedSeconds(details.seconds());
        if (!result.sequences().isEmpty()) {
            GlobalResult g = result.global();
            e.setJAndF(g.jAndFMean());
            e.setJMean(g.jMean());
            e.setJRecall(g.jRecall());
            e.setJDecay(g.jDecay());
            e.setFMean(g.fMean());
            e.setFRecall(g.fRecall());
            e.setFDecay(g.fDecay());
        }
        for (SequenceResult seq : result.sequences()) {
            org.vosbench.model.SequenceResult sr = VosBenchFactory.eINSTANCE.createSequenceResult();
            sr.setSequenceName(seq.name());
            for (ObjectResult o : seq.objects()) {
                org.vosbench.model.ObjectResult or = VosBenchFactory.eINSTANCE.createObjectResult();
                or.setObjectId(o.objectId());
                or.setJMean(o.j().mean());
                or.setJRecall(o.j().recall());
                or.setJDecay(o.j().decay());
                or.setFMean(o.f().mean());
                or.setFRecall(o.f().recall());
                or.setFDecay(o.f().decay());
                sr.getObjectResults().add(or);
            }
            e.getSequenceResults().add(sr);
        }
        return store.addEvaluation(e);
    }
}
