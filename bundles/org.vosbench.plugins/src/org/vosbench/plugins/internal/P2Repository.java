package org.vosbench.plugins.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.tukaani.xz.XZInputStream;
import org.vosbench.plugins.PluginException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The bundles of a local p2 repository, read from its metadata as p2 lays it out: the metadata
 * repository ({@code content.xml.xz}, {@code content.jar} or {@code content.xml}) says which
 * installable units are bundles (and which are source bundles, left out), the artifact repository
 * ({@code artifacts.*}, same three forms) where each bundle's file is (its mapping rules) and its
 * size and SHA-256, which are checked; {@code p2.index} gives the order in which the forms are
 * tried, and composite repositories ({@code compositeContent.*}, {@code compositeArtifacts.*}) are
 * followed to their local children. Only the files the metadata names are taken: a jar lying in
 * {@code plugins/} that the repository does not list is not a plugin of it.
 * <p>
 * Why not p2's own API (the director): VOS Bench installs a plugin with the OSGi API into one
 * plugin folder (see {@link PluginManagerComponent}) and has no p2 profile to install into; what
 * it needs from p2 is this reading of a repository, which this class does with the repository's
 * documented formats and XZ for Java (the decompressor p2 itself uses).
 */
final class P2Repository {

    /** One bundle of the repository. */
    record Bundle(String id, String version, Path file) {
    }

    private static final Pattern RULE_CLASSIFIER = Pattern.compile("\\(classifier=([^)]+)\\)");
    private static final Pattern RULE_FORMAT = Pattern.compile("\\(format=([^)]+)\\)");

    private P2Repository() {
    }

