package org.vosbench.plugins.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.Version;
import org.vosbench.plugins.PluginException;

/**
 * What {@code vosbench plugin new} writes. That the generated project builds, tests and runs in
 * the product is shown end to end by {@code bench/plugin-roundtrip.sh} (CI runs it).
 */
class PluginTemplatesTest {

    @TempDir
    Path temp;

    private PluginTemplates templates() {
        return new PluginTemplates(FrameworkUtil.getBundle(PluginTemplates.class), Path.of("/opt/vosbench/plugins"));
    }

    @Test
    void similarityProjectHasBundleTestsBuildAndNoPlaceholderLeft() throws Exception {
        Path out = temp.resolve("cosine");

        List<Path> files = templates().write("similarity", "cosine", out);

        for (String expected : List.of("pom.xml", "mvnw", ".mvn/wrapper/maven-wrapper.properties", "vosbench.target",
                "README.md", "bundle/pom.xml", "bundle/META-INF/MANIFEST.MF", "bundle/plugin.xml",
                "bundle/src/vosbench/plugin/cosine/CosineSimilarity.java", "tests/META-INF/MANIFEST.MF",
                "tests/src/vosbench/plugin/cosine/CosineSimilarityTest.java")) {
            assertTrue(files.contains(out.resolve(expected)), () -> expected + " missing from " + files);
        }
        for (Path f : files) {
            String text = Files.readString(f);
            assertFalse(text.matches("(?s).*@[A-Z_]+@.*"), () -> f + " keeps a placeholder");
        }
        String manifest = Files.readString(out.resolve("bundle/META-INF/MANIFEST.MF"));
        assertTrue(manifest.contains("Bundle-SymbolicName: cosine;singleton:=true"), manifest);
        assertTrue(manifest.contains("org.vosbench.engine;version=\"[0.1.0,0.2.0)\""), manifest);
        assertTrue(Files.readString(out.resolve("bundle/plugin.xml")).contains("id=\"cosine\""));
        assertTrue(Files.readString(out.resolve("vosbench.target")).contains("path=\"/opt/vosbench/plugins\""));
        assertTrue(Files.isExecutable(out.resolve("mvnw")));
    }

    @Test
    void refusesAFolderThatHoldsFiles() throws IOException {
        Files.writeString(temp.resolve("keep.txt"), "a person's file");

        PluginException e = assertThrows(PluginException.class, () -> templates().write("similarity", "cosine", temp));

        assertTrue(e.getMessage().contains("not an empty folder"), e.getMessage());
        try (Stream<Path> s = Files.list(temp)) {
            assertEquals(List.of(temp.resolve("keep.txt")), s.toList());
        }
    }

    @Test
    void refusesAnIdThatCannotBeAPackageName() {
        PluginException e = assertThrows(PluginException.class,
                () -> templates().write("similarity", "My-Cosine", temp.resolve("x")));

        assertTrue(e.getMessage().contains("My-Cosine"), e.getMessage());
        assertFalse(Files.exists(temp.resolve("x")));
    }

    @Test
    void refusesAnUnknownKindAndListsTheKinds() {
        PluginException e = assertThrows(PluginException.class, () -> templates().write("loss", "x", temp.resolve("x")));

        assertTrue(e.getMessage().contains("similarity") && e.getMessage().contains("backbone"), e.getMessage());
    }

    @Test
    void importRangesFollowSemanticVersioning() {
        assertEquals("[0.1.0,0.2.0)", PluginTemplates.minorRange(new Version(0, 1, 7)));
        assertEquals("[2.3.0,3.0.0)", PluginTemplates.minorRange(new Version(2, 3, 0)));
    }
}
