package org.vosbench.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.apache.spark.SparkEnv;
import org.apache.spark.SparkFiles;

/**
 * The plugins of {@code vosbench batch} on an executor: the driver sends the jars of its plugin
 * folder with the job ({@code SparkContext.addFile}); before this JVM starts its engine, they are
 * copied from the executor's SparkFiles folder into a plugin folder of its own, and
 * {@code vosbench.plugins} points at it, so the executor's plugin manager installs exactly the
 * driver's plugins, whatever the worker machine's own {@code ~/.vosbench/plugins} holds.
 */
final class ShippedPlugins {

    /** The system property the plugin manager reads its folder from. */
    static final String FOLDER_PROPERTY = "vosbench.plugins";

    private ShippedPlugins() {
    }

    /**
     * @param names file names of the plugin jars sent with the job
     */
    static synchronized void install(List<String> names) {
        // local mode: the executor is the driver's JVM, whose engine already runs with the driver's plugins
        if (EmbeddedVosbench.started() || "driver".equals(SparkEnv.get().executorId())) {
            return;
        }
        Path folder = Path.of(SparkFiles.getRootDirectory(), "vosbench-plugins");
        try {
            Files.createDirectories(folder);
            for (String name : names) {
                Path shipped = Path.of(SparkFiles.get(name));
                if (!Files.isRegularFile(shipped)) {
                    throw new IOException("the plugin " + name + " sent with the job did not reach this executor ("
                            + shipped + " is missing)");
                }
                Files.copy(shipped, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the plugins of this executor in " + folder + ": "
                    + e.getMessage(), e);
        }
        System.setProperty(FOLDER_PROPERTY, folder.toString());
    }
}
