package org.vosbench.engine;

import java.util.List;

/**
 * OSGi service reading the extension points {@code org.vosbench.engine.backbones} and
 * {@code org.vosbench.engine.similarities}. Classes are created on demand, never cached in
 * static fields.
 */
public interface EngineRegistry {

    /** Id of the default similarity. */
    String DEFAULT_SIMILARITY = "l2";

    /** Id of the reference backbone. */
    String STCN_BACKBONE = "stcn";

    /** @return the contributed backbones, sorted by id */
    List<ContributionInfo> backbones();

    /** @return the contributed similarities, sorted by id */
    List<ContributionInfo> similarities();

    /**
     * @param id a backbone id
     * @return a new provider instance
     * @throws EngineException when no backbone has that id (the message lists the known ones)
     *         or its class cannot be created
     */
    BackboneProvider backbone(String id);

    /**
     * @param id a similarity id
     * @return a new similarity instance
     * @throws EngineException when no similarity has that id (the message lists the known
     *         ones) or its class cannot be created
     */
    Similarity similarity(String id);
}
