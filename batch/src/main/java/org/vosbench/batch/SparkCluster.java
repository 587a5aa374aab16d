package org.vosbench.batch;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkFiles;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.util.LongAccumulator;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Runs the tasks of {@code vosbench batch} on Spark: one Spark task per sequence (or per group
 * with {@code --partitions}), each executor calling its JVM's {@link EmbeddedVosbench} worker,
 * and shows the driver's progress (sequences done / failed / running, frames/s over the cluster,
 * ETA). Registered in the embedded framework as the cluster service of the batch command.
 */
final class SparkCluster implements BiFunction<Map<String, String>, List<Map<String, String>>, List<Map<String, String>>> {

    /** Separates the entries of a job's list values (the CLI's task argument separator). */
    private static final String FIELD_SEPARATOR = "\u001f";
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)\\])?");
    private static final String EXECUTOR_OPTIONS = "-Xss4m -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn";

    private final Path product;
    private final RemoteStorage storage;

    /**
     * @param storage the dataset and result folder named by URI, or null when both are local paths
     */
    SparkCluster(Path product, RemoteStorage storage) {
        this.product = product;
        this.storage = storage;
    }

    @Override
    public List<Map<String, String>> apply(Map<String, String> job, List<Map<String, String>> tasks) {
        int maxFailures = Integer.parseInt(job.get("maxFailures"));
        SparkConf conf = new SparkConf().setAppName(job.get("appName"));
        String master = job.get("master");
        if (master != null) {
            conf.setMaster(withRetries(master, maxFailures));
        }
        String effective = conf.get("spark.master", "");
        checkReachable(effective);
        conf.set("spark.task.maxFailures", Integer.toString(maxFailures));
        job.forEach((k, v) -> {
            if (k.startsWith("conf.")) {
                conf.set(k.substring("conf.".length()), v);
            }
        });
        if (!effective.startsWith("local") && !conf.contains("spark.jars")) {
            // started by ./vosbench batch rather than spark-submit: executors need this jar and the framework
            conf.set("spark.jars", codeSource(SparkCluster.class) + "," + codeSource(org.osgi.framework.launch.Framework.class));
        }
        conf.setIfMissing("spark.ui.enabled", "false");
        conf.setIfMissing("spark.executor.extraJavaOptions", EXECUTOR_OPTIONS + failOnce());
        if (isOnThisMachine(effective)) {
            // a local run or a cluster on 127.0.0.1: nothing listens beyond the loopback
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        String preload = System.getenv("LD_PRELOAD");
        if (preload != null && !preload.isEmpty()) {
            conf.setIfMissing("spark.executorEnv.LD_PRELOAD", preload);
        }
        int partitions = Math.max(1, Math.min(Integer.parseInt(job.get("partitions")), tasks.size()));
        long totalFrames = Long.parseLong(job.get("totalFrames"));
        boolean quiet = Boolean.parseBoolean(job.get("quiet"));
        long contextStart = System.nanoTime();
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel("WARN");
            // the driver's plugins (and with --ship-weights the weights) travel with the job
            for (String file : split(job.get("files"))) {
                sc.addFile(file);
            }
            long jobStart = System.nanoTime();
            Counters counters = new Counters(sc.sc().longAccumulator("frames"), sc.sc().longAccumulator("done"),
                    sc.sc().longAccumulator("failed"), sc.sc().longAccumulator("skipped"));
            List<Map<String, String>> input = new ArrayList<>();
            for (Map<String, String> t : tasks) {
                input.add(new HashMap<>(t));
            }
            JavaRDD<Map<String, String>> rdd = sc.parallelize(input, partitions);
            JavaFutureAction<List<Map<String, String>>> action = rdd
                    .mapPartitions(new SequenceTasks(product.toString(), split(job.get("plugins")), storage, counters)).collectAsync();
            List<Map<String, String>> results = await(sc, action, counters, tasks.size(), totalFrames, quiet);
            if (storage != null) {
                System.out.println("Through Hadoop's FileSystem API: " + storage);
            }
            System.out.printf(Locale.ROOT, "Spark: context started in %.1f s, job ran %.1f s (%s, %d tasks).%n",
                    (jobStart - contextStart) / 1e9, (System.nanoTime() - jobStart) / 1e9, sc.master(), partitions);
            return results;
        }
    }

    private static List<Map<String, String>> await(JavaSparkContext sc, JavaFutureAction<List<Map<String, String>>> action,
            Counters c, int sequences, long totalFrames, boolean quiet) {
        ProgressBar bar = quiet ? null : new ProgressBarBuilder().setTaskName("batch").setInitialMax(totalFrames)
                .setUnit(" frames", 1).showSpeed(new java.text.DecimalFormat("0.00")).setSpeedUnit(ChronoUnit.SECONDS)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).setMaxRenderedLength(120)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
        try {
            while (true) {
                try {
                    List<Map<String, String>> results = action.get(500, TimeUnit.MILLISECONDS);
                    update(sc, bar, c, sequences, true);
                    return results;
                } catch (TimeoutException e) {
                    update(sc, bar, c, sequences, false);
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("the Spark job failed: " + firstLine(cause.getMessage()), cause);
        } catch (InterruptedException e) {
            action.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted; finished sequences are complete, the rest is not written", e);
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
    }

    private static void update(JavaSparkContext sc, ProgressBar bar, Counters c, int sequences, boolean end) {
        if (bar == null) {
            return;
        }
        int running = 0;
        int failedAttempts = 0;
        for (int id : sc.statusTracker().getActiveStageIds()) {
            SparkStageInfo stage = sc.statusTracker().getStageInfo(id);
            if (stage != null) {
                running += stage.numActiveTasks();
                failedAttempts += stage.numFailedTasks();
            }
        }
        bar.stepTo(c.frames().value());
        bar.setExtraMessage(String.format(Locale.ROOT, "%d/%d done, %d failed, %d running%s", c.done().value()
                + c.skipped().value(), sequences, c.failed().value(), end ? 0 : running,
                failedAttempts > 0 ? ", " + failedAttempts + " attempts retried" : ""));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** {@code local[N]} gets {@code local[N,F]}: in local mode Spark retries a task only when told so. */
    static String withRetries(String master, int maxFailures) {
        Matcher m = LOCAL.matcher(master);
        if (m.matches()) {
            return "local[" + (m.group(1) == null ? "1" : m.group(1)) + "," + maxFailures + "]";
        }
        return master;
    }

    private static boolean isOnThisMachine(String master) {
        if (master.startsWith("local")) {
            return true;
        }
        if (master.startsWith("spark://")) {
            String host = URI.create(master).getHost();
            return "127.0.0.1".equals(host) || "localhost".equals(host);
        }
        return false;
    }

    /** An unreachable standalone master gets one clear message instead of Spark's minute of retries. */
    private static void checkReachable(String master) {
        if (!master.startsWith("spark://")) {
            return;
        }
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            URI uri = URI.create("spark://" + hostPort);
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
                return;
            } catch (IOException | IllegalArgumentException e) {
                // try the next master of the list
            }
        }
        throw new IllegalArgumentException("cannot reach the Spark master " + master
                + " (nothing answers there within 5 s): start it or check --master");
    }

    private static String codeSource(Class<?> c) {
        return Path.of(URI.create(c.getProtectionDomain().getCodeSource().getLocation().toString())).toString();
    }

    private static String failOnce() {
        String file = System.getProperty("vosbench.batch.failOnce");
        return file == null ? "" : " -Dvosbench.batch.failOnce=" + file;
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(FIELD_SEPARATOR));
    }

    /** The driver's counters, summed over finished tasks. */
    record Counters(LongAccumulator frames, LongAccumulator done, LongAccumulator failed, LongAccumulator skipped)
            implements Serializable {
    }

    /** One Spark task: its sequences, one after another, through this JVM's worker. */
    static final class SequenceTasks implements FlatMapFunction<Iterator<Map<String, String>>, Map<String, String>> {
        private static final long serialVersionUID = 1L;

        private final String product;
        private final List<String> plugins;
        private final RemoteStorage storage;
        private final Counters counters;

        SequenceTasks(String product, List<String> plugins, RemoteStorage storage, Counters counters) {
            this.product = product;
            this.plugins = new ArrayList<>(plugins);
            this.storage = storage;
            this.counters = counters;
        }

        @Override
        public Iterator<Map<String, String>> call(Iterator<Map<String, String>> tasks) {
            List<Map<String, String>> out = new ArrayList<>();
            ShippedPlugins.install(plugins);
            EmbeddedVosbench engine = EmbeddedVosbench.get(Path.of(product));
            String sparkFiles = SparkFiles.getRootDirectory();
            while (tasks.hasNext()) {
                Map<String, String> task = new HashMap<>(tasks.next());
                task.put("sparkFiles", sparkFiles);
                boolean first = engine.claimFirstTask();
                long start = System.nanoTime();
                Map<String, String> result = run(engine, task);
                result.put("taskNanos", Long.toString(System.nanoTime() - start));
                result.put("jvm", ProcessHandle.current().pid() + "@" + hostName());
                result.put("frameworkStartNanos", Long.toString(engine.startNanos()));
                if (first) {
                    result.put("firstInJvm", "true");
                }
                switch (result.get("status")) {
                    case "written" -> {
                        counters.done().add(1);
                        counters.frames().add(Long.parseLong(task.get("frames")));
                    }
                    case "skipped" -> {
                        counters.skipped().add(1);
                        counters.frames().add(Long.parseLong(task.get("frames")));
                    }
                    default -> counters.failed().add(1);
                }
                out.add(result);
            }
            return out.iterator();
        }

        /** The worker on this task; with a remote result folder, checked before and renamed into place after. */
        private Map<String, String> run(EmbeddedVosbench engine, Map<String, String> task) {
            if (storage == null) {
                return new HashMap<>(engine.worker().apply(task));
            }
            try {
                boolean overwrite = List.of(task.get("args").split(FIELD_SEPARATOR)).contains("--overwrite");
                Map<String, String> done = storage.existing(task, overwrite);
                if (done != null) {
                    return done;
                }
                Map<String, String> result;
                try {
                    result = new HashMap<>(engine.worker().apply(storage.localTask(task)));
                } finally {
                    storage.release(task);
                }
                if ("written".equals(result.get("status"))) {
                    org.apache.spark.TaskContext tc = org.apache.spark.TaskContext.get();
                    String attempt = tc == null ? Long.toString(System.nanoTime())
                            : tc.stageId() + "-" + tc.partitionId() + "-" + tc.attemptNumber();
                    result.put("status", storage.publish(task, overwrite, attempt));
                }
                return result;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(task.get("sequence") + ": " + e.getMessage(), e);
            }
        }

        private static String hostName() {
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                return "?";
            }
        }
    }
}
