package org.vosbench.batch;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.framework.wiring.BundleRevision;

/**
 * The VOS Bench engine inside a plain JVM (the Spark driver or an executor): an Equinox framework
 * holding every bundle of a product's {@code plugins} folder, started as the product starts them
 * (start levels and eager starts from its {@code bundles.info}; bundles the product does not list,
 * such as a lab's, start with their activation policy), so extension points and Declarative
 * Services work as in {@code ./vosbench}. One per JVM: {@link #get} starts it on first use.
 */
public final class EmbeddedVosbench {

    private static final int BEGINNING_START_LEVEL = 6;
    private static final String CLI_BUNDLE = "org.vosbench.cli";

    private static EmbeddedVosbench instance;

    private final Path product;
    private final Framework framework;
    private final Path storage;
    private final BundleContext cliContext;
    private final long startNanos;
    private Function<Map<String, String>, Map<String, String>> worker;
    private long workerNanos;
    private boolean firstTaskClaimed;
    @SuppressWarnings("rawtypes")
    private org.osgi.framework.ServiceRegistration<BiFunction> clusterRegistration;

    private EmbeddedVosbench(Path product) throws IOException, BundleException, InterruptedException {
        long start = System.nanoTime();
        this.product = product;
        Path plugins = product.resolve("plugins");
        if (!Files.isDirectory(plugins)) {
            throw new IOException(product + ": not a VOS Bench product (no plugins folder); build it with"
                    + " './mvnw install -DskipTests' or pass --product <folder>");
        }
        storage = Files.createTempDirectory("vosbench-osgi-");
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, Integer.toString(BEGINNING_START_LEVEL));
        config.put("osgi.install.area", product.toUri().toString());
        config.put("osgi.configuration.area", storage.resolve("configuration").toUri().toString());
        config.put("osgi.instance.area", "@none");
        config.put("eclipse.ignoreApp", "true");
        config.put("osgi.noShutdown", "true");
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class, EmbeddedVosbench.class.getClassLoader())
                .findFirst().orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"));
        framework = factory.newFramework(config);
        framework.init();
        BundleContext system = framework.getBundleContext();
        Map<String, int[]> startSpecs = startSpecs(product);
        List<Bundle> eager = new ArrayList<>();
        List<Bundle> added = new ArrayList<>();
        for (Path jar : bundleFiles(plugins)) {
            String file = jar.getFileName().toString();
            // the framework is this JVM's; the launcher and the configurator are the product's own start-up
            if (file.startsWith("org.eclipse.osgi_") || file.startsWith("org.eclipse.equinox.launcher")
                    || file.startsWith("org.eclipse.equinox.simpleconfigurator_")) {
                continue;
            }
            // by reference: the framework reads the product's jars in place instead of copying ~150 MB per JVM
            Bundle b = system.installBundle("reference:" + jar.toUri());
            String name = b.getSymbolicName();
            int[] spec = startSpecs.get(name);
            if (spec != null) {
                if (spec[0] > 0) {
                    b.adapt(BundleStartLevel.class).setStartLevel(spec[0]);
                }
                if (spec[1] == 1) {
                    eager.add(b);
                }
            } else if ((b.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) == 0) {
                added.add(b);
            }
        }
        framework.start();
        for (Bundle b : eager) {
            b.start();
        }
        for (Bundle b : added) {
            b.start(Bundle.START_ACTIVATION_POLICY);
        }
        CountDownLatch levelReached = new CountDownLatch(1);
        framework.adapt(FrameworkStartLevel.class).setStartLevel(BEGINNING_START_LEVEL, e -> {
            if (e.getType() == FrameworkEvent.STARTLEVEL_CHANGED) {
                levelReached.countDown();
            }
        });
        if (!levelReached.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the embedded framework did not reach start level " + BEGINNING_START_LEVEL);
        }
        Bundle cli = find(CLI_BUNDLE);
        cli.start();
        cliContext = cli.getBundleContext();
        startNanos = System.nanoTime() - start;
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "vosbench-osgi-stop"));
    }

    /** @return this JVM's engine, started on first use from {@code product} */
    public static synchronized EmbeddedVosbench get(Path product) {
        if (instance == null) {
            try {
                instance = new EmbeddedVosbench(product.toAbsolutePath().normalize());
            } catch (IOException | BundleException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                throw new IllegalStateException("cannot start VOS Bench from " + product + ": " + e.getMessage()
                        + (cause != e ? " (" + cause.getMessage() + ")" : ""), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting VOS Bench", e);
            }
        } else if (!instance.product.equals(product.toAbsolutePath().normalize())) {
            throw new IllegalStateException("this JVM runs VOS Bench from " + instance.product + ", not " + product);
        }
        return instance;
    }

    /** @return whether this JVM's engine has started (in local mode: the driver's) */
    public static synchronized boolean started() {
        return instance != null;
    }

    /** @return nanoseconds the framework and its bundles took to start */
    public long startNanos() {
        return startNanos;
    }

    /** @return nanoseconds the first worker took to build (0 before), the engine's own start counted on first use */
    public synchronized long workerNanos() {
        return workerNanos;
    }

    /** @return true for the first caller only: its task paid for the engine's first use in this JVM */
    public synchronized boolean claimFirstTask() {
        boolean first = !firstTaskClaimed;
        firstTaskClaimed = true;
        return first;
    }

    /** Makes {@code cluster} the service {@code vosbench batch} hands its tasks to. */
    public void registerCluster(BiFunction<Map<String, String>, List<Map<String, String>>, List<Map<String, String>>> cluster) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("vosbench.cluster", "spark");
        synchronized (this) {
            // one cluster per run: a JVM that runs several (tests) replaces the previous run's
            if (clusterRegistration != null) {
                clusterRegistration.unregister();
            }
            clusterRegistration = framework.getBundleContext().registerService(BiFunction.class, cluster, props);
        }
    }

    /** Runs the {@code vosbench} command line inside the framework; @return its exit code */
    public int runCommand(String[] args) {
        try {
            Class<?> cli = find(CLI_BUNDLE).loadClass("org.vosbench.cli.internal.EmbeddedCli");
            return (Integer) cli.getMethod("run", BundleContext.class, String[].class).invoke(null, cliContext,
                    (Object) args);
        } catch (InvocationTargetException e) {
            throw rethrow(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the CLI bundle of " + product + " has no batch entry point", e);
        }
    }

    /** @return the executors' worker (one per JVM, shared by the task threads) */
    @SuppressWarnings("unchecked")
    public synchronized Function<Map<String, String>, Map<String, String>> worker() {
        if (worker == null) {
            long start = System.nanoTime();
            try {
                Class<?> c = find(CLI_BUNDLE).loadClass("org.vosbench.cli.internal.BatchWorker");
                worker = (Function<Map<String, String>, Map<String, String>>) c.getConstructor(BundleContext.class)
                        .newInstance(cliContext);
            } catch (InvocationTargetException e) {
                throw rethrow(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("the CLI bundle of " + product + " has no batch worker", e);
            }
            workerNanos = System.nanoTime() - start;
        }
        return worker;
    }

    private Bundle find(String symbolicName) {
        for (Bundle b : framework.getBundleContext().getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new IllegalStateException(product + " has no bundle " + symbolicName);
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t.getMessage(), t);
    }

    /** Every bundle of the plugins folder: jars and unpacked bundle folders. */
    private static List<Path> bundleFiles(Path plugins) throws IOException {
        try (Stream<Path> files = Files.list(plugins)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar")
                    || Files.isRegularFile(p.resolve("META-INF/MANIFEST.MF")))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
    }

    /** symbolic name to {start level, 1 when started} from the product's simpleconfigurator list. */
    private static Map<String, int[]> startSpecs(Path product) throws IOException {
        Map<String, int[]> specs = new HashMap<>();
        Path info = product.resolve("configuration/org.eclipse.equinox.simpleconfigurator/bundles.info");
        if (!Files.isRegularFile(info)) {
            return specs;
        }
        for (String line : Files.readAllLines(info)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            if (f.length >= 5) {
                specs.put(f[0], new int[] {Integer.parseInt(f[3].strip()), Boolean.parseBoolean(f[4].strip()) ? 1 : 0});
            }
        }
        return specs;
    }

    private void stop() {
        try {
            framework.stop();
            framework.waitForStop(10_000);
        } catch (BundleException | InterruptedException e) {
            // the JVM is ending; nothing more to release
        }
        try (Stream<Path> all = Files.walk(storage)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }
}
