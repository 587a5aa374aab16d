package org.vosbench.interaction;

import java.util.Set;

/**
 * What the registry knows of one contributed model, without loading its class.
 *
 * @param id unique id ({@code s2m}, {@code grabcut}, ...)
 * @param name human-readable name
 * @param requiresWeights whether a weights file must be given
 * @param accepts the inputs it takes
 * @param contributor symbolic name of the contributing bundle
 * @param description one line for the user, may be empty
 */
public record InteractionModelInfo(String id, String name, boolean requiresWeights, Set<InputKind> accepts,
        String contributor, String description) {

    /** Copies the set. */
    public InteractionModelInfo {
        accepts = Set.copyOf(accepts);
    }
}
