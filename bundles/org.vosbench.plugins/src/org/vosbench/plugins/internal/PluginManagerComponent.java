package org.vosbench.plugins.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.eclipse.core.runtime.ContributorFactoryOSGi;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IContributor;
import org.eclipse.core.runtime.IExtension;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vosbench.plugins.Plugin;
import org.vosbench.plugins.Plugin.Contribution;
import org.vosbench.plugins.PluginException;
import org.vosbench.plugins.PluginManager;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Keeps the framework's plugin bundles equal to the jars of the plugin folder, with the standard
 * OSGi API: {@code installBundle} / {@code uninstallBundle}, then {@link FrameworkWiring} to resolve
 * and refresh. A plugin bundle is recognised by its location, {@value #LOCATION_PREFIX} followed by
 * the jar's URI; Equinox keeps its own copy of the content, so the jar may be replaced or deleted
 * while VOS Bench runs.
 */
@Component(service = PluginManager.class)
public final class PluginManagerComponent implements PluginManager {

    /** Location prefix of the bundles this service installs. */
    static final String LOCATION_PREFIX = "vosbench-plugin:";

    /** The interface a contribution's {@code class} must implement, per extension point. */
    static final Map<String, String> INTERFACES = Map.of(
            "org.vosbench.engine.backbones", "org.vosbench.engine.BackboneProvider",
            "org.vosbench.engine.similarities", "org.vosbench.engine.Similarity",
            "org.vosbench.dataset.formats", "org.vosbench.dataset.DatasetFormat",
            "org.vosbench.interaction.models", "org.vosbench.interaction.InteractionModelProvider");

    private final BundleContext context;
    private final IExtensionRegistry registry;

    /**
     * @param context this bundle's context (installs into the same framework)
     * @param registry the extension registry the contributions reach
     */
    @Activate
    public PluginManagerComponent(BundleContext context, @Reference IExtensionRegistry registry) {
        this.context = context;
        this.registry = registry;
    }

    @Override
    public Path folder() {
        String configured = System.getProperty("vosbench.plugins");
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured).toAbsolutePath().normalize();
        }
        return Paths.get(System.getProperty("user.home"), ".vosbench", "plugins");
    }

    @Override
    public synchronized List<String> synchronize() {
        List<Path> jars = jars(folder());
        Map<Path, Bundle> installed = managedBundles();
        List<Bundle> removed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<Path, Bundle> e : installed.entrySet()) {
            if (!jars.contains(e.getKey())) {
                try {
                    e.getValue().uninstall();
                    removed.add(e.getValue());
                } catch (BundleException ex) {
                    problems.add("plugin " + e.getValue().getSymbolicName() + ": cannot uninstall: " + ex.getMessage());
                }
            }
        }
        List<Bundle> added = new ArrayList<>();
        for (Path jar : jars) {
            Bundle bundle = installed.get(jar);
            try {
                if (bundle == null) {
                    added.add(install(jar, jar));
                } else if (Files.getLastModifiedTime(jar).toMillis() > bundle.getLastModified()) {
                    try (InputStream in = Files.newInputStream(jar)) {
                        bundle.update(in);
                    }
                    removed.add(bundle);
                    added.add(bundle);
                }
            } catch (IOException | BundleException | RuntimeException ex) {
                problems.add("plugin " + jar.getFileName() + ": cannot install: " + ex.getMessage());
            }
        }
        if (!removed.isEmpty()) {
            refresh(removed);
        }
        // every plugin bundle, also those the framework restored from its last run: a bundle that
        // did not resolve then may resolve now (another plugin it needs was added)
        resolveAndStart(new ArrayList<>(managedBundles().values()));
        for (Bundle bundle : managedBundles().values()) {
            String problem = problem(bundle);
            if (!problem.isEmpty()) {
                problems.add("plugin " + bundle.getSymbolicName() + " " + bundle.getVersion() + " ("
                        + bundle.getLocation().substring(LOCATION_PREFIX.length()) + "): " + problem);
            }
        }
        return List.copyOf(problems);
    }

    @Override
    public synchronized List<Plugin> list() {
        List<Plugin> result = new ArrayList<>();
        Map<Path, Bundle> installed = managedBundles();
        for (Path jar : jars(folder())) {
            Bundle bundle = installed.get(jar);
            if (bundle == null) {
                Manifest mf = manifestOrNull(jar);
                String name = mf == null ? jar.getFileName().toString() : symbolicName(mf);
                result.add(new Plugin(name == null ? jar.getFileName().toString() : name,
                        mf == null ? "" : String.valueOf(mf.getMainAttributes().getValue("Bundle-Version")), jar,
                        List.of(), "not installed in the running framework (run any vosbench command to synchronise)"));
            } else {
                result.add(plugin(bundle, jar));
            }
        }
        result.sort(Comparator.comparing(Plugin::symbolicName));
        return result;
    }

    @Override
    public synchronized List<Plugin> add(Path source) throws PluginException {
        List<Path> candidates = Files.isDirectory(source) && P2Repository.isRepository(source) ? fromRepository(source)
                : candidates(source);
        Path folder = folder();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new PluginException("Cannot create the plugin folder " + folder + ": " + e.getMessage(), e);
        }
        List<Plugin> result = new ArrayList<>();
        for (Path jar : candidates) {
            result.add(addOne(jar, folder));
        }
        return result;
    }

    private Plugin addOne(Path jar, Path folder) throws PluginException {
        Manifest mf = manifestOrNull(jar);
        String name = mf == null ? null : symbolicName(mf);
        if (name == null) {
            throw new PluginException(jar + " is not an OSGi bundle: it has no META-INF/MANIFEST.MF with a "
                    + "Bundle-SymbolicName");
        }
        String version = String.valueOf(mf.getMainAttributes().getValue("Bundle-Version"));
        Bundle previous = null;
        for (Bundle b : context.getBundles()) {
            if (name.equals(b.getSymbolicName())) {
                if (!b.getLocation().startsWith(LOCATION_PREFIX)) {
                    throw new PluginException("Bundle " + name + " (" + jar + ") is already part of this VOS Bench "
                            + "installation; a plugin needs a symbolic name of its own");
                }
                previous = b;
            }
        }
        Path target = folder.resolve(name + "_" + version + ".jar");
        Path previousFile = previous == null ? null : fileOf(previous);
        if (previous != null) {
            uninstallQuietly(previous);
            refresh(List.of(previous));
        }
        Bundle bundle;
        try {
            bundle = install(jar, target);
        } catch (IOException | BundleException e) {
            restore(previousFile);
            throw new PluginException("Cannot install " + jar + " (bundle " + name + "): " + e.getMessage(), e);
        }
        resolveAndStart(List.of(bundle));
        String problem = problem(bundle);
        if (!problem.isEmpty()) {
            uninstallQuietly(bundle);
            refresh(List.of(bundle));
            restore(previousFile);
            throw new PluginException("Plugin " + name + " " + version + " (" + jar + ") was not added: " + problem);
        }
        try {
            Path temp = Files.createTempFile(folder, "." + name, ".jar.tmp");
            Files.copy(jar, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            if (previousFile != null && !previousFile.equals(target)) {
                Files.deleteIfExists(previousFile);
            }
        } catch (IOException e) {
            uninstallQuietly(bundle);
            refresh(List.of(bundle));
            restore(previousFile);
            throw new PluginException("Cannot copy " + jar + " into the plugin folder " + folder + ": " + e.getMessage(), e);
        }
        return plugin(bundle, target);
    }

    /** Puts a replaced plugin back when its replacement failed. */
    private void restore(Path previousFile) {
        if (previousFile != null && Files.isRegularFile(previousFile)) {
            try {
                Bundle b = install(previousFile, previousFile);
                resolveAndStart(List.of(b));
            } catch (IOException | BundleException e) {
                // the file stays in the folder: the next start installs it again
            }
        }
    }

    @Override
    public synchronized Plugin remove(String name) throws PluginException {
        for (Map.Entry<Path, Bundle> e : managedBundles().entrySet()) {
            Plugin plugin = plugin(e.getValue(), e.getKey());
            boolean matches = name.equals(plugin.symbolicName())
                    || plugin.contributions().stream().anyMatch(c -> name.equals(c.id()));
            if (matches) {
                uninstallQuietly(e.getValue());
                refresh(List.of(e.getValue()));
                try {
                    Files.deleteIfExists(e.getKey());
                } catch (IOException ex) {
                    throw new PluginException("Plugin " + plugin.symbolicName() + " was uninstalled but its jar "
                            + e.getKey() + " cannot be deleted: " + ex.getMessage(), ex);
                }
                return plugin;
            }
        }
        // a jar in the folder that this framework never installed (e.g. it failed to resolve)
        for (Path jar : jars(folder())) {
            Manifest mf = manifestOrNull(jar);
            if (mf != null && name.equals(symbolicName(mf))) {
                try {
                    Files.delete(jar);
                } catch (IOException ex) {
                    throw new PluginException("Cannot delete " + jar + ": " + ex.getMessage(), ex);
                }
                return new Plugin(name, String.valueOf(mf.getMainAttributes().getValue("Bundle-Version")), jar,
                        List.of(), "");
            }
        }
        String known = String.join(", ", list().stream().map(Plugin::symbolicName).toList());
        throw new PluginException("No plugin named '" + name + "' in " + folder() + "; installed: "
                + (known.isEmpty() ? "none" : known));
    }

    @Override
    public List<Path> newProject(String kind, String id, Path output) throws PluginException {
        return new PluginTemplates(context.getBundle(), productPlugins()).write(kind, id, output);
    }

    /** @return the plugins folder of the installation this framework runs (the generated build's target) */
    private static Path productPlugins() throws PluginException {
        String area = System.getProperty("osgi.install.area");
        if (area != null) {
            try {
                Path plugins = Paths.get(URI.create(area.replace(" ", "%20"))).resolve("plugins");
                try (DirectoryStream<Path> s = Files.newDirectoryStream(plugins, "org.vosbench.engine_*.jar")) {
                    if (s.iterator().hasNext()) {
                        return plugins;
                    }
                }
            } catch (IOException | IllegalArgumentException e) {
                // fall through to the message below
            }
        }
        throw new PluginException("No VOS Bench installation to build against: the running framework's install "
                + "area (" + area + ") has no plugins/org.vosbench.engine_*.jar; run this from the product (./vosbench)");
    }

    // ---------------------------------------------------------------------------------------

    private Bundle install(Path jar, Path recordedAs) throws IOException, BundleException {
        try (InputStream in = Files.newInputStream(jar)) {
            return context.installBundle(LOCATION_PREFIX + recordedAs.toAbsolutePath().normalize().toUri(), in);
        }
    }

    private void resolveAndStart(List<Bundle> bundles) {
        if (bundles.isEmpty()) {
            return;
        }
        wiring().resolveBundles(bundles);
        for (Bundle b : bundles) {
            if ((b.getState() & (Bundle.RESOLVED | Bundle.STARTING)) != 0 && !isFragment(b)) {
                try {
                    b.start(Bundle.START_ACTIVATION_POLICY);
                } catch (BundleException | RuntimeException e) {
                    // reported by problem()
                }
            }
        }
    }

    /** Refreshes (re-wires) after uninstalls or updates and waits until the framework is done. */
    private void refresh(List<Bundle> bundles) {
        CountDownLatch done = new CountDownLatch(1);
        FrameworkListener listener = event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED || event.getType() == FrameworkEvent.ERROR) {
                done.countDown();
            }
        };
        wiring().refreshBundles(bundles, listener);
        try {
            done.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private FrameworkWiring wiring() {
        return context.getBundle(Constants.SYSTEM_BUNDLE_ID).adapt(FrameworkWiring.class);
    }

    private static void uninstallQuietly(Bundle b) {
        try {
            b.uninstall();
        } catch (BundleException | IllegalStateException e) {
            // already gone
        }
    }

    private static boolean isFragment(Bundle b) {
        return b.getHeaders("").get("Fragment-Host") != null;
    }

    /** @return what is wrong with an installed plugin bundle, or "" */
    String problem(Bundle bundle) {
        if (bundle.getState() == Bundle.INSTALLED) {
            if (isFragment(bundle)) {
                return "the fragment does not resolve (its host " + bundle.getHeaders("").get("Fragment-Host")
                        + " or one of its imports is missing)";
            }
            try {
                bundle.start(Bundle.START_TRANSIENT);
                return ""; // resolved now
            } catch (BundleException e) {
                // Equinox's message carries the resolution report: the unresolved requirement itself
                return "its requirements do not resolve against this installation: " + oneLine(e.getMessage());
            }
        }
        List<String> problems = new ArrayList<>();
        List<Contribution> contributions = contributions(bundle);
        if (contributions.isEmpty()) {
            return noContributionProblem(bundle);
        }
        for (Contribution c : contributions) {
            String p = checkContribution(bundle, c);
            if (!p.isEmpty()) {
                problems.add(p);
            }
        }
        return String.join("; ", problems);
    }

    /** A plugin that contributes nothing is a mistake: say why, e.g. where its plugin.xml is not well-formed. */
    private static String noContributionProblem(Bundle bundle) {
        URL xml = bundle.getEntry("plugin.xml");
        if (xml == null) {
            return "it has no plugin.xml, so it contributes nothing to VOS Bench's extension points";
        }
        try (InputStream in = xml.openStream()) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null); // the exception carries the message; no "[Fatal Error]" on stderr
            builder.parse(in);
        } catch (SAXParseException e) {
            return "its plugin.xml is not well-formed XML (line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + e.getMessage() + "), so it contributes nothing";
        } catch (IOException | SAXException | ParserConfigurationException e) {
            return "its plugin.xml cannot be read: " + e.getMessage();
        }
        return "its plugin.xml contributes nothing to VOS Bench's extension points (" + String.join(", ", POINTS) + ")";
    }

    private String checkContribution(Bundle bundle, Contribution c) {
        String what = c.kind() + " '" + c.id() + "' (" + c.className() + ")";
        for (IConfigurationElement other : registry.getConfigurationElementsFor(c.point())) {
            if (c.id().equals(other.getAttribute("id")) && c.kind().equals(other.getName())
                    && !other.getContributor().getName().equals(bundle.getSymbolicName())) {
                return what + ": the id '" + c.id() + "' is already contributed by bundle "
                        + other.getContributor().getName();
            }
        }
        String api = INTERFACES.get(c.point());
        if (c.className() == null || api == null) {
            return "";
        }
        Class<?> type;
        try {
            type = bundle.loadClass(c.className());
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            return what + ": the class cannot be loaded from the bundle: " + e.getMessage();
        }
        Class<?> apiType;
        try {
            apiType = bundle.loadClass(api);
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            return what + ": the bundle does not import " + api.substring(0, api.lastIndexOf('.'))
                    + ", so the class cannot implement " + api;
        }
        if (!apiType.isAssignableFrom(type)) {
            return what + ": the class does not implement " + api;
        }
        try {
            Object instance = type.getConstructor().newInstance();
            if (instance instanceof AutoCloseable closeable) {
                closeable.close();
            }
        } catch (NoSuchMethodException e) {
            return what + ": the class has no public no-argument constructor";
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return what + ": its constructor threw " + cause;
        } catch (Exception | LinkageError e) {
            return what + ": cannot be created: " + e;
        }
        return "";
    }

    /** @return the bundle's contributions to VOS Bench's extension points (elements with an id) */
    List<Contribution> contributions(Bundle bundle) {
        List<Contribution> result = new ArrayList<>();
        if (bundle.getState() == Bundle.INSTALLED || bundle.getState() == Bundle.UNINSTALLED) {
            return result;
        }
        IContributor contributor = ContributorFactoryOSGi.createContributor(bundle);
        for (IExtension extension : registry.getExtensions(contributor)) {
            String point = extension.getExtensionPointUniqueIdentifier();
            if (!point.startsWith("org.vosbench.")) {
                continue;
            }
            for (IConfigurationElement e : extension.getConfigurationElements()) {
                if (e.getAttribute("id") != null) {
                    result.add(new Contribution(point, e.getName(), e.getAttribute("id"), e.getAttribute("class")));
                }
            }
        }
        return result;
    }

    private Plugin plugin(Bundle bundle, Path jar) {
        String problem = problem(bundle); // resolves the bundle if it can: its contributions appear then
        return new Plugin(bundle.getSymbolicName(), bundle.getVersion().toString(), jar, contributions(bundle),
                problem);
    }

    private Map<Path, Bundle> managedBundles() {
        Map<Path, Bundle> result = new LinkedHashMap<>();
        for (Bundle b : context.getBundles()) {
            Path file = fileOf(b);
            if (file != null) {
                result.put(file, b);
            }
        }
        return result;
    }

    private static Path fileOf(Bundle b) {
        String location = b.getLocation();
        if (!location.startsWith(LOCATION_PREFIX)) {
            return null;
        }
        try {
            return Paths.get(URI.create(location.substring(LOCATION_PREFIX.length())));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<Path> jars(Path folder) {
        List<Path> result = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return result;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(folder, "*.jar")) {
            for (Path p : s) {
                result.add(p.toAbsolutePath().normalize());
            }
        } catch (IOException e) {
            return result;
        }
        result.sort(null);
        return result;
    }

    /** @return the bundle jars a source names: a jar, a folder of jars, or a p2 repository's plugins */
    /**
     * The bundles a p2 repository's metadata lists, less those this installation already has (a
     * lab's repository built with its dependencies holds VOS Bench's own bundles too).
     */
    private List<Path> fromRepository(Path repository) throws PluginException {
        List<Path> result = new ArrayList<>();
        for (P2Repository.Bundle b : P2Repository.bundles(repository)) {
            boolean provided = false;
            for (Bundle installed : context.getBundles()) {
                provided |= b.id().equals(installed.getSymbolicName()) && !installed.getLocation().startsWith(LOCATION_PREFIX);
            }
            if (!provided) {
                result.add(b.file());
            }
        }
        if (result.isEmpty()) {
            throw new PluginException(repository + ": the p2 repository holds no bundle that this installation lacks");
        }
        return result;
    }

    static List<Path> candidates(Path source) throws PluginException {
        if (!Files.exists(source)) {
            throw new PluginException("No such file or folder: " + source);
        }
        if (Files.isRegularFile(source)) {
            if (!source.getFileName().toString().endsWith(".jar")) {
                throw new PluginException(source + " is not a bundle jar (*.jar), a folder of jars or a p2 repository");
            }
            return List.of(source);
        }
        Path dir = Files.isDirectory(source.resolve("plugins")) ? source.resolve("plugins") : source;
        List<Path> result = new ArrayList<>();
        for (Path jar : jars(dir)) {
            Manifest mf = manifestOrNull(jar);
            String name = mf == null ? null : symbolicName(mf);
            // p2 repositories also hold source bundles; they contribute nothing to run
            if (name != null && mf.getMainAttributes().getValue("Eclipse-SourceBundle") == null) {
                result.add(jar);
            }
        }
        if (result.isEmpty()) {
            throw new PluginException(source + " holds no OSGi bundle jar (looked at " + dir + "/*.jar)");
        }
        return result;
    }

    static Manifest manifestOrNull(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest();
        } catch (IOException e) {
            return null;
        }
    }

    static String symbolicName(Manifest mf) {
        String value = mf.getMainAttributes().getValue(new Attributes.Name("Bundle-SymbolicName"));
        if (value == null || value.isBlank()) {
            return null;
        }
        int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(0, semicolon)).trim();
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
