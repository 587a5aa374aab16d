package org.vosbench.plugins;

import java.nio.file.Path;
import java.util.List;

/**
 * A bundle added from outside the installation.
 *
 * @param symbolicName the bundle's symbolic name
 * @param version the bundle's version
 * @param file the jar in the plugin folder
 * @param contributions what it contributes to VOS Bench's extension points
 * @param problem why it does not work (unresolved import, bad contribution), or empty when it does
 */
public record Plugin(String symbolicName, String version, Path file, List<Contribution> contributions,
        String problem) {

    /** Validates and copies. */
    public Plugin {
        contributions = List.copyOf(contributions);
        problem = problem == null ? "" : problem;
    }

    /** @return whether the plugin resolved and every contribution is usable */
    public boolean ok() {
        return problem.isEmpty();
    }

    /**
     * One contribution of a bundle to an extension point.
     *
     * @param point the extension point id ({@code org.vosbench.engine.similarities}, ...)
     * @param kind the element name ({@code similarity}, {@code backbone}, {@code format}, ...)
     * @param id the contribution's id ({@code cosine})
     * @param className the implementing class
     */
    public record Contribution(String point, String kind, String id, String className) {
    }
}
