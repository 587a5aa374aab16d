package org.vosbench.plugins.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.Version;
import org.vosbench.plugins.PluginException;

/**
 * Writes a plugin project from the templates in this bundle's {@code templates/} folder:
 * {@code common/} (the Maven + Tycho build, the wrapper, the target, the README) and one folder
 * per kind (the bundle's manifest, {@code plugin.xml}, the example and its test). File contents
 * and paths hold {@code @NAME@} placeholders; {@code dot-} at the start of a name stands for a
 * leading dot (a bundle's build drops hidden files).
 */
final class PluginTemplates {

    /** The Tycho version VOS Bench itself builds with (its pom.xml): the generated build uses the same, offline. */
    static final String TYCHO_VERSION = "5.0.2";

    /** Kind → extension point, and the line of the README that shows the plugin in use. */
    private static final Map<String, String[]> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("similarity", new String[] {"org.vosbench.engine.similarities",
            "vosbench propagate --dataset <root> --output <dir> --similarity @ID@   # propagates with it"});
        KINDS.put("format", new String[] {"org.vosbench.dataset.formats",
            "vosbench datasets <folder> --format @ID@   # reads a dataset in this layout"});
        KINDS.put("backbone", new String[] {"org.vosbench.engine.backbones",
            "vosbench propagate --dataset <root> --output <dir> --backbone @ID@   # propagates with it"});
        KINDS.put("interaction", new String[] {"org.vosbench.interaction.models",
            "vosbench interact --image <frame> --output <dir> --model @ID@ --click x,y   # segments with it"});
    }

    private final Bundle templates;
    private final Path productPlugins;

    /**
     * @param templates the bundle holding {@code templates/}
     * @param productPlugins the installation's plugins folder, the generated build's target
     */
    PluginTemplates(Bundle templates, Path productPlugins) {
        this.templates = templates;
        this.productPlugins = productPlugins;
    }

    /** @return the kinds a project can be generated for */
    static List<String> kinds() {
        return List.copyOf(KINDS.keySet());
    }

    List<Path> write(String kind, String id, Path output) throws PluginException {
        if (!KINDS.containsKey(kind)) {
            throw new PluginException("Unknown plugin kind '" + kind + "': expected one of " + String.join(", ", kinds()));
        }
        if (!id.matches("[a-z][a-z0-9]*")) {
            throw new PluginException("Plugin id '" + id + "' must be lower-case letters and digits, starting with a "
                    + "letter (it becomes the contribution id, the bundle name and a Java package)");
        }
        if (findEntries("templates/" + kind).isEmpty()) {
            throw new PluginException("No template for plugin kind '" + kind + "' in this installation yet");
        }
        Path out = output.toAbsolutePath().normalize();
        if (Files.exists(out)) {
            try (Stream<Path> s = Files.list(out)) {
                if (!Files.isDirectory(out) || s.findAny().isPresent()) {
                    throw new PluginException(out + " already exists and is not an empty folder: "
                            + "give --output a new folder");
                }
            } catch (IOException e) {
                throw new PluginException(out + " cannot be read: " + e.getMessage(), e);
            }
        }
        Map<String, String> values = values(kind, id);
        Path parent = out.getParent();
        Path temp = null;
        try {
            Files.createDirectories(parent);
            temp = Files.createTempDirectory(parent, "." + out.getFileName() + ".");
            List<Path> written = new ArrayList<>();
            for (String root : List.of("templates/common/", "templates/" + kind + "/")) {
                for (URL entry : findEntries(root)) {
                    String relative = entry.getPath().substring(entry.getPath().indexOf(root) + root.length());
                    Path file = temp.resolve(fill(relative.replaceAll("(^|/)dot-", "$1."), values));
                    Files.createDirectories(file.getParent());
                    try (InputStream in = entry.openStream()) {
                        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                        Files.writeString(file, fill(text, values), StandardCharsets.UTF_8);
                    }
                    if (file.getFileName().toString().equals("mvnw")) {
                        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                    written.add(out.resolve(temp.relativize(file)));
                }
            }
            if (Files.exists(out)) {
                Files.delete(out); // the empty folder checked above
            }
            Files.move(temp, out);
            temp = null;
            written.sort(Comparator.naturalOrder());
            return written;
        } catch (IOException e) {
            throw new PluginException("Cannot write the plugin project into " + out + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
    }

    private Map<String, String> values(String kind, String id) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("@ID@", id);
        v.put("@CLASS@", id.substring(0, 1).toUpperCase(Locale.ROOT) + id.substring(1));
        v.put("@KIND@", kind);
        v.put("@PACKAGE_PATH@", "vosbench/plugin/" + id);
        v.put("@PACKAGE@", "vosbench.plugin." + id);
        v.put("@POINT@", KINDS.get(kind)[0]);
        v.put("@PLUGINS@", productPlugins.toString());
        v.put("@TYCHO@", TYCHO_VERSION);
        v.put("@ENGINE_RANGE@", minorRange(versionOf("org.vosbench.engine")));
        v.put("@DJL_RANGE@", minorRange(versionOf("ai.djl.api")));
        v.put("@USE@", KINDS.get(kind)[1].replace("@ID@", id));
        return v;
    }

    /** @return the version of an installed bundle (the API a plugin is built against) */
    private Version versionOf(String symbolicName) {
        for (Bundle b : templates.getBundleContext().getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b.getVersion();
            }
        }
        return new Version(0, 1, 0);
    }

    /**
     * The import range for an API at {@code version}: semantic versioning below 1.0 treats a new
     * minor version as incompatible, from 1.0 a new major one.
     */
    static String minorRange(Version version) {
        if (version.getMajor() == 0) {
            return "[0." + version.getMinor() + ".0,0." + (version.getMinor() + 1) + ".0)";
        }
        return "[" + version.getMajor() + "." + version.getMinor() + ".0," + (version.getMajor() + 1) + ".0.0)";
    }

    private static String fill(String text, Map<String, String> values) {
        String result = text;
        for (Map.Entry<String, String> e : values.entrySet()) {
            result = result.replace(e.getKey(), e.getValue());
        }
        return result;
    }

    private List<URL> findEntries(String path) {
        Enumeration<URL> entries = templates.findEntries(path, "*", true);
        if (entries == null) {
            return List.of();
        }
        List<URL> files = new ArrayList<>();
        for (URL url : Collections.list(entries)) {
            if (!url.getPath().endsWith("/")) {
                files.add(url);
            }
        }
        files.sort(Comparator.comparing(URL::getPath));
        return files;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder beside the output; harmless if it stays
        }
    }
}
