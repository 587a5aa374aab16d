package org.vosbench.batch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Spark driver of {@code vosbench batch}: {@code ./vosbench batch ...} and
 * {@code spark-submit --class org.vosbench.batch.BatchMain vosbench-batch.jar --product <folder> ...}
 * both start here. It embeds the product's framework, registers Spark as the batch command's
 * cluster and runs {@code vosbench batch} with the remaining arguments.
 * <p>
 * {@code --product <folder>} (or {@code -Dvosbench.product}) names the VOS Bench product (the
 * folder with {@code plugins/}) at the same path on the driver and every executor.
 */
public final class BatchMain {

    private BatchMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** @return the exit code of {@code vosbench batch args} */
    public static int run(String[] args) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        String product = System.getProperty("vosbench.product");
        int at = rest.indexOf("--product");
        if (at >= 0) {
            if (at + 1 >= rest.size()) {
                System.err.println("vosbench: --product needs a folder");
                return 2;
            }
            product = rest.get(at + 1);
            rest.subList(at, at + 2).clear();
        }
        if (product == null || !Files.isDirectory(Path.of(product, "plugins"))) {
            System.err.println("vosbench: --product <folder> must name a VOS Bench product (a folder with plugins/), at the"
                    + " same path on the driver and on every executor" + (product == null ? "" : "; got " + product));
            return 2;
        }
        Path folder = Path.of(product).toAbsolutePath().normalize();
        RemoteStorage storage;
        try {
            storage = RemoteStorage.fromArguments(rest); // hdfs://, file://, ...: local stand-ins
        } catch (RuntimeException e) {
            System.err.println("vosbench: " + e.getMessage());
            return 1;
        }
        EmbeddedVosbench engine;
        try {
            engine = EmbeddedVosbench.get(folder);
        } catch (RuntimeException e) {
            System.err.println("vosbench: " + e.getMessage());
            return 1;
        }
        engine.registerCluster(new SparkCluster(folder, storage));
        rest.add(0, "batch");
        return engine.runCommand(rest.toArray(String[]::new));
    }
}
