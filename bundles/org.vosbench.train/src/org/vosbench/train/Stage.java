package org.vosbench.train;

import java.util.List;
import java.util.Locale;

/**
 * The official STCN training stages ({@code util/hyper_para.py}, {@code train.py}) and the
 * fine-tuning of a project's reviewed sequences: the one place for a stage's command-line id, the
 * data it trains on ({@link Data}) and its schedule: learning rate, batch size, iterations, the
 * {@code MultiStepLR} milestones (gamma 0.1), whether the network is trained on one object, and
 * the fractions of training at which the max-skip curriculum moves to its next value.
 * <p>
 * The official README's progression: 0 then 1 then 2 ({@code retrain_s012}, 300K main training
 * after BL30K), or 0 then 3 ({@code retrain_s03}, 150K main training without BL30K).
 */
public enum Stage {

    /** Static images (single object): lr 1e-5, batch 8, 300K iterations, decay at 150K. */
    STATIC("0", Data.STATIC_IMAGES, 1e-5, 8, 300_000, List.of(150_000), true, null),
    /** BL30K pretraining: lr 1e-5, batch 4, 500K iterations, decay at 400K; skip fractions of train.py stage 1. */
    BL30K("1", Data.BL30K, 1e-5, 4, 500_000, List.of(400_000), false, new double[] {0.1, 0.2, 0.3, 0.4, 0.8, 1.0}),
    /** Main training after BL30K (DAVIS + YouTube-VOS): 300K iterations, decay at 250K. */
    MAIN_AFTER_BL30K("2", Data.VOS, 1e-5, 4, 300_000, List.of(250_000), false,
            new double[] {0.1, 0.2, 0.3, 0.4, 0.9, 1.0}),
    /** Main training after static pretraining, without BL30K (DAVIS + YouTube-VOS): 150K iterations, decay at 125K. */
    MAIN_AFTER_STATIC("3", Data.VOS, 1e-5, 4, 150_000, List.of(125_000), false,
            new double[] {0.1, 0.2, 0.3, 0.4, 0.9, 1.0}),
    /**
     * Fine-tuning on a project's reviewed sequences (not an official stage): the main stages'
     * learning rate, batch size and curriculum over a short run, 1000 iterations, decay at 800.
     */
    FINETUNE("finetune", Data.PROJECT, 1e-5, 4, 1_000, List.of(800), false,
            new double[] {0.1, 0.2, 0.3, 0.4, 0.9, 1.0});

    /** What a stage trains on ({@code train.py}'s choice of datasets and samplers). */
    public enum Data {
        /** Static images turned into three-frame sequences, single object (the official static sampler). */
        STATIC_IMAGES,
        /** BL30K read by the VOS sampler in BL30K's variant. */
        BL30K,
        /** DAVIS (repeated 5 times) and YouTube-VOS read by the VOS sampler; the same data in stages 2 and 3. */
        VOS,
        /** A project's Reviewed and Approved sequences. */
        PROJECT
    }

    /** The values the official curriculum moves through ({@code skip_values}), after starting at {@link #INITIAL_MAX_SKIP}. */
    public static final List<Integer> SKIP_VALUES = List.of(10, 15, 20, 25, 5);
    /** The max skip of the first epochs ({@code renew_loader(5)}). */
    public static final int INITIAL_MAX_SKIP = 5;

    private final String id;
    private final Data data;
    private final double lr;
    private final int batchSize;
    private final int iterations;
    private final List<Integer> steps;
    private final boolean singleObject;
    private final double[] skipFractions;

    Stage(String id, Data data, double lr, int batchSize, int iterations, List<Integer> steps, boolean singleObject,
            double[] skipFractions) {
        this.id = id;
        this.data = data;
        this.lr = lr;
        this.batchSize = batchSize;
        this.iterations = iterations;
        this.steps = steps;
        this.singleObject = singleObject;
        this.skipFractions = skipFractions;
    }

    /** @return the command line's name: 0, 1, 2, 3 or finetune */
    public String id() {
        return id;
    }

    /** @return the data the stage trains on */
    public Data data() {
        return data;
    }

    public double lr() {
        return lr;
    }

    public int batchSize() {
        return batchSize;
    }

    public int iterations() {
        return iterations;
    }

    /** @return the learning-rate milestones */
    public List<Integer> steps() {
        return steps;
    }

    /** @return whether the stage trains the single-object network ({@code single_object}) */
    public boolean singleObject() {
        return singleObject;
    }

    /** @return the curriculum's fractions of training ({@code increase_skip_fraction}), null for static images */
    public double[] skipFractions() {
        return skipFractions == null ? null : skipFractions.clone();
    }

    /** @return whether the official max-skip curriculum applies (every stage but 0) */
    public boolean usesSkipCurriculum() {
        return skipFractions != null;
    }

    /**
     * @param id 0, 1, 2, 3 or finetune
     * @return the stage
     * @throws IllegalArgumentException for any other name
     */
    public static Stage parse(String id) {
        String wanted = id.strip().toLowerCase(Locale.ROOT);
        for (Stage s : values()) {
            if (s.id.equals(wanted)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown stage '" + id + "' (expected 0, 1, 2, 3 or finetune)");
    }
}
