package org.vosbench.train.data;

import java.util.Locale;

/**
 * The official training stages as far as data goes ({@code train.py}, {@code util/hyper_para.py}):
 * which sampler reads a dataset and how datasets are mixed.
 */
public enum Stage {
    /** 0: static images turned into three-frame sequences, single object. */
    STATIC("0"),
    /** 1: BL30K. */
    BL30K("1"),
    /** 2: DAVIS and YouTube-VOS (300K iterations, no BL30K before). */
    MAIN("2"),
    /** 3: DAVIS and YouTube-VOS after BL30K (150K iterations). */
    MAIN_AFTER_BL30K("3"),
    /** A project's reviewed sequences. */
    FINETUNE("finetune");

    private final String id;

    Stage(String id) {
        this.id = id;
    }

    /** @return the command line's name: 0, 1, 2, 3 or finetune */
    public String id() {
        return id;
    }

    /** @return whether the samples carry one object only (the official {@code single_object}) */
    public boolean singleObject() {
        return this == STATIC;
    }

    /** @return whether the official max-skip curriculum applies (every stage but 0) */
    public boolean usesSkipCurriculum() {
        return this != STATIC;
    }

    /** @throws IllegalArgumentException naming the value and the choices */
    public static Stage parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (Stage s : values()) {
            if (s.id.equals(t)) {
                return s;
            }
        }
        throw new IllegalArgumentException("stage '" + text + "': one of 0, 1, 2, 3, finetune");
    }
}
