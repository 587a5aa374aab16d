package org.vosbench.plugins;

import java.nio.file.Path;
import java.util.List;

/**
 * OSGi service: the plugins added to this installation from outside. A plugin is an OSGi bundle
 * jar kept in one plugin folder ({@link #folder()}); the running framework installs it with the
 * standard OSGi API ({@code BundleContext.installBundle}), so its {@code plugin.xml}
 * contributions reach the extension registry like those of the product's own bundles. Nothing
 * edits the product's {@code bundles.info}: removing the jar from the folder removes the plugin.
 *
 * <p>Every VOS Bench entry point (the command line, the workbench, a Spark executor) calls
 * {@link #synchronize()} once at start, before it reads an extension point.
 */
public interface PluginManager {

    /** Extension points whose contributions are checked, with the interface a class must implement. */
    List<String> POINTS = List.of("org.vosbench.engine.backbones", "org.vosbench.engine.similarities",
            "org.vosbench.dataset.formats", "org.vosbench.interaction.models");

    /** @return the plugin folder ({@code -Dvosbench.plugins}, default {@code ~/.vosbench/plugins}) */
    Path folder();

    /**
     * Installs every jar of the folder that the framework does not have yet, uninstalls those whose
     * jar is gone, resolves and starts them. A plugin that fails is reported, not fatal: the rest
     * of VOS Bench keeps working.
     *
     * @return one line per plugin that does not work, naming the bundle and what is wrong
     */
    List<String> synchronize();

    /** @return the plugins of the folder, each with its contributions and its problem if any */
    List<Plugin> list();

    /**
     * Adds a plugin: a bundle jar, a folder of jars, or a local p2 repository (the bundles its
     * content and artifacts metadata list, plain, {@code .jar} or {@code .xml.xz}, composites
     * followed, each file checked against its size and SHA-256; bundles this installation has
     * already are left out). Each bundle is checked before it is kept: it must resolve against
     * this installation, its contribution ids must not clash with installed ones, and each
     * contributed class must load, implement the extension point's interface and construct.
     * On any problem nothing is added.
     *
     * @param source the jar, folder or repository
     * @return the plugins added
     * @throws PluginException naming the bundle, the contribution and what is wrong
     */
    List<Plugin> add(Path source) throws PluginException;

    /**
     * @param name a plugin's symbolic name or the id of one of its contributions
     * @return the plugin removed
     * @throws PluginException when no plugin has that name
     */
    Plugin remove(String name) throws PluginException;

    /**
     * Writes a minimal, working plugin project outside the repository: a bundle with a manifest
     * importing VOS Bench's API packages with version ranges, its {@code plugin.xml}, one real
     * example implementation, a JUnit 5 test fragment, a README and a Maven (Tycho) build whose
     * target is this installation, so {@code ./mvnw verify} in it leaves
     * {@code target/<id>-<version>.jar}.
     *
     * @param kind {@code backbone}, {@code similarity}, {@code format} or {@code interaction}
     * @param id the contribution id (a Java identifier in lower case, e.g. {@code cosine})
     * @param output the folder to create; must not exist or be empty
     * @return the files written
     * @throws PluginException for an unknown kind, a bad id or a non-empty folder
     */
    List<Path> newProject(String kind, String id, Path output) throws PluginException;
}
