package org.vosbench.plugins.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.vosbench.engine.ContributionInfo;
import org.vosbench.engine.EngineRegistry;
import org.vosbench.plugins.Plugin;
import org.vosbench.plugins.PluginException;
import org.vosbench.plugins.PluginManager;
import org.vosbench.plugins.testplugin.GoodSimilarity;
import org.vosbench.plugins.testplugin.ThrowingSimilarity;

/**
 * The plugin manager against the real framework of the test runtime: plugin jars are built here
 * (manifest, plugin.xml, classes), added, checked by the engine's own registry, and removed.
 */
class PluginManagerTest {

    private static ServiceTracker<PluginManager, PluginManager> managerTracker;
    private static ServiceTracker<EngineRegistry, EngineRegistry> registryTracker;
    private static PluginManager plugins;
    private static EngineRegistry engine;

    @TempDir
    Path temp;
    private Path folder;

    @BeforeAll
    static void services() throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(PluginManagerTest.class).getBundleContext();
        managerTracker = new ServiceTracker<>(context, PluginManager.class, null);
        managerTracker.open();
        registryTracker = new ServiceTracker<>(context, EngineRegistry.class, null);
        registryTracker.open();
        plugins = managerTracker.waitForService(20_000);
        engine = registryTracker.waitForService(20_000);
        assertNotNull(plugins, "PluginManager service not available");
        assertNotNull(engine, "EngineRegistry service not available");
    }

    @AfterAll
    static void close() {
        managerTracker.close();
        registryTracker.close();
    }

    @BeforeEach
    void pluginFolder() {
        folder = temp.resolve("plugins");
        System.setProperty("vosbench.plugins", folder.toString());
    }

    @AfterEach
    void emptyFolder() throws IOException {
        // a test's plugins must not leak into the next one
        if (Files.isDirectory(folder)) {
            try (Stream<Path> s = Files.list(folder)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
        }
        plugins.synchronize();
        System.clearProperty("vosbench.plugins");
    }

    @Test
    void addedPluginIsSeenByTheEngineRegistryUntilRemoved() throws Exception {
        Path jar = pluginJar("test.good", engineImports(), similarityXml("testgood", GoodSimilarity.class.getName()),
                GoodSimilarity.class);

        List<Plugin> added = plugins.add(jar);

        assertEquals("test.good", added.get(0).symbolicName());
        assertEquals(List.of("testgood"), added.get(0).contributions().stream().map(Plugin.Contribution::id).toList());
        ContributionInfo info = engine.similarities().stream().filter(c -> c.id().equals("testgood")).findFirst()
                .orElseThrow(() -> new AssertionError("the engine does not see the plugin's similarity"));
        assertEquals("test.good", info.contributor());
        assertTrue(engine.similarity("testgood").getClass().getName().equals(GoodSimilarity.class.getName()));
        assertEquals(1, plugins.list().size());

        plugins.remove("testgood");

        assertFalse(engine.similarities().stream().anyMatch(c -> c.id().equals("testgood")));
        assertTrue(plugins.list().isEmpty());
        assertFalse(bundleInstalled("test.good"));
    }

    @Test
    void refusesAJarThatIsNotABundle() throws Exception {
        Path jar = temp.resolve("plain.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), new Manifest())) {
            out.putNextEntry(new JarEntry("readme.txt"));
            out.write("not a bundle".getBytes(StandardCharsets.UTF_8));
        }

        PluginException e = assertThrows(PluginException.class, () -> plugins.add(jar));

        assertTrue(e.getMessage().contains("plain.jar") && e.getMessage().contains("Bundle-SymbolicName"), e.getMessage());
        assertNothingAdded();
    }

    @Test
    void refusesABundleWhoseImportsDoNotResolveAndNamesTheRequirement() throws Exception {
        Path jar = pluginJar("test.unresolved", "org.vosbench.engine;version=\"[9.0.0,10.0.0)\"",
                similarityXml("unresolved", GoodSimilarity.class.getName()), GoodSimilarity.class);

        PluginException e = assertThrows(PluginException.class, () -> plugins.add(jar));

        assertTrue(e.getMessage().contains("test.unresolved"), e.getMessage());
        assertTrue(e.getMessage().contains("org.vosbench.engine") && e.getMessage().contains("9.0.0"), e.getMessage());
        assertNothingAdded();
        assertFalse(bundleInstalled("test.unresolved"));
    }

    @Test
    void refusesAContributionIdThatAnotherBundleHas() throws Exception {
        Path jar = pluginJar("test.duplicate", engineImports(), similarityXml("dot", GoodSimilarity.class.getName()),
                GoodSimilarity.class);

        PluginException e = assertThrows(PluginException.class, () -> plugins.add(jar));

        assertTrue(e.getMessage().contains("'dot'") && e.getMessage().contains("org.vosbench.engine.similarity.dot"),
                e.getMessage());
        assertNothingAdded();
        // the product's own contribution still works
        assertEquals("org.vosbench.engine.similarity.dot",
                engine.similarities().stream().filter(c -> c.id().equals("dot")).findFirst().orElseThrow().contributor());
    }

    @Test
    void refusesAClassThatDoesNotImplementTheExtensionPointsInterface() throws Exception {
        Path jar = pluginJar("test.wrongtype", engineImports(), similarityXml("wrongtype", "java.lang.Object"));

        PluginException e = assertThrows(PluginException.class, () -> plugins.add(jar));

        assertTrue(e.getMessage().contains("test.wrongtype") && e.getMessage().contains("'wrongtype'")
                && e.getMessage().contains("does not implement org.vosbench.engine.Similarity"), e.getMessage());
        assertNothingAdded();
    }

    @Test
    void refusesAContributionWhoseConstructorThrows() throws Exception {
        Path jar = pluginJar("test.throwing", engineImports(),
                similarityXml("throwing", ThrowingSimilarity.class.getName()), ThrowingSimilarity.class);

        PluginException e = assertThrows(PluginException.class, () -> plugins.add(jar));

        assertTrue(e.getMessage().contains("test.throwing") && e.getMessage().contains("lab resource missing"),
                e.getMessage());
        assertNothingAdded();
    }

    @Test
    void refusesAMalformedPluginXmlWithItsLine() throws Exception {
        String xml = "<?xml version=\"1.0\"?>\n<plugin>\n<!-- use --similarity x -->\n</plugin>\n";
        Path jar = pluginJar("test.malformed", engineImports(), xml, GoodSimilarity.class);

        PluginException e = assertThrows(PluginException.class, () -> plugins.add(jar));

        assertTrue(e.getMessage().contains("not well-formed") && e.getMessage().contains("line 3"), e.getMessage());
        assertNothingAdded();
    }

    @Test
    void synchronizeReportsABrokenPluginOfTheFolderAndKeepsTheOthers() throws Exception {
        Files.createDirectories(folder);
        Files.copy(pluginJar("test.good", engineImports(), similarityXml("testgood", GoodSimilarity.class.getName()),
                GoodSimilarity.class), folder.resolve("good.jar"));
        Files.copy(pluginJar("test.broken", "org.vosbench.missing.api;version=\"[1.0.0,2.0.0)\"",
                similarityXml("broken", GoodSimilarity.class.getName()), GoodSimilarity.class), folder.resolve("broken.jar"));

        List<String> problems = plugins.synchronize();

        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains("test.broken") && problems.get(0).contains("org.vosbench.missing.api"),
                problems.get(0));
        assertTrue(engine.similarities().stream().anyMatch(c -> c.id().equals("testgood")));
        assertFalse(engine.similarities().stream().anyMatch(c -> c.id().equals("broken")));
    }

    @Test
    void addingANewerBuildReplacesThePreviousOne() throws Exception {
        plugins.add(pluginJar("test.good", engineImports(), similarityXml("testgood", GoodSimilarity.class.getName()),
                GoodSimilarity.class));
        Path newer = pluginJar("test.good", engineImports(), similarityXml("testgood2", GoodSimilarity.class.getName()),
                GoodSimilarity.class, "0.2.0");

        plugins.add(newer);

        try (Stream<Path> s = Files.list(folder)) {
            assertEquals(List.of("test.good_0.2.0.jar"), s.map(p -> p.getFileName().toString()).toList());
        }
        List<String> ids = engine.similarities().stream().map(ContributionInfo::id).toList();
        assertTrue(ids.contains("testgood2") && !ids.contains("testgood"), ids::toString);
    }

    @Test
    void removeOfAnUnknownPluginNamesTheFolder() {
        PluginException e = assertThrows(PluginException.class, () -> plugins.remove("nosuch"));

        assertTrue(e.getMessage().contains("nosuch") && e.getMessage().contains(folder.toString()), e.getMessage());
    }

    /**
     * A p2 repository as Tycho writes one (metadata only as .xml.xz, p2.index naming that form,
     * the osgi.bundle mapping rule): the bundle its metadata lists is added; a jar lying in its
     * plugins/ folder that the metadata does not list, and the source bundle, are not.
     */
    @Test
    void addsTheBundlesAP2RepositorysCompressedMetadataLists() throws Exception {
        Path good = pluginJar("test.p2good", engineImports(), similarityXml("testp2", GoodSimilarity.class.getName()),
                GoodSimilarity.class);
        Path stray = pluginJar("test.p2stray", engineImports(), similarityXml("teststray", GoodSimilarity.class.getName()),
                GoodSimilarity.class);
        Path repo = p2Repository(temp.resolve("repo"), good, true);
        Files.copy(stray, repo.resolve("plugins/test.p2stray_0.1.0.jar"));

        List<Plugin> added = plugins.add(repo);

        assertEquals(List.of("test.p2good"), added.stream().map(Plugin::symbolicName).toList());
        assertFalse(bundleInstalled("test.p2stray"), "a jar the repository's metadata does not list was installed");
        plugins.remove("test.p2good");
    }

    @Test
    void refusesAP2RepositoryWhoseBundleDiffersFromItsChecksumAndAddsNothing() throws Exception {
        Path good = pluginJar("test.p2damaged", engineImports(), similarityXml("testp2d", GoodSimilarity.class.getName()),
                GoodSimilarity.class);
        Path repo = p2Repository(temp.resolve("damaged"), good, false);
        Files.write(repo.resolve("plugins/test.p2damaged_0.1.0.jar"), new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);

        PluginException e = assertThrows(PluginException.class, () -> plugins.add(repo));

        assertTrue(e.getMessage().contains("test.p2damaged 0.1.0 is damaged"), e.getMessage());
        assertNothingAdded();
    }

    /**
     * Writes a p2 repository holding {@code jar} as bundle (id from its name, version 0.1.0) and a
     * source bundle of it, in the layout of p2's simple repositories.
     */
    private static Path p2Repository(Path repo, Path jar, boolean xz) throws Exception {
        String id = jar.getFileName().toString().replaceAll("\\d*\\.jar$", "");
        Files.createDirectories(repo.resolve("plugins"));
        Path file = repo.resolve("plugins/" + id + "_0.1.0.jar");
        Files.copy(jar, file);
        Files.copy(jar, repo.resolve("plugins/" + id + ".source_0.1.0.jar"));
        String sha = java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        String content = "<?xml version='1.0' encoding='UTF-8'?>\n<?metadataRepository version='1.2.0'?>\n"
                + "<repository name='lab' type='org.eclipse.equinox.internal.p2.metadata.repository.LocalMetadataRepository' version='1'>\n"
                + "<units size='2'>\n" + unit(id, "bundle") + unit(id + ".source", "source") + "</units>\n</repository>\n";
        String artifacts = "<?xml version='1.0' encoding='UTF-8'?>\n<?artifactRepository version='1.1.0'?>\n"
                + "<repository name='lab' type='org.eclipse.equinox.p2.artifact.repository.simpleRepository' version='1'>\n"
                + "<mappings size='1'><rule filter='(&amp; (classifier=osgi.bundle))' output='${repoUrl}/plugins/${id}_${version}.jar'/></mappings>\n"
                + "<artifacts size='2'>\n<artifact classifier='osgi.bundle' id='" + id + "' version='0.1.0'><properties size='2'>"
                + "<property name='download.size' value='" + Files.size(file) + "'/>"
                + "<property name='download.checksum.sha-256' value='" + sha + "'/></properties></artifact>\n"
                + "<artifact classifier='osgi.bundle' id='" + id + ".source' version='0.1.0'/>\n</artifacts>\n</repository>\n";
        if (xz) {
            for (String[] m : new String[][] {{"content", content}, {"artifacts", artifacts}}) {
                try (OutputStream out = new org.tukaani.xz.XZOutputStream(Files.newOutputStream(repo.resolve(m[0] + ".xml.xz")),
                        new org.tukaani.xz.LZMA2Options())) {
                    out.write(m[1].getBytes(StandardCharsets.UTF_8));
                }
            }
            Files.writeString(repo.resolve("p2.index"), "version=1\nmetadata.repository.factory.order=content.xml.xz,!\n"
                    + "artifact.repository.factory.order=artifacts.xml.xz,!\n");
        } else {
            Files.writeString(repo.resolve("content.xml"), content);
            Files.writeString(repo.resolve("artifacts.xml"), artifacts);
        }
        return repo;
    }

    private static String unit(String id, String type) {
        return "<unit id='" + id + "' version='0.1.0'><provides size='2'>"
                + "<provided namespace='org.eclipse.equinox.p2.iu' name='" + id + "' version='0.1.0'/>"
                + "<provided namespace='org.eclipse.equinox.p2.eclipse.type' name='" + type + "' version='1.0.0'/>"
                + "</provides><artifacts size='1'><artifact classifier='osgi.bundle' id='" + id + "' version='0.1.0'/>"
                + "</artifacts></unit>\n";
    }

    // ---------------------------------------------------------------------------------------

    private void assertNothingAdded() throws IOException {
        if (Files.isDirectory(folder)) {
            try (Stream<Path> s = Files.list(folder)) {
                assertEquals(List.of(), s.toList());
            }
        }
        assertTrue(plugins.list().isEmpty());
    }

    private static boolean bundleInstalled(String symbolicName) {
        BundleContext context = FrameworkUtil.getBundle(PluginManagerTest.class).getBundleContext();
        return Arrays.stream(context.getBundles()).map(Bundle::getSymbolicName).anyMatch(symbolicName::equals);
    }

    private static String engineImports() {
        return "ai.djl.ndarray;version=\"[0.35.0,0.36.0)\",org.vosbench.engine;version=\"[0.1.0,0.2.0)\"";
    }

    private static String similarityXml(String id, String className) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<?eclipse version=\"3.4\"?>\n<plugin>\n"
                + "  <extension point=\"org.vosbench.engine.similarities\">\n" + "    <similarity id=\"" + id
                + "\" name=\"" + id + "\" class=\"" + className + "\"/>\n  </extension>\n</plugin>\n";
    }

    private Path pluginJar(String name, String imports, String pluginXml, Class<?>... classes) throws IOException {
        return pluginJar(name, imports, pluginXml, classes.length == 0 ? null : classes[0], "0.1.0");
    }

    /** A bundle jar as a lab's build would leave it: manifest, plugin.xml and the class files. */
    private Path pluginJar(String name, String imports, String pluginXml, Class<?> type, String version)
            throws IOException {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", name + ";singleton:=true");
        a.putValue("Bundle-Version", version);
        a.putValue("Import-Package", imports);
        Path jar = Files.createTempFile(temp, name, ".jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, mf)) {
            out.putNextEntry(new JarEntry("plugin.xml"));
            out.write(pluginXml.getBytes(StandardCharsets.UTF_8));
            if (type != null) {
                String path = type.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(path));
                try (InputStream in = type.getClassLoader().getResourceAsStream(path)) {
                    out.write(in.readAllBytes());
                }
            }
        }
        return jar;
    }
}