    /** @return whether {@code folder} holds p2 repository metadata */
    static boolean isRepository(Path folder) {
        for (String base : List.of("content", "artifacts", "compositeContent", "compositeArtifacts")) {
            for (String form : List.of(".xml.xz", ".jar", ".xml")) {
                if (Files.isRegularFile(folder.resolve(base + form))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** @return the repository's bundles (source bundles left out), each file checked against its metadata */
    static List<Bundle> bundles(Path repository) throws PluginException {
        List<Bundle> result = new ArrayList<>();
        collect(repository.toAbsolutePath().normalize(), result, 0);
        return result;
    }

    private static void collect(Path repo, List<Bundle> into, int depth) throws PluginException {
        if (depth > 8) {
            throw new PluginException(repo + ": composite p2 repositories nested too deeply");
        }
        Properties index = index(repo);
        Document composite = read(repo, "compositeArtifacts", index.getProperty("artifact.repository.factory.order"),
                "repository");
        if (composite != null) {
            NodeList children = composite.getElementsByTagName("child");
            for (int i = 0; i < children.getLength(); i++) {
                String location = ((Element) children.item(i)).getAttribute("location");
                URI uri = URI.create(location.replace(" ", "%20"));
                Path child;
                if (uri.getScheme() == null) {
                    child = repo.resolve(location).normalize();
                } else if ("file".equals(uri.getScheme())) {
                    child = Path.of(uri);
                } else {
                    throw new PluginException(repo + ": child repository " + location + " is not local; download"
                            + " the repository first (vosbench plugins add reads local repositories)");
                }
                collect(child, into, depth + 1);
            }
            return;
        }
        Document content = read(repo, "content", index.getProperty("metadata.repository.factory.order"), "repository");
        Document artifacts = read(repo, "artifacts", index.getProperty("artifact.repository.factory.order"), "repository");
        if (content == null || artifacts == null) {
            throw new PluginException(repo + " is not a p2 repository: it needs content.(xml.xz|jar|xml) and"
                    + " artifacts.(xml.xz|jar|xml)");
        }
        Map<String, Element> artifactByKey = new LinkedHashMap<>();
        NodeList list = artifacts.getElementsByTagName("artifact");
        for (int i = 0; i < list.getLength(); i++) {
            Element a = (Element) list.item(i);
            artifactByKey.put(a.getAttribute("classifier") + "/" + a.getAttribute("id") + "/" + a.getAttribute("version"), a);
        }
        List<String[]> rules = new ArrayList<>();
        NodeList ruleList = artifacts.getElementsByTagName("rule");
        for (int i = 0; i < ruleList.getLength(); i++) {
            Element r = (Element) ruleList.item(i);
            rules.add(new String[] {r.getAttribute("filter"), r.getAttribute("output")});
        }
        NodeList units = content.getElementsByTagName("unit");
        for (int i = 0; i < units.getLength(); i++) {
            Element unit = (Element) units.item(i);
            String type = eclipseType(unit);
            if (!"bundle".equals(type)) {
                continue; // features, categories, products and source bundles are not plugins
            }
            NodeList keys = unit.getElementsByTagName("artifact");
            for (int k = 0; k < keys.getLength(); k++) {
                Element key = (Element) keys.item(k);
                if (!"osgi.bundle".equals(key.getAttribute("classifier"))) {
                    continue;
                }
                String id = key.getAttribute("id");
                String version = key.getAttribute("version");
                Element artifact = artifactByKey.get("osgi.bundle/" + id + "/" + version);
                if (artifact == null) {
                    throw new PluginException(repo + ": the metadata lists bundle " + id + " " + version
                            + " but the artifact repository has no such artifact");
                }
                Path file = location(repo, rules, artifact);
                check(repo, artifact, file);
                into.add(new Bundle(id, version, file));
            }
        }
    }

    /** The unit's {@code org.eclipse.equinox.p2.eclipse.type} ({@code bundle}, {@code source}, ...), or null. */
    private static String eclipseType(Element unit) {
        NodeList provided = unit.getElementsByTagName("provided");
        String type = null;
        for (int i = 0; i < provided.getLength(); i++) {
            Element p = (Element) provided.item(i);
            if ("org.eclipse.equinox.p2.eclipse.type".equals(p.getAttribute("namespace"))) {
                type = "source".equals(p.getAttribute("name")) || "source".equals(type) ? "source" : p.getAttribute("name");
            }
        }
        return type;
    }

    private static Path location(Path repo, List<String[]> rules, Element artifact) throws PluginException {
        String format = property(artifact, "format");
        for (String[] rule : rules) {
            Matcher c = RULE_CLASSIFIER.matcher(rule[0]);
            Matcher f = RULE_FORMAT.matcher(rule[0]);
            boolean classifierMatches = c.find() && c.group(1).trim().equals("osgi.bundle");
            boolean formatMatches = f.find() ? f.group(1).trim().equals(format) : format == null;
            if (classifierMatches && formatMatches) {
                String out = rule[1].replace("${id}", artifact.getAttribute("id"))
                        .replace("${version}", artifact.getAttribute("version"));
                if (!out.startsWith("${repoUrl}/")) {
                    throw new PluginException(repo + ": bundle " + artifact.getAttribute("id") + " lies outside the"
                            + " repository (" + out + ")");
                }
                return repo.resolve(out.substring("${repoUrl}/".length())).normalize();
            }
        }
        throw new PluginException(repo + ": no mapping rule of artifacts metadata places bundle "
                + artifact.getAttribute("id"));
    }

    /** The artifact's file must exist with the size and SHA-256 the repository states (when it states them). */
    private static void check(Path repo, Element artifact, Path file) throws PluginException {
        String name = artifact.getAttribute("id") + " " + artifact.getAttribute("version");
        if (!Files.isRegularFile(file)) {
            throw new PluginException(repo + ": bundle " + name + " is missing (" + file + ")");
        }
        try {
            String size = property(artifact, "download.size");
            if (size != null && Long.parseLong(size) != Files.size(file)) {
                throw new PluginException(repo + ": bundle " + name + " is damaged: " + file + " has "
                        + Files.size(file) + " bytes, the repository says " + size);
            }
            String sha = property(artifact, "download.checksum.sha-256");
            if (sha != null) {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                String actual = HexFormat.of().formatHex(digest.digest(Files.readAllBytes(file)));
                if (!actual.equalsIgnoreCase(sha)) {
                    throw new PluginException(repo + ": bundle " + name + " is damaged: " + file + " has SHA-256 "
                            + actual + ", the repository says " + sha);
                }
            }
        } catch (IOException | NumberFormatException | NoSuchAlgorithmException e) {
            throw new PluginException(repo + ": cannot check bundle " + name + ": " + e.getMessage(), e);
        }
    }

    private static String property(Element artifact, String name) {
        NodeList props = artifact.getElementsByTagName("property");
        for (int i = 0; i < props.getLength(); i++) {
            Element p = (Element) props.item(i);
            if (name.equals(p.getAttribute("name"))) {
                return p.getAttribute("value");
            }
        }
        return null;
    }

    private static Properties index(Path repo) throws PluginException {
        Properties p = new Properties();
        Path file = repo.resolve("p2.index");
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new PluginException(file + ": " + e.getMessage(), e);
            }
        }
        return p;
    }

    /**
     * @param order p2.index's factory order for this kind ({@code content.xml.xz,content.xml,!}), or null
     * @return the parsed {@code base} metadata in the first form present, or null when none is
     */
    private static Document read(Path repo, String base, String order, String root) throws PluginException {
        List<String> forms = new ArrayList<>();
        if (order != null) {
            for (String entry : order.split(",")) {
                String e = entry.trim();
                if (e.equals("!")) {
                    break;
                }
                if (e.startsWith(base + ".")) {
                    forms.add(e.substring(base.length()));
                    if (e.endsWith(".xml")) {
                        forms.add(".jar"); // p2 tries the jar form of a .xml entry too
                    }
                }
            }
        }
        if (forms.isEmpty()) {
            forms = List.of(".xml.xz", ".jar", ".xml");
        }
        for (String form : forms) {
            Path file = repo.resolve(base + form);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try {
                byte[] xml = switch (form) {
                    case ".xml.xz" -> {
                        try (InputStream in = new XZInputStream(Files.newInputStream(file))) {
                            yield in.readAllBytes();
                        }
                    }
                    case ".jar" -> fromJar(file, base + ".xml");
                    default -> Files.readAllBytes(file);
                };
                DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
                if (!root.equals(d.getDocumentElement().getTagName())) {
                    throw new PluginException(file + ": not p2 metadata (root element "
                            + d.getDocumentElement().getTagName() + ")");
                }
                return d;
            } catch (IOException | SAXException | ParserConfigurationException e) {
                throw new PluginException(file + ": cannot read the p2 metadata: " + e.getMessage(), e);
            }
        }
        return null;
    }

    private static byte[] fromJar(Path jar, String entry) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals(entry)) {
                    return in.readAllBytes();
                }
            }
        }
        throw new IOException(jar + " holds no " + entry);
    }
}
