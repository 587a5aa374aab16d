package org.vosbench.engine;

/**
 * What the registry knows of one contribution, without loading its class.
 *
 * @param id unique id ({@code stcn}, {@code l2}, ...)
 * @param name human-readable name
 * @param requiresWeights for backbones: whether a weights file must be given
 * @param contributor symbolic name of the contributing bundle
 * @param description one line for the user, may be empty
 */
public record ContributionInfo(String id, String name, boolean requiresWeights, String contributor,
        String description) {
}
