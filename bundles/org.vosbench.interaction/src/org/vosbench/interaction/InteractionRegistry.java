package org.vosbench.interaction;

import java.util.List;
import java.util.Optional;

/**
 * OSGi service reading the extension point {@code org.vosbench.interaction.models}. Classes are
 * created on demand, never cached in static fields.
 */
public interface InteractionRegistry {

    /** Id of the training-free default model. */
    String DEFAULT_MODEL = "grabcut";

    /** Id of MiVOS's scribble-to-mask network. */
    String S2M_MODEL = "s2m";

    /** @return the contributed models, sorted by id */
    List<InteractionModelInfo> models();

    /**
     * @param id a model id
     * @return what the registry knows of it, or empty
     */
    default Optional<InteractionModelInfo> model(String id) {
        return models().stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /**
     * @param id a model id
     * @return a new provider instance
     * @throws org.vosbench.engine.EngineException when no model has that id (the message lists
     *         the known ones) or its class cannot be created
     */
    InteractionModelProvider provider(String id);
}
