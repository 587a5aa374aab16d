package org.vosbench.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * A dataset and a result folder named by URI ({@code hdfs://namenode/path}, {@code file:///path},
 * any scheme Hadoop has a FileSystem for), read and written through Hadoop's FileSystem API.
 * The VOS Bench engine reads and writes local files, so each JVM works in a local stand-in:
 * <ul>
 * <li>the dataset: a local copy of its layout (its small files, such as DAVIS's
 * {@code ImageSets/2017/val.txt}, in full; frames and masks as empty placeholders), enough for the
 * dataset formats to list the sequences; an executor then fetches the frames and masks of the
 * sequence it propagates (the files under a folder named after it) before its task runs;</li>
 * <li>the result folder: the executor writes the sequence locally (marked, as on a local output),
 * then copies it beside its final place as {@code .<sequence>.<attempt>.partial} and renames it
 * into place with {@link FileContext#rename} without overwrite, which fails if another attempt got
 * there first: exactly once, as the temporary-folder-and-rename of a local output. A rerun reads
 * the marker through the FileSystem and skips a sequence written with the same settings, and
 * refuses one written with other settings (unless {@code --overwrite}).</li>
 * </ul>
 */
final class RemoteStorage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Pattern URI_ARGUMENT = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.*");
    /** Files the stand-in holds as empty placeholders until a task needs them. */
    private static final Pattern PAYLOAD = Pattern.compile("(?i).*\\.(jpe?g|png|npy|bmp|tiff?|webp|mp4|avi|mkv|mov)");
    private static final long SMALL = 1 << 20;
    private static final String MARKER = ".vosbench-batch.properties";

    final String datasetUri;
    final String driverDataset;
    final String outputUri;
    final String driverOutput;

    private RemoteStorage(String datasetUri, String driverDataset, String outputUri, String driverOutput) {
        this.datasetUri = datasetUri;
        this.driverDataset = driverDataset;
        this.outputUri = outputUri;
        this.driverOutput = driverOutput;
    }

    /**
     * On the driver: replaces a {@code --dataset} or {@code --output} URI of {@code args} by a local
     * stand-in (the dataset's layout fetched now).
     *
     * @return the storage, or null when both are local paths
     */
    static RemoteStorage fromArguments(List<String> args) {
        int d = valueIndex(args, "--dataset");
        int o = valueIndex(args, "--output");
        boolean remoteDataset = d >= 0 && URI_ARGUMENT.matcher(args.get(d)).matches();
        boolean remoteOutput = o >= 0 && URI_ARGUMENT.matcher(args.get(o)).matches();
        if (!remoteDataset && !remoteOutput) {
            return null;
        }
        if (remoteOutput && args.contains("--evaluate")) {
            throw new IllegalArgumentException("--evaluate writes its CSV files into a local --output; with "
                    + args.get(o) + " run 'vosbench evaluate' on the results afterwards");
        }
        try {
            Path stage = Files.createTempDirectory("vosbench-batch-driver-");
            removeAtExit(stage);
            String datasetUri = null;
            String driverDataset = null;
            if (remoteDataset) {
                datasetUri = strip(args.get(d));
                Path local = stage.resolve("dataset");
                layout(datasetUri, local);
                driverDataset = local.toString();
                args.set(d, driverDataset);
            }
            String outputUri = null;
            String driverOutput = null;
            if (remoteOutput) {
                outputUri = strip(args.get(o));
                FileSystem fs = fileSystem(outputUri);
                org.apache.hadoop.fs.Path out = new org.apache.hadoop.fs.Path(outputUri);
                try {
                    fs.mkdirs(out);
                    org.apache.hadoop.fs.Path probe = new org.apache.hadoop.fs.Path(out, ".vosbench-probe-" + ProcessHandle.current().pid());
                    fs.create(probe, true).close();
                    fs.delete(probe, false);
                } catch (IOException e) {
                    throw new IOException(outputUri + ": the result folder cannot be written (" + e.getMessage() + ")", e);
                }
                Path local = Files.createDirectories(stage.resolve("output"));
                driverOutput = local.toString();
                args.set(o, driverOutput);
            }
            return new RemoteStorage(datasetUri, driverDataset, outputUri, driverOutput);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    private static String strip(String uri) {
        return uri.endsWith("/") && uri.length() > 1 ? uri.substring(0, uri.length() - 1) : uri;
    }

    private static int valueIndex(List<String> args, String option) {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals(option) && i + 1 < args.size()) {
                return i + 1;
            }
            if (args.get(i).startsWith(option + "=")) { // --output=<value>: the same as --output <value>
                String value = args.get(i).substring(option.length() + 1);
                args.set(i, option);
                args.add(i + 1, value);
                return i + 1;
            }
        }
        return -1;
    }

    static FileSystem fileSystem(String uri) throws IOException {
        FileSystem fs = FileSystem.get(URI.create(uri), new Configuration());
        fs.setWriteChecksum(false); // file://: no .crc files beside the masks
        return fs;
    }

    /** Fetches the dataset's layout into {@code local}: small files in full, payload files empty. */
    private static void layout(String uri, Path local) throws IOException {
        FileSystem fs = fileSystem(uri);
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(uri);
        if (!fs.exists(root)) {
            throw new IOException(uri + ": no such dataset folder");
        }
        String prefix = fs.getFileStatus(root).getPath().toUri().getPath();
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
        while (files.hasNext()) {
            LocatedFileStatus f = files.next();
            String rel = relative(prefix, f.getPath());
            Path target = local.resolve(rel);
            Files.createDirectories(target.getParent());
            if (isPayload(f)) {
                Files.createFile(target);
            } else {
                try (InputStream in = fs.open(f.getPath())) {
                    Files.copy(in, target);
                }
            }
        }
    }

    private static boolean isPayload(LocatedFileStatus f) {
        return PAYLOAD.matcher(f.getPath().getName()).matches() || f.getLen() > SMALL;
    }

    private static String relative(String prefix, org.apache.hadoop.fs.Path file) {
        String path = file.toUri().getPath();
        String rel = path.substring(prefix.length());
        return rel.startsWith("/") ? rel.substring(1) : rel;
    }

    // ---- on an executor ----

    private static final Map<String, Path> STAGES = new HashMap<>();

    /** @return this JVM's local stand-in folder for this storage (made on first use) */
    private synchronized Path stage() throws IOException {
        String key = datasetUri + "|" + outputUri;
        synchronized (STAGES) {
            Path stage = STAGES.get(key);
            if (stage == null) {
                stage = Files.createTempDirectory("vosbench-batch-executor-");
                removeAtExit(stage);
                if (datasetUri != null) {
                    layout(datasetUri, stage.resolve("dataset"));
                }
                Files.createDirectories(stage.resolve("output"));
                STAGES.put(key, stage);
            }
            return stage;
        }
    }

    /**
     * Rewrites a task for this executor: its arguments name this JVM's stand-ins, and the frames
     * and masks of its sequence are fetched into the dataset's.
     */
    Map<String, String> localTask(Map<String, String> task) throws IOException {
        Path stage = stage();
        String args = task.get("args");
        if (datasetUri != null) {
            args = args.replace(driverDataset, stage.resolve("dataset").toString());
            fetchSequence(task.get("sequence"), stage.resolve("dataset"));
        }
        if (outputUri != null) {
            args = args.replace(driverOutput, stage.resolve("output").toString());
        }
        Map<String, String> local = new HashMap<>(task);
        local.put("args", args);
        return local;
    }

    /**
     * After a task: the frames and masks fetched for its sequence become empty placeholders again,
     * so an executor's disk holds one sequence at a time, not the dataset.
     */
    void release(Map<String, String> task) throws IOException {
        if (datasetUri == null) {
            return;
        }
        Path local = stage().resolve("dataset");
        try (var all = Files.walk(local)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                String rel = local.relativize(p).toString();
                if (PAYLOAD.matcher(p.getFileName().toString()).matches()
                        && Set.of(rel.split("/")).contains(task.get("sequence")) && Files.size(p) > 0) {
                    Files.write(p, new byte[0]);
                }
            }
        }
    }

    private static void removeAtExit(Path folder) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                deleteLocal(folder);
            } catch (IOException e) {
                // a temporary folder left behind
            }
        }, "vosbench-stage-cleanup"));
    }

    /** Fetches every payload file under a folder named {@code sequence} (frames, masks). */
    private void fetchSequence(String sequence, Path local) throws IOException {
        FileSystem fs = fileSystem(datasetUri);
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(datasetUri);
        String prefix = fs.getFileStatus(root).getPath().toUri().getPath();
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
        while (files.hasNext()) {
            LocatedFileStatus f = files.next();
            String rel = relative(prefix, f.getPath());
            if (!isPayload(f) || !Set.of(rel.split("/")).contains(sequence)) {
                continue;
            }
            Path target = local.resolve(rel);
            if (Files.isRegularFile(target) && Files.size(target) == f.getLen()) {
                continue;
            }
            Path part = target.resolveSibling(target.getFileName() + ".part");
            try (InputStream in = fs.open(f.getPath())) {
                Files.copy(in, part, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(part, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /**
     * Before the worker runs: a sequence the result folder already holds.
     *
     * @return null to propagate, else the task's result (skipped, or failed: written with other settings)
     */
    Map<String, String> existing(Map<String, String> task, boolean overwrite) throws IOException {
        if (outputUri == null) {
            return null;
        }
        Properties marker = readMarker(task);
        if (marker == null) {
            return null;
        }
        Map<String, String> result = new HashMap<>();
        result.put("sequence", task.get("sequence"));
        if (sameRun(marker, task)) {
            result.put("status", "skipped");
            return result;
        }
        if (overwrite) {
            return null;
        }
        result.put("status", "failed");
        result.put("reason", sequenceDir(task) + ": holds a sequence written with other settings ("
                + marker.getProperty("settings", "no marker: not written by a batch run") + "; this run: "
                + task.get("settings") + "): use another --output, or --overwrite to replace it");
        return result;
    }

    /**
     * After the worker wrote the sequence locally: copies it beside its place in the result folder
     * and renames it in; the local copy is removed.
     *
     * @return the status: written, or skipped when another attempt of this run renamed first
     */
    String publish(Map<String, String> task, boolean overwrite, String attempt) throws IOException {
        if (outputUri == null) {
            return "written";
        }
        Path local = stage().resolve("output").resolve(task.get("sequenceDir"));
        FileSystem fs = fileSystem(outputUri);
        FileContext fc = FileContext.getFileContext(URI.create(outputUri), new Configuration());
        org.apache.hadoop.fs.Path target = sequenceDir(task);
        org.apache.hadoop.fs.Path partial = new org.apache.hadoop.fs.Path(target.getParent(),
                "." + target.getName() + "." + attempt + ".partial");
        fs.delete(partial, true);
        fs.mkdirs(target.getParent());
        fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toUri()), partial);
        try {
            try {
                fc.rename(partial, target, Options.Rename.NONE);
            } catch (FileAlreadyExistsException e) {
                Properties now = readMarker(task);
                if (now != null && sameRun(now, task)) {
                    fs.delete(partial, true);
                    return "skipped";
                }
                if (!overwrite) {
                    fs.delete(partial, true);
                    throw new IOException(target + " appeared with other settings while this attempt ran");
                }
                org.apache.hadoop.fs.Path old = new org.apache.hadoop.fs.Path(target.getParent(),
                        "." + target.getName() + "." + attempt + ".old");
                fc.rename(target, old, Options.Rename.NONE);
                fc.rename(partial, target, Options.Rename.NONE);
                fs.delete(old, true);
            }
        } finally {
            deleteLocal(local);
        }
        return "written";
    }

    private Properties readMarker(Map<String, String> task) throws IOException {
        FileSystem fs = fileSystem(outputUri);
        org.apache.hadoop.fs.Path dir = sequenceDir(task);
        if (!fs.exists(dir)) {
            return null;
        }
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(dir, MARKER);
        Properties p = new Properties();
        if (!fs.exists(file)) {
            return fs.listStatus(dir).length == 0 ? null : p;
        }
        try (InputStream in = fs.open(file)) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return p;
    }

    private static boolean sameRun(Properties marker, Map<String, String> task) {
        return task.get("settings").equals(marker.getProperty("settings"))
                && task.getOrDefault("weights.sha256", "").equals(marker.getProperty("weights.sha256", ""));
    }

    private org.apache.hadoop.fs.Path sequenceDir(Map<String, String> task) {
        return new org.apache.hadoop.fs.Path(outputUri + "/" + task.get("sequenceDir"));
    }

    private static void deleteLocal(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var all = Files.walk(dir)) {
            List<Path> paths = new ArrayList<>(all.toList());
            java.util.Collections.reverse(paths);
            for (Path p : paths) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "dataset %s, output %s", datasetUri == null ? "local" : datasetUri,
                outputUri == null ? "local" : outputUri);
    }
}
