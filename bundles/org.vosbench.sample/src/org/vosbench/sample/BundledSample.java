package org.vosbench.sample;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.vosbench.core.AtomicFiles;

/**
 * The bundled DAVIS sample: {@link #copyTo(Path)} writes it out as a DAVIS 2017 folder
 * ({@code JPEGImages/480p}, {@code Annotations/480p}, {@code ImageSets/2017/val.txt}) that any
 * dataset reader and the evaluation can open.
 */
public final class BundledSample {

    /** The sequence's name. */
    public static final String SEQUENCE = "drift-straight";

    private static final String ROOT = "sample/davis";

    private BundledSample() {
    }

    /**
     * Copies the sample into {@code target} (created if needed), each file atomically;
     * files of an earlier copy are replaced.
     *
     * @return {@code target}, now a DAVIS dataset folder
     * @throws IOException if the bundle's entries cannot be read or the copy fails
     */
    public static Path copyTo(Path target) throws IOException {
        Bundle bundle = FrameworkUtil.getBundle(BundledSample.class);
        if (bundle == null) {
            throw new IOException("the sample data bundle org.vosbench.sample is not running in OSGi");
        }
        Enumeration<URL> entries = bundle.findEntries(ROOT, "*", true);
        if (entries == null) {
            throw new IOException("the sample data is missing from bundle " + bundle.getSymbolicName());
        }
        int copied = 0;
        while (entries.hasMoreElements()) {
            URL url = entries.nextElement();
            String relative = url.getPath().substring(url.getPath().indexOf(ROOT) + ROOT.length() + 1);
            if (relative.isEmpty() || relative.endsWith("/")) {
                continue;
            }
            Path file = target.resolve(relative);
            Files.createDirectories(file.getParent());
            try (InputStream in = url.openStream()) {
                // created by the copy, so with the umask's mode (createTempFile's 0600 would survive the rename)
                Path tmp = AtomicFiles.temporaryFor(file);
                try {
                    Files.copy(in, tmp);
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            copied++;
        }
        if (copied == 0) {
            throw new IOException("the sample data in bundle " + bundle.getSymbolicName() + " is empty");
        }
        return target;
    }
}
