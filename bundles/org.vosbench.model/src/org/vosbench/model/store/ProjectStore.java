package org.vosbench.model.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.resource.impl.ResourceSetImpl;
import org.eclipse.emf.ecore.xmi.UnresolvedReferenceException;
import org.eclipse.emf.ecore.xmi.XMLResource;
import org.vosbench.core.AtomicFiles;
import org.vosbench.model.Dataset;
import org.vosbench.model.Evaluation;
import org.vosbench.model.ReviewState;
import org.vosbench.model.Run;
import org.vosbench.model.RunStatus;
import org.vosbench.model.Sequence;
import org.vosbench.model.VosBenchFactory;
import org.vosbench.model.VosBenchPackage;
import org.vosbench.model.VosProject;
import org.vosbench.model.util.VosBenchResourceFactoryImpl;

/**
 * One workbench project file ({@code .vosbench}, XMI) in memory: create, load and save it, and
 * the operations the CLI and the UI share.
 * <p>
 * Saving never loses a person's work: the XMI is serialised in memory first, written to a
 * temporary file in the project's folder, forced to disk and renamed over the project file; the
 * version it replaces is kept as {@code <file>.bak}. A failed save leaves the project file as it
 * was.
 * <p>
 * Paths (dataset roots, results folders, weights) are stored relative to the project file's
 * folder when they lie under it, so a project moves with its data, and absolute otherwise; use
 * {@link #toStoredPath(Path)} and {@link #resolve(String)}.
 * <p>
 * Not thread-safe: like any EMF resource, use it from one thread at a time (the UI thread, or a
 * Job holding the project's rule).
 */
public final class ProjectStore {

	/** The extension of project files, without the dot. */
	public static final String FILE_EXTENSION = "vosbench";

	/** Appended to the project file's name for the backup of the previous version. */
	public static final String BACKUP_SUFFIX = ".bak";

	private static final String RUN_ID_PREFIX = "run-";
	private static final String EVALUATION_ID_PREFIX = "eval-";

	private final Path file;
	private final Resource resource;
	private final VosProject project;
	private final List<String> loadWarnings = new ArrayList<>();
	/** The file as this store last read or wrote it, to notice another program (the CLI, a second workbench) writing it. */
	private Object lastSeenVersion;

	private ProjectStore(Path file, Resource resource, VosProject project) {
		this.file = file;
		this.resource = resource;
		this.project = project;
		resource.setTrackingModification(true);
	}

	/**
	 * Creates a new project and saves it at once.
	 *
	 * @throws FileAlreadyExistsException if the file exists (an existing project is never overwritten by a new one)
	 */
	public static ProjectStore create(Path file, String name) throws IOException {
		Path target = normalize(file);
		if (Files.exists(target)) {
			throw new FileAlreadyExistsException(target.toString(), null, "a project file already exists there");
		}
		VosProject project = VosBenchFactory.eINSTANCE.createVosProject();
		project.setName(name);
		project.setCreatedAt(Instant.now());
		Resource resource = newResourceSet().createResource(URI.createFileURI(target.toString()));
		resource.getContents().add(project);
		ProjectStore store = new ProjectStore(target, resource, project);
		store.save(false);
		return store;
	}

	/**
	 * Loads a project file.
	 *
	 * @throws NoSuchFileException if there is no such file
	 * @throws InvalidProjectException if the file is not a readable project; the message names the file, the problem and the backup when there is one
	 */
	public static ProjectStore load(Path file) throws IOException {
		Path source = normalize(file);
		if (Files.isDirectory(source)) {
			throw invalid(source, "is a folder; a project is a file (for example " + source.resolve("project." + FILE_EXTENSION) + ")", null);
		}
		if (!Files.isRegularFile(source)) {
			throw new NoSuchFileException(source.toString(), null, "no such project file");
		}
		Resource resource = newResourceSet().createResource(URI.createFileURI(source.toString()));
		try (InputStream in = Files.newInputStream(source)) {
			resource.load(in, loadOptions());
		} catch (Resource.IOWrappedException e) {
			if (!onlyUnresolvedReferences(resource)) {
				throw invalid(source, "not a readable VOS Bench project (" + rootMessage(e) + ")", e);
			}
			// A reference to a run or dataset that was removed by hand: the rest of the project is intact, open it.
		} catch (IOException | RuntimeException e) {
			throw invalid(source, "not a readable VOS Bench project (" + rootMessage(e) + ")", e);
		}
		EObject root = resource.getContents().isEmpty() ? null : resource.getContents().get(0);
		if (!(root instanceof VosProject project)) {
			throw invalid(source, "not a VOS Bench project (no " + VosBenchPackage.eNS_URI + " project element)", null);
		}
		ProjectStore store = new ProjectStore(source, resource, project);
		store.lastSeenVersion = versionOf(source);
		for (Resource.Diagnostic error : resource.getErrors()) {
			store.loadWarnings.add(source + ":" + error.getLine() + ": " + error.getMessage() + "; the reference is dropped at the next save");
		}
		return store;
	}

	private static boolean onlyUnresolvedReferences(Resource resource) {
		return !resource.getErrors().isEmpty()
				&& resource.getErrors().stream().allMatch(UnresolvedReferenceException.class::isInstance);
	}

	/** Loads the project file, or creates it (named after the file) when it does not exist: what {@code --project} does. */
	public static ProjectStore openOrCreate(Path file) throws IOException {
		Path target = normalize(file);
		if (Files.exists(target)) {
			return load(target);
		}
		String fileName = target.getFileName().toString();
		String name = fileName.endsWith("." + FILE_EXTENSION)
				? fileName.substring(0, fileName.length() - FILE_EXTENSION.length() - 1)
				: fileName;
		return create(target, name);
	}

	/** The project file (absolute, normalised). */
	public Path file() {
		return file;
	}

	/** The folder relative paths are resolved against: the project file's folder. */
	public Path directory() {
		return file.getParent();
	}

	/** Where {@link #save()} keeps the version it replaces. */
	public Path backupFile() {
		return file.resolveSibling(file.getFileName() + BACKUP_SUFFIX);
	}

	/**
	 * What {@link #load(Path)} tolerated, one line each naming file and line: references to runs,
	 * datasets or sequences that are no longer in the file (removed by hand). Empty normally.
	 */
	public List<String> loadWarnings() {
		return List.copyOf(loadWarnings);
	}

	/** The project's root object. */
	public VosProject project() {
		return project;
	}

	/** The EMF resource holding the project (for editing domains and adapters). */
	public Resource resource() {
		return resource;
	}

	/** Whether the model changed since it was loaded or last saved. */
	public boolean isDirty() {
		return resource.isModified();
	}

	/**
	 * Saves the project atomically (temporary file + rename) and keeps the version it replaces as
	 * {@link #backupFile()}. On failure the project file is untouched and no temporary file is left.
	 *
	 * @throws ProjectChangedOnDiskException if another program wrote the file since this store
	 *             loaded or saved it; nothing is written then (see {@link #save(boolean)})
	 */
	public void save() throws IOException {
		save(false);
	}

	/**
	 * Saves the project; with {@code overwriteChangesOnDisk} it replaces the file even if another
	 * program wrote it meanwhile (that version then becomes the backup).
	 */
	public void save(boolean overwriteChangesOnDisk) throws IOException {
		if (!overwriteChangesOnDisk && changedOnDisk()) {
			throw new ProjectChangedOnDiskException(file);
		}
		ByteArrayOutputStream xmi = new ByteArrayOutputStream();
		// Saving to a stream marks the resource clean; it is clean only once the file is in place.
		resource.save(xmi, saveOptions());
		resource.setModified(true);

		Path directory = directory();
		Files.createDirectories(directory);
		// what a save killed half-way left (dead writers' temporaries); then a temporary that gets the
		// umask's mode (createTempFile's 0600 would survive the rename and hide the project from a teammate)
		AtomicFiles.removeLeftovers(directory);
		Path temp = AtomicFiles.temporaryFor(file);
		try {
			try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
				ByteBuffer buffer = ByteBuffer.wrap(xmi.toByteArray());
				while (buffer.hasRemaining()) {
					channel.write(buffer);
				}
				channel.force(true);
			}
			if (Files.exists(file)) {
				keepBackup();
			}
			move(temp, file);
		} catch (IOException | RuntimeException e) {
			Files.deleteIfExists(temp);
			throw e;
		}
		lastSeenVersion = versionOf(file);
		resource.setModified(false);
	}

	/**
	 * Whether another program wrote (or removed) the project file since this store loaded or
	 * saved it; a workbench asks before saving over it.
	 */
	public boolean changedOnDisk() {
		return lastSeenVersion != null && !lastSeenVersion.equals(versionOf(file));
	}

	/** Identity, size and time of the file: writers that rename a new file into place change its identity. */
	private static Object versionOf(Path file) {
		try {
			BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
			return List.of(String.valueOf(attributes.fileKey()), attributes.size(), attributes.lastModifiedTime());
		} catch (IOException e) {
			return "missing";
		}
	}

	/** Copies the current project file to the backup, itself through a temporary file so the backup is never half written. */
	private void keepBackup() throws IOException {
		Path temp = AtomicFiles.temporaryFor(backupFile());
		try {
			Files.copy(file, temp, StandardCopyOption.COPY_ATTRIBUTES);
			move(temp, backupFile());
		} finally {
			Files.deleteIfExists(temp);
		}
	}

	private static void move(Path source, Path target) throws IOException {
		try {
			Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		} catch (AtomicMoveNotSupportedException e) {
			Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	// ---- paths

	/**
	 * The form a path is stored in: relative to {@link #directory()} ('/'-separated) when it lies
	 * under it ({@code "."} for the folder itself), absolute otherwise.
	 */
	public String toStoredPath(Path path) {
		Path absolute = normalize(path);
		if (absolute.startsWith(directory())) {
			Path relative = directory().relativize(absolute);
			String text = relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
			return text.isEmpty() ? "." : text;
		}
		return absolute.toString();
	}

	/** The absolute path of a stored path (relative ones against {@link #directory()}); null for null or blank. */
	public Path resolve(String storedPath) {
		if (storedPath == null || storedPath.isBlank()) {
			return null;
		}
		Path path = Path.of(storedPath);
		return path.isAbsolute() ? path.normalize() : directory().resolve(path).normalize();
	}

	// ---- datasets and sequences

	/**
	 * Adds a dataset.
	 *
	 * @throws IllegalArgumentException if the project already has a dataset of that name
	 */
	public Dataset addDataset(String name, Path root, String formatId) {
		if (project.findDataset(name) != null) {
			throw new IllegalArgumentException("the project already has a dataset named '" + name + "'");
		}
		Dataset dataset = VosBenchFactory.eINSTANCE.createDataset();
		dataset.setName(name);
		dataset.setRootPath(toStoredPath(root));
		dataset.setFormatId(formatId);
		dataset.setAddedAt(Instant.now());
		project.getDatasets().add(dataset);
		return dataset;
	}

	/** The dataset whose root is this folder, if the project has one. */
	public Optional<Dataset> findDatasetByRoot(Path root) {
		Path wanted = normalize(root);
		return project.getDatasets().stream().filter(d -> wanted.equals(resolve(d.getRootPath()))).findFirst();
	}

	/**
	 * The project's dataset for this folder and format, added (named after the folder, made unique)
	 * when there is none: what the CLI's {@code --project} does for the folder it works on.
	 */
	public Dataset ensureDataset(Path root, String formatId) {
		Path wanted = normalize(root);
		for (Dataset dataset : project.getDatasets()) {
			if (wanted.equals(resolve(dataset.getRootPath())) && Objects.equals(formatId, dataset.getFormatId())) {
				return dataset;
			}
		}
		Path folderName = wanted.getFileName();
		String base = folderName == null ? wanted.toString() : folderName.toString();
		return addDataset(uniqueName(base, n -> project.findDataset(n) == null), wanted, formatId);
	}

	/**
	 * One sequence of a dataset as it was listed (frames counted, first masks decoded) before the project is
	 * changed, so that a dataset is added whole or not at all.
	 *
	 * @param objectIds the object ids, or null when they were not read (they are then left as they are)
	 */
	public record SequenceListing(String name, int frames, List<Integer> annotatedFrames, List<Integer> objectIds) {
	}

	/**
	 * Adds a dataset folder and its listed sequences to the project, or updates the dataset this folder
	 * already is: what both the command line ({@code vosbench datasets --project}) and the workbench
	 * (Add Dataset, New Project) do. The listing is read completely by the caller first, so a bad mask
	 * fails before the project changes.
	 *
	 * @param options the dataset options the folder was read with (split, year, resolution), may be empty
	 * @return the project's dataset
	 */
	public Dataset addDatasetListing(Path root, String formatId, Map<String, String> options,
			List<SequenceListing> sequences) {
		Dataset dataset = ensureDataset(root, formatId);
		dataset.getOptions().putAll(options);
		for (SequenceListing listed : sequences) {
			Sequence s = ensureSequence(dataset, listed.name());
			s.setFrameCount(listed.frames());
			s.getAnnotatedFrames().clear();
			s.getAnnotatedFrames().addAll(listed.annotatedFrames());
			if (listed.objectIds() != null) {
				s.getObjectIds().clear();
				s.getObjectIds().addAll(listed.objectIds());
			}
		}
		return dataset;
	}

	/** The dataset's sequence of this name, added (not started, no frames yet) when there is none. */
	public static Sequence ensureSequence(Dataset dataset, String name) {
		Sequence sequence = dataset.findSequence(name);
		if (sequence == null) {
			sequence = VosBenchFactory.eINSTANCE.createSequence();
			sequence.setName(name);
			dataset.getSequences().add(sequence);
		}
		return sequence;
	}

	// ---- review

	/** Sets a sequence's review state and, when it changes, when it changed. */
	public static void setReviewState(Sequence sequence, ReviewState state) {
		Objects.requireNonNull(state, "state");
		if (sequence.getReviewState() != state) {
			sequence.setReviewState(state);
			sequence.setReviewStateChangedAt(Instant.now());
		}
	}

	/** How many of the dataset's sequences are in each review state; every state is a key, in workflow order. */
	public static Map<ReviewState, Integer> reviewStateCounts(Dataset dataset) {
		Map<ReviewState, Integer> counts = new EnumMap<>(ReviewState.class);
		for (ReviewState state : ReviewState.values()) {
			counts.put(state, 0);
		}
		for (Sequence sequence : dataset.getSequences()) {
			counts.merge(sequence.getReviewState(), 1, Integer::sum);
		}
		return counts;
	}

	// ---- runs and evaluations

	/**
	 * Records a run: gives it the next free id ({@code run-1}, {@code run-2}, ...) when it has
	 * none and a start time when it has none, and adds it to the project.
	 *
	 * @throws IllegalArgumentException if its id contains white space or another run or evaluation already has it
	 */
	public Run addRun(Run run) {
		if (run.getId() == null || run.getId().isBlank()) {
			run.setId(nextId(RUN_ID_PREFIX));
		}
		checkId(run.getId());
		if (run.getStartedAt() == null) {
			run.setStartedAt(Instant.now());
		}
		if (run.getStatus() == RunStatus.COMPLETED && run.getOutputPath() != null) {
			releaseReplacedSequences(run);
		}
		project.getRuns().add(run);
		return run;
	}

	/**
	 * A completed run replaced the result folders of its sequences: earlier completed runs into the
	 * same output no longer own those files, so they stop listing those sequences (and say by
	 * which run they were replaced). The project never records two completed runs over the same files.
	 */
	private void releaseReplacedSequences(Run newer) {
		for (Run older : project.getRuns()) {
			if (older == newer || older.getStatus() != RunStatus.COMPLETED
					|| !newer.getOutputPath().equals(older.getOutputPath())) {
				continue;
			}
			List<Sequence> replaced = new ArrayList<>(older.getSequences());
			replaced.retainAll(newer.getSequences());
			if (replaced.isEmpty()) {
				continue;
			}
			older.getSequences().removeAll(replaced);
			String names = replaced.stream().map(Sequence::getName).reduce((a, b) -> a + ", " + b).orElse("");
			String note = "results of " + names + " replaced by " + (newer.getName() == null ? "a later run" : newer.getName())
					+ " at " + (newer.getFinishedAt() == null ? Instant.now() : newer.getFinishedAt());
			older.setMessage(older.getMessage() == null || older.getMessage().isBlank() ? note : older.getMessage() + "; " + note);
		}
	}

	/**
	 * Records an evaluation: gives it the next free id ({@code eval-1}, ...) when it has none and a
	 * creation time when it has none, and adds it to the project.
	 *
	 * @throws IllegalArgumentException if its id contains white space or another run or evaluation already has it
	 */
	public Evaluation addEvaluation(Evaluation evaluation) {
		if (evaluation.getId() == null || evaluation.getId().isBlank()) {
			evaluation.setId(nextId(EVALUATION_ID_PREFIX));
		}
		checkId(evaluation.getId());
		if (evaluation.getCreatedAt() == null) {
			evaluation.setCreatedAt(Instant.now());
		}
		project.getEvaluations().add(evaluation);
		return evaluation;
	}

	/** Run and evaluation ids are XMI ids: references to them use the id, so it must be one word and unique in the file. */
	private void checkId(String id) {
		if (id.chars().anyMatch(Character::isWhitespace)) {
			throw new IllegalArgumentException("id '" + id + "' contains white space");
		}
		if (project.findRun(id) != null || project.findEvaluation(id) != null) {
			throw new IllegalArgumentException("the project already has a run or evaluation with id '" + id + "'");
		}
	}

	/** One more than the highest number used with this prefix, so an id is never reused after a deletion. */
	private String nextId(String prefix) {
		int highest = 0;
		for (EObject object : project.eContents()) {
			String id = object instanceof Run run ? run.getId() : object instanceof Evaluation evaluation ? evaluation.getId() : null;
			if (id != null && id.startsWith(prefix)) {
				try {
					highest = Math.max(highest, Integer.parseInt(id.substring(prefix.length())));
				} catch (NumberFormatException e) {
					// a person's own id (run-baseline): not numbered, nothing to avoid
				}
			}
		}
		return prefix + (highest + 1);
	}

	/** Lower-case hex SHA-256 of a file's bytes (for {@link Run#setWeightsSha256(String)}). */
	public static String sha256(Path file) throws IOException {
		MessageDigest digest;
		try {
			digest = MessageDigest.getInstance("SHA-256");
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every Java runtime has SHA-256", e);
		}
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
			in.transferTo(OutputStream.nullOutputStream());
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	// ---- EMF plumbing

	/** A resource set that reads and writes .vosbench files, in or outside OSGi. */
	private static ResourceSet newResourceSet() {
		ResourceSet resourceSet = new ResourceSetImpl();
		resourceSet.getPackageRegistry().put(VosBenchPackage.eNS_URI, VosBenchPackage.eINSTANCE);
		VosBenchResourceFactoryImpl factory = new VosBenchResourceFactoryImpl();
		resourceSet.getResourceFactoryRegistry().getExtensionToFactoryMap().put(FILE_EXTENSION, factory);
		resourceSet.getResourceFactoryRegistry().getExtensionToFactoryMap().put(Resource.Factory.Registry.DEFAULT_EXTENSION, factory);
		return resourceSet;
	}

	private static Map<Object, Object> saveOptions() {
		Map<Object, Object> options = new HashMap<>();
		options.put(XMLResource.OPTION_ENCODING, "UTF-8");
		options.put(XMLResource.OPTION_LINE_WIDTH, 100);
		// A run whose dataset was removed keeps its other facts; the reference is dropped, the save does not fail.
		options.put(XMLResource.OPTION_PROCESS_DANGLING_HREF, XMLResource.OPTION_PROCESS_DANGLING_HREF_DISCARD);
		return options;
	}

	private static Map<Object, Object> loadOptions() {
		Map<Object, Object> options = new HashMap<>();
		// A file written by a newer VOS Bench keeps what this version does not know when saved again.
		options.put(XMLResource.OPTION_RECORD_UNKNOWN_FEATURE, Boolean.TRUE);
		options.put(XMLResource.OPTION_DEFER_IDREF_RESOLUTION, Boolean.TRUE);
		return options;
	}

	private static InvalidProjectException invalid(Path file, String problem, Throwable cause) {
		Path backup = file.resolveSibling(file.getFileName() + BACKUP_SUFFIX);
		String hint = Files.isRegularFile(backup) ? "; the previous version is in " + backup : "";
		return new InvalidProjectException(file, problem + hint, cause);
	}

	private static String rootMessage(Throwable e) {
		Throwable t = e;
		while (t.getCause() != null && t.getCause() != t) {
			t = t.getCause();
		}
		return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
	}

	private static String uniqueName(String base, Predicate<String> free) {
		if (free.test(base)) {
			return base;
		}
		for (int i = 2;; i++) {
			String candidate = base + " (" + i + ")";
			if (free.test(candidate)) {
				return candidate;
			}
		}
	}

	private static Path normalize(Path path) {
		return path.toAbsolutePath().normalize();
	}
}
