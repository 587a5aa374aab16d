package org.vosbench.model.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.resource.impl.ResourceSetImpl;
import org.eclipse.emf.ecore.xmi.impl.XMIResourceFactoryImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosbench.model.Dataset;
import org.vosbench.model.Evaluation;
import org.vosbench.model.ObjectResult;
import org.vosbench.model.ReviewState;
import org.vosbench.model.Run;
import org.vosbench.model.RunKind;
import org.vosbench.model.RunStatus;
import org.vosbench.model.Sequence;
import org.vosbench.model.SequenceResult;
import org.vosbench.model.VosBenchFactory;
import org.vosbench.model.VosBenchPackage;
import org.vosbench.model.VosProject;

class ProjectStoreTest {

	private static final VosBenchFactory FACTORY = VosBenchFactory.eINSTANCE;

	@TempDir
	Path dir;

	@Test
	void createdProjectIsSavedAtOnceWithItsName() throws IOException {
		Path file = dir.resolve("work.vosbench");

		ProjectStore store = ProjectStore.create(file, "Lab work");

		assertTrue(Files.isRegularFile(file));
		assertEquals("Lab work", ProjectStore.load(file).project().getName());
		assertFalse(store.isDirty());
	}

	@Test
	void createRefusesToOverwriteAnExistingFile() throws IOException {
		Path file = dir.resolve("work.vosbench");
		Files.writeString(file, "a person's file");

		assertThrows(FileAlreadyExistsException.class, () -> ProjectStore.create(file, "new"));
		assertEquals("a person's file", Files.readString(file));
	}

	@Test
	void openOrCreateNamesANewProjectAfterItsFileAndLoadsAnExistingOne() throws IOException {
		Path file = dir.resolve("davis-review.vosbench");

		ProjectStore created = ProjectStore.openOrCreate(file);
		assertEquals(List.of(), created.loadWarnings());
		created.project().setName("renamed");
		created.save();
		ProjectStore opened = ProjectStore.openOrCreate(file);

		assertEquals("renamed", opened.project().getName());
		assertEquals("davis-review", ProjectStore.load(file.resolveSibling(file.getFileName() + ".bak")).project().getName());
	}

	@Test
	void everyRecordedValueSurvivesSaveAndReloadInAFreshResourceSet() throws IOException {
		Path file = dir.resolve("p.vosbench");
		ProjectStore store = ProjectStore.create(file, "round trip");
		Instant started = Instant.parse("2024-05-01T10:15:30.123456789Z");
		Instant finished = Instant.parse("2024-05-01T10:17:00Z");

		store.project().getSettings().put("backbone", "stcn");
		Dataset davis = store.addDataset("DAVIS 2017 val", dir.resolve("data/DAVIS"), "davis");
		davis.getOptions().put("year", "2017");
		davis.getOptions().put("split", "val");
		Sequence bike = ProjectStore.ensureSequence(davis, "bike-packing");
		bike.setFrameCount(69);
		bike.getObjectIds().addAll(List.of(1, 2));
		bike.getAnnotatedFrames().addAll(List.of(0, 40));
		bike.getEditedFrames().add(17);
		bike.setNote("rider's arm leaks at 17");
		ProjectStore.setReviewState(bike, ReviewState.PROPAGATED);
		Sequence dog = ProjectStore.ensureSequence(davis, "dog");
		dog.setFrameCount(60);
		dog.getObjectIds().add(1);

		Run run = FACTORY.createRun();
		run.setName("STCN baseline");
		run.setKind(RunKind.PROPAGATE);
		run.setDataset(davis);
		run.getSequences().addAll(List.of(bike, dog));
		run.setEngine("DJL 0.35.1 / PyTorch 2.7.1");
		run.setBackboneId("stcn");
		run.setWeightsPath(store.toStoredPath(dir.resolve("weights/stcn.pth")));
		run.setWeightsSha256("ab".repeat(32));
		run.setSimilarityId("dot");
		run.setTopK(50);
		run.setMemEvery(3);
		run.setIncludeLast(true);
		run.setMemoryPolicy("bounded");
		run.setMaxMemoryFrames(16);
		run.setDevice("gpu");
		run.setAmp(true);
		run.setOutputPath(store.toStoredPath(dir.resolve("results/stcn")));
		run.getParameters().put("direction", "forward");
		run.setStartedAt(started);
		run.setFinishedAt(finished);
		run.setFrames(129);
		run.setFramesPerSecond(21.5);
		run.setPeakMemoryBytes(3_000_000_000L);
		run.setStatus(RunStatus.CANCELLED);
		run.setMessage("cancelled by the user after 129 frames");
		store.addRun(run);

		Evaluation evaluation = FACTORY.createEvaluation();
		evaluation.setName("STCN on val");
		evaluation.setRun(run);
		evaluation.setDataset(davis);
		evaluation.setResultsPath("results/stcn");
		evaluation.setDavisRoot("data/DAVIS");
		evaluation.setSet("val");
		evaluation.setYear("2017");
		evaluation.setJMean(0.825);
		evaluation.setJRecall(0.9);
		evaluation.setJDecay(0.05);
		evaluation.setFMean(0.875);
		evaluation.setFRecall(0.95);
		evaluation.setFDecay(0.04);
		evaluation.setJAndF(0.85);
		evaluation.setElapsedSeconds(1.75);
		evaluation.setOutputPath("results/stcn");
		evaluation.getSequenceResults().add(sequenceResult("bike-packing", object(1, 0.5, 0.75), object(2, 0.25, 0.5)));
		store.addEvaluation(evaluation);
		store.save();

		VosProject loaded = ProjectStore.load(file).project();

		assertEquals("round trip", loaded.getName());
		assertEquals("stcn", loaded.getSettings().get("backbone"));
		Dataset d = loaded.findDataset("DAVIS 2017 val");
		assertEquals("data/DAVIS", d.getRootPath());
		assertEquals("davis", d.getFormatId());
		assertEquals(Map.of("year", "2017", "split", "val"), d.getOptions().map());
		assertEquals(2, d.getSequences().size());
		Sequence b = d.findSequence("bike-packing");
		assertEquals(69, b.getFrameCount());
		assertEquals(List.of(1, 2), b.getObjectIds());
		assertEquals(List.of(0, 40), b.getAnnotatedFrames());
		assertEquals(List.of(17), b.getEditedFrames());
		assertEquals("rider's arm leaks at 17", b.getNote());
		assertEquals(ReviewState.PROPAGATED, b.getReviewState());
		assertNotNull(b.getReviewStateChangedAt());
		assertSame(d, b.getDataset());
		assertSame(loaded, d.getProject());
		assertEquals(ReviewState.NOT_STARTED, d.findSequence("dog").getReviewState());

		Run r = loaded.findRun("run-1");
		assertEquals("STCN baseline", r.getName());
		assertEquals(RunKind.PROPAGATE, r.getKind());
		assertSame(d, r.getDataset());
		assertEquals(List.of(b, d.findSequence("dog")), r.getSequences());
		assertEquals("DJL 0.35.1 / PyTorch 2.7.1", r.getEngine());
		assertEquals("stcn", r.getBackboneId());
		assertEquals("weights/stcn.pth", r.getWeightsPath());
		assertEquals("ab".repeat(32), r.getWeightsSha256());
		assertEquals("dot", r.getSimilarityId());
		assertEquals(50, r.getTopK());
		assertEquals(3, r.getMemEvery());
		assertTrue(r.isIncludeLast());
		assertEquals("bounded", r.getMemoryPolicy());
		assertEquals(16, r.getMaxMemoryFrames());
		assertEquals("gpu", r.getDevice());
		assertTrue(r.isAmp());
		assertEquals("results/stcn", r.getOutputPath());
		assertEquals("forward", r.getParameters().get("direction"));
		assertEquals(started, r.getStartedAt());
		assertEquals(finished, r.getFinishedAt());
		assertEquals(129, r.getFrames());
		assertEquals(21.5, r.getFramesPerSecond());
		assertEquals(3_000_000_000L, r.getPeakMemoryBytes());
		assertEquals(RunStatus.CANCELLED, r.getStatus());
		assertEquals("cancelled by the user after 129 frames", r.getMessage());

		Evaluation e = loaded.findEvaluation("eval-1");
		assertEquals("STCN on val", e.getName());
		assertSame(r, e.getRun());
		assertSame(d, e.getDataset());
		assertEquals("results/stcn", e.getResultsPath());
		assertEquals("data/DAVIS", e.getDavisRoot());
		assertEquals("val", e.getSet());
		assertEquals("2017", e.getYear());
		assertEquals(0.825, e.getJMean());
		assertEquals(0.9, e.getJRecall());
		assertEquals(0.05, e.getJDecay());
		assertEquals(0.875, e.getFMean());
		assertEquals(0.95, e.getFRecall());
		assertEquals(0.04, e.getFDecay());
		assertEquals(0.85, e.getJAndF());
		assertEquals(1.75, e.getElapsedSeconds());
		assertEquals("results/stcn", e.getOutputPath());
		assertNotNull(e.getCreatedAt());
		assertEquals(1, e.getSequenceResults().size());
		SequenceResult bikeResult = e.getSequenceResults().get(0);
		assertEquals("bike-packing", bikeResult.getSequenceName());
		assertEquals(2, bikeResult.getObjectResults().get(1).getObjectId());
		assertEquals(0.25, bikeResult.getObjectResults().get(1).getJMean());
		assertEquals(0.5, bikeResult.getObjectResults().get(1).getFMean());
	}

	@Test
	void theFileIsPlainXmiThatAnyEmfResourceSetReads() throws IOException {
		Path file = dir.resolve("p.vosbench");
		ProjectStore store = ProjectStore.create(file, "plain");
		ProjectStore.ensureSequence(store.addDataset("d", dir, "folder"), "s");
		store.save();

		ResourceSet resourceSet = new ResourceSetImpl();
		resourceSet.getResourceFactoryRegistry().getExtensionToFactoryMap().put("*", new XMIResourceFactoryImpl());
		resourceSet.getPackageRegistry().put(VosBenchPackage.eNS_URI, VosBenchPackage.eINSTANCE);
		Resource resource = resourceSet.getResource(URI.createFileURI(file.toString()), true);

		VosProject project = (VosProject) resource.getContents().get(0);
		assertEquals("plain", project.getName());
		assertEquals("s", project.getDatasets().get(0).getSequences().get(0).getName());
	}

	@Test
	void runDefaultsAreStcnsSettings() {
		Run run = FACTORY.createRun();

		assertEquals(20, run.getTopK());
		assertEquals(5, run.getMemEvery());
		assertFalse(run.isIncludeLast());
		assertEquals("stcn", run.getMemoryPolicy());
		assertEquals("l2", run.getSimilarityId());
		assertEquals("cpu", run.getDevice());
	}

	@Test
	void reviewStateChangePersistsAndRecordsWhenItChanged() throws IOException {
		Path file = dir.resolve("p.vosbench");
		ProjectStore store = ProjectStore.create(file, "p");
		Sequence sequence = ProjectStore.ensureSequence(store.addDataset("d", dir, "folder"), "cows");
		store.save();
		Instant before = Instant.now();

		ProjectStore reopened = ProjectStore.load(file);
		Sequence cows = reopened.project().findDataset("d").findSequence("cows");
		assertEquals(ReviewState.NOT_STARTED, cows.getReviewState());
		ProjectStore.setReviewState(cows, ReviewState.APPROVED);
		assertTrue(reopened.isDirty());
		reopened.save();

		Sequence again = ProjectStore.load(file).project().findDataset("d").findSequence("cows");
		assertEquals(ReviewState.APPROVED, again.getReviewState());
		assertFalse(again.getReviewStateChangedAt().isBefore(before));
		assertNull(sequence.getReviewStateChangedAt());
	}

	@Test
	void settingTheSameReviewStateKeepsTheTimeOfTheLastChange() {
		Sequence sequence = FACTORY.createSequence();
		ProjectStore.setReviewState(sequence, ReviewState.REVIEWED);
		Instant changed = sequence.getReviewStateChangedAt();

		ProjectStore.setReviewState(sequence, ReviewState.REVIEWED);

		assertSame(changed, sequence.getReviewStateChangedAt());
	}

	@Test
	void reviewStateCountsListEveryStateWithHowManySequencesAreInIt() {
		Dataset dataset = FACTORY.createDataset();
		ReviewState[] states = { ReviewState.APPROVED, ReviewState.IN_PROGRESS, ReviewState.APPROVED,
				ReviewState.NOT_STARTED, ReviewState.APPROVED };
		for (int i = 0; i < states.length; i++) {
			ProjectStore.setReviewState(ProjectStore.ensureSequence(dataset, "s" + i), states[i]);
		}

		Map<ReviewState, Integer> counts = ProjectStore.reviewStateCounts(dataset);

		assertEquals(List.of(ReviewState.NOT_STARTED, ReviewState.IN_PROGRESS, ReviewState.PROPAGATED,
				ReviewState.REVIEWED, ReviewState.APPROVED), List.copyOf(counts.keySet()));
		assertEquals(List.of(1, 1, 0, 0, 3), List.copyOf(counts.values()));
		assertEquals(3, dataset.countSequences(ReviewState.APPROVED));
		assertEquals(0, dataset.countSequences(ReviewState.REVIEWED));
	}

	@Test
	void reviewStatesAreSavedByTheirLiteral() throws IOException {
		Path file = dir.resolve("p.vosbench");
		ProjectStore store = ProjectStore.create(file, "p");
		ProjectStore.setReviewState(ProjectStore.ensureSequence(store.addDataset("d", dir, "folder"), "s"),
				ReviewState.IN_PROGRESS);
		store.save();

		assertTrue(Files.readString(file).contains("reviewState=\"in-progress\""));
		assertEquals(ReviewState.IN_PROGRESS, ReviewState.get("in-progress"));
	}

	@Test
	void secondSaveKeepsThePreviousVersionAsBackup() throws IOException {
		Path file = dir.resolve("p.vosbench");
		ProjectStore store = ProjectStore.create(file, "first");
		assertFalse(Files.exists(store.backupFile()), "a new project has no previous version");

		store.project().setName("second");
		store.save();
		store.project().setName("third");
		store.save();

		assertEquals("third", ProjectStore.load(file).project().getName());
		assertEquals("second", ProjectStore.load(store.backupFile()).project().getName());
		assertEquals(dir.resolve("p.vosbench.bak"), store.backupFile());
	}

	@Test
	void savedProjectAndBackupGetTheModeTheUmaskGivesNewFiles() throws IOException {
		Path reference = Files.createFile(dir.resolve("reference")); // the operating system's mode for a new file
		ProjectStore store = ProjectStore.create(dir.resolve("p.vosbench"), "p");
		store.project().setName("again");
		store.save();

		assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(store.file()));
		assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(store.backupFile()));
	}

	@Test
	void aSaveRemovesTheTemporaryFileOfASaveThatWasKilled() throws IOException {
		ProjectStore store = ProjectStore.create(dir.resolve("p.vosbench"), "p");
		Path leftover = Files.writeString(dir.resolve(".p.vosbench.5551234.tmp"), "half");
		Files.setLastModifiedTime(leftover, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));

		store.save();

		assertEquals(List.of("p.vosbench", "p.vosbench.bak"), listNames(dir));
	}

	@Test
	void aCompletedRunIntoTheSameOutputTakesItsSequencesOffTheEarlierRun() throws IOException {
		ProjectStore store = ProjectStore.create(dir.resolve("p.vosbench"), "p");
		Dataset dataset = FACTORY.createDataset();
		Sequence bike = ProjectStore.ensureSequence(dataset, "bike");
		Sequence car = ProjectStore.ensureSequence(dataset, "car");
		Run first = completedRun("out", bike, car);
		Run cancelled = completedRun("out", bike);
		cancelled.setStatus(RunStatus.CANCELLED);
		Run elsewhere = completedRun("other", bike);
		store.addRun(first);
		store.addRun(cancelled);
		store.addRun(elsewhere);

		store.addRun(completedRun("out", bike));

		assertEquals(List.of(car), first.getSequences());
		assertTrue(first.getMessage().contains("bike"), first.getMessage());
		assertEquals(List.of(bike), cancelled.getSequences(), "a run that did not complete owned nothing");
		assertEquals(List.of(bike), elsewhere.getSequences(), "another output folder");
	}

	private static Run completedRun(String output, Sequence... sequences) {
		Run run = FACTORY.createRun();
		run.setName("run into " + output);
		run.setOutputPath(output);
		run.setStatus(RunStatus.COMPLETED);
		run.getSequences().addAll(List.of(sequences));
		return run;
	}

	@Test
	void saveRefusesToReplaceWhatAnotherProgramSavedUnlessToldTo() throws IOException {
		Path file = dir.resolve("p.vosbench");
		ProjectStore.create(file, "p");
		ProjectStore workbench = ProjectStore.load(file);
		ProjectStore cli = ProjectStore.load(file);
		Evaluation evaluation = FACTORY.createEvaluation();
		evaluation.setJMean(0.5);
		cli.addEvaluation(evaluation);
		cli.save();
		workbench.project().setName("renamed in the workbench");

		assertTrue(workbench.changedOnDisk());
		ProjectChangedOnDiskException e = assertThrows(ProjectChangedOnDiskException.class, workbench::save);
		assertEquals(file, e.file());
		assertEquals(1, ProjectStore.load(file).project().getEvaluations().size(), "the CLI's evaluation is still there");
		assertFalse(cli.changedOnDisk());

		workbench.save(true);

		assertEquals("renamed in the workbench", ProjectStore.load(file).project().getName());
		assertEquals(1, ProjectStore.load(workbench.backupFile()).project().getEvaluations().size(),
				"what the workbench overwrote is the backup");
		assertFalse(workbench.changedOnDisk());
	}

	@Test
	void failedSaveLeavesThePreviousFileIntactAndNoTemporaryFile() throws IOException {
		Path file = dir.resolve("p.vosbench");
		ProjectStore store = ProjectStore.create(file, "saved");
		byte[] before = Files.readAllBytes(file);
		// A folder where the backup goes makes the save fail after the new version was written to its temporary file.
		Files.createDirectories(store.backupFile().resolve("blocker"));
		store.project().setName("not saved");

		assertThrows(IOException.class, store::save);

		assertArrayEqualsBytes(before, Files.readAllBytes(file));
		assertEquals("saved", ProjectStore.load(file).project().getName());
		assertEquals(List.of("p.vosbench", "p.vosbench.bak"), listNames(dir));
		assertTrue(store.isDirty(), "the unsaved change is still to be saved");
	}

	@Test
	void saveIntoAnUnwritableFolderFailsAndLeavesTheFileIntact() throws IOException {
		assumeFalse("root".equals(System.getProperty("user.name")), "root can write into any folder");
		Path folder = Files.createDirectory(dir.resolve("locked"));
		Path file = folder.resolve("p.vosbench");
		ProjectStore store = ProjectStore.create(file, "saved");
		byte[] before = Files.readAllBytes(file);
		Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
		try {
			store.project().setName("not saved");

			assertThrows(IOException.class, store::save);

			assertArrayEqualsBytes(before, Files.readAllBytes(file));
			assertEquals(List.of("p.vosbench"), listNames(folder));
		} finally {
			Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
	}

	@Test
	void loadingACorruptFileNamesTheFileAndTheBackup() throws IOException {
		Path file = dir.resolve("p.vosbench");
		ProjectStore store = ProjectStore.create(file, "p");
		store.save();
		String xml = Files.readString(file);
		Files.writeString(file, xml.substring(0, xml.length() / 2));

		InvalidProjectException e = assertThrows(InvalidProjectException.class, () -> ProjectStore.load(file));

		assertEquals(file, e.file());
		assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
		assertTrue(e.getMessage().contains(file + ".bak"), e.getMessage());
	}

	@Test
	void loadingAnotherXmlFileSaysItIsNotAProject() throws IOException {
		Path file = dir.resolve("other.vosbench");
		Files.writeString(file, "<?xml version=\"1.0\"?><catalog xmlns=\"http://example.org/catalog\"/>");

		InvalidProjectException e = assertThrows(InvalidProjectException.class, () -> ProjectStore.load(file));

		assertTrue(e.getMessage().contains("not a") && e.getMessage().contains("project"), e.getMessage());
	}

	@Test
	void aReferenceToARunRemovedByHandIsDroppedAndTheProjectStillOpens() throws IOException {
		Path file = dir.resolve("p.vosbench");
		ProjectStore store = ProjectStore.create(file, "p");
		store.addDataset("d", dir, "folder");
		Run run = store.addRun(FACTORY.createRun());
		Evaluation evaluation = FACTORY.createEvaluation();
		evaluation.setRun(run);
		evaluation.setJMean(0.5);
		store.addEvaluation(evaluation);
		store.save();
		String xml = Files.readString(file);
		int start = xml.indexOf("<runs ");
		Files.writeString(file, xml.substring(0, start) + xml.substring(xml.indexOf("/>", start) + 2));

		ProjectStore reopened = ProjectStore.load(file);

		Evaluation loaded = reopened.project().findEvaluation("eval-1");
		assertNull(loaded.getRun());
		assertEquals(0.5, loaded.getJMean());
		assertEquals("d", reopened.project().getDatasets().get(0).getName());
		assertEquals(1, reopened.loadWarnings().size());
		assertTrue(reopened.loadWarnings().get(0).startsWith(file + ":"), reopened.loadWarnings().get(0));
		assertTrue(reopened.loadWarnings().get(0).contains("run-1"), reopened.loadWarnings().get(0));
	}

	@Test
	void anIllegalValueMakesTheFileUnreadableRatherThanLosingIt() throws IOException {
		Path file = dir.resolve("p.vosbench");
		ProjectStore store = ProjectStore.create(file, "p");
		ProjectStore.setReviewState(ProjectStore.ensureSequence(store.addDataset("d", dir, "folder"), "s"),
				ReviewState.REVIEWED);
		store.save();
		Files.writeString(file, Files.readString(file).replace("\"reviewed\"", "\"done\""));

		InvalidProjectException e = assertThrows(InvalidProjectException.class, () -> ProjectStore.load(file));

		assertTrue(e.getMessage().contains("done"), e.getMessage());
	}

	@Test
	void loadingAMissingFileIsNoSuchFile() {
		assertThrows(NoSuchFileException.class, () -> ProjectStore.load(dir.resolve("missing.vosbench")));
	}

	@Test
	void aFolderGivenAsTheProjectIsSaidToBeAFolder() {
		InvalidProjectException e = assertThrows(InvalidProjectException.class, () -> ProjectStore.openOrCreate(dir));
		assertTrue(e.getMessage().contains(dir + ": is a folder"), e.getMessage());
	}

	@Test
	void pathsUnderTheProjectFolderAreStoredRelativeAndResolveBack() throws IOException {
		ProjectStore store = ProjectStore.create(dir.resolve("p.vosbench"), "p");

		assertEquals("data/DAVIS", store.toStoredPath(dir.resolve("data").resolve("DAVIS")));
		assertEquals(".", store.toStoredPath(dir));
		assertEquals("data/DAVIS", store.toStoredPath(dir.resolve("data/x/../DAVIS")));
		assertEquals(dir.resolve("data/DAVIS"), store.resolve("data/DAVIS"));
		assertEquals(dir, store.resolve("."));
		assertNull(store.resolve(null));
		assertNull(store.resolve(" "));
	}

	@Test
	void pathsOutsideTheProjectFolderAreStoredAbsolute() throws IOException {
		Path projectFolder = Files.createDirectory(dir.resolve("projects"));
		ProjectStore store = ProjectStore.create(projectFolder.resolve("p.vosbench"), "p");
		Path elsewhere = dir.resolve("datasets/DAVIS");

		String stored = store.toStoredPath(elsewhere);

		assertEquals(elsewhere.toString(), stored);
		assertEquals(elsewhere, store.resolve(stored));
		assertEquals(dir.resolve("datasets/DAVIS"), store.resolve("../datasets/DAVIS"));
	}

	@Test
	void aProjectMovedWithItsDataStillFindsTheData() throws IOException {
		Path original = Files.createDirectory(dir.resolve("original"));
		ProjectStore store = ProjectStore.create(original.resolve("p.vosbench"), "p");
		store.addDataset("sample", original.resolve("data/sample"), "davis");
		store.save();
		Path moved = dir.resolve("moved");
		Files.move(original, moved);

		ProjectStore reopened = ProjectStore.load(moved.resolve("p.vosbench"));

		Dataset dataset = reopened.project().findDataset("sample");
		assertEquals(moved.resolve("data/sample"), reopened.resolve(dataset.getRootPath()));
		assertSame(dataset, reopened.findDatasetByRoot(moved.resolve("data/sample")).orElseThrow());
	}

	@Test
	void ensureDatasetReusesTheDatasetOfAFolderAndNamesNewOnesUniquely() throws IOException {
		ProjectStore store = ProjectStore.create(dir.resolve("p.vosbench"), "p");
		Dataset first = store.ensureDataset(dir.resolve("a/DAVIS"), "davis");

		Dataset same = store.ensureDataset(dir.resolve("a/./DAVIS"), "davis");
		Dataset other = store.ensureDataset(dir.resolve("b/DAVIS"), "davis");

		assertSame(first, same);
		assertEquals("DAVIS", first.getName());
		assertEquals("DAVIS (2)", other.getName());
		assertEquals("b/DAVIS", other.getRootPath());
		assertThrows(IllegalArgumentException.class, () -> store.addDataset("DAVIS", dir, "folder"));
	}

	@Test
	void ensureSequenceAddsASequenceOnceAndReturnsItAfterwards() {
		Dataset dataset = FACTORY.createDataset();

		Sequence first = ProjectStore.ensureSequence(dataset, "dog");
		Sequence again = ProjectStore.ensureSequence(dataset, "dog");

		assertSame(first, again);
		assertEquals(1, dataset.getSequences().size());
		assertEquals(ReviewState.NOT_STARTED, first.getReviewState());
	}

	@Test
	void runsAndEvaluationsGetNumberedIdsThatAreNeverReused() throws IOException {
		ProjectStore store = ProjectStore.create(dir.resolve("p.vosbench"), "p");

		Run first = store.addRun(FACTORY.createRun());
		Run second = store.addRun(FACTORY.createRun());
		Evaluation evaluation = store.addEvaluation(FACTORY.createEvaluation());
		store.project().getRuns().remove(second);
		Run third = store.addRun(FACTORY.createRun());

		assertEquals("run-1", first.getId());
		assertEquals("run-2", second.getId());
		assertEquals("eval-1", evaluation.getId());
		assertEquals("run-2", third.getId(), "the highest remaining number is 1");
		assertNotNull(first.getStartedAt());
		assertNotNull(evaluation.getCreatedAt());
	}

	@Test
	void aRunIdMustBeOneWordAndUnique() throws IOException {
		ProjectStore store = ProjectStore.create(dir.resolve("p.vosbench"), "p");
		Run baseline = FACTORY.createRun();
		baseline.setId("baseline");
		store.addRun(baseline);

		Run duplicate = FACTORY.createRun();
		duplicate.setId("baseline");
		Run spaced = FACTORY.createRun();
		spaced.setId("my run");

		assertThrows(IllegalArgumentException.class, () -> store.addRun(duplicate));
		assertThrows(IllegalArgumentException.class, () -> store.addRun(spaced));
		assertEquals(1, store.project().getRuns().size());
		assertEquals("run-1", store.addRun(FACTORY.createRun()).getId());
	}

	@Test
	void evaluationKeepsItsRunWhenRunsAreReordered() throws IOException {
		Path file = dir.resolve("p.vosbench");
		ProjectStore store = ProjectStore.create(file, "p");
		Run a = store.addRun(FACTORY.createRun());
		Run b = store.addRun(FACTORY.createRun());
		Evaluation evaluation = FACTORY.createEvaluation();
		evaluation.setRun(b);
		store.addEvaluation(evaluation);
		store.save();
		String xml = Files.readString(file);
		// The runs' order is swapped by hand in the file: the reference is by id, not by position.
		int aStart = xml.indexOf("<runs id=\"run-1\"");
		int bStart = xml.indexOf("<runs id=\"run-2\"");
		int bEnd = xml.indexOf("/>", bStart) + 2;
		String swapped = xml.substring(0, aStart) + xml.substring(bStart, bEnd) + "\n  "
				+ xml.substring(aStart, bStart).strip() + xml.substring(bEnd);
		Files.writeString(file, swapped);

		VosProject loaded = ProjectStore.load(file).project();

		assertEquals("run-2", loaded.getRuns().get(0).getId());
		assertEquals("run-2", loaded.getEvaluations().get(0).getRun().getId());
		assertNotNull(a);
	}

	@Test
	void removingADatasetThatARunUsedStillSaves() throws IOException {
		Path file = dir.resolve("p.vosbench");
		ProjectStore store = ProjectStore.create(file, "p");
		Dataset dataset = store.addDataset("d", dir, "folder");
		Run run = FACTORY.createRun();
		run.setDataset(dataset);
		run.setBackboneId("stcn");
		store.addRun(run);
		store.project().getDatasets().remove(dataset);

		store.save();

		Run loaded = ProjectStore.load(file).project().findRun("run-1");
		assertNull(loaded.getDataset());
		assertEquals("stcn", loaded.getBackboneId());
	}

	@Test
	void whatANewerVersionWroteSurvivesLoadAndSave() throws IOException {
		Path file = dir.resolve("p.vosbench");
		ProjectStore store = ProjectStore.create(file, "p");
		store.addDataset("d", dir, "folder");
		store.save();
		Files.writeString(file, Files.readString(file).replace("formatId=\"folder\"", "formatId=\"folder\" colour=\"teal\""));

		ProjectStore reopened = ProjectStore.load(file);
		reopened.project().setName("changed");
		reopened.save();

		assertTrue(Files.readString(file).contains("colour=\"teal\""));
		assertEquals("changed", ProjectStore.load(file).project().getName());
	}

	@Test
	void sequenceResultMeansAreTheMeansOverItsObjects() {
		SequenceResult result = sequenceResult("s", object(1, 0.5, 0.75), object(2, 0.25, 0.5));

		assertEquals(0.375, result.jMean(), 1e-12);
		assertEquals(0.625, result.fMean(), 1e-12);
		assertEquals(0.5, result.jAndF(), 1e-12);
		assertTrue(Double.isNaN(sequenceResult("empty").jMean()));
	}

	@Test
	void sha256IsTheHexDigestOfTheFilesBytes() throws IOException {
		Path file = Files.writeString(dir.resolve("weights.pth"), "abc", StandardCharsets.US_ASCII);

		// FIPS 180-2, appendix B.1: SHA-256("abc")
		assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ProjectStore.sha256(file));
	}

	private static SequenceResult sequenceResult(String name, ObjectResult... objects) {
		SequenceResult result = FACTORY.createSequenceResult();
		result.setSequenceName(name);
		result.getObjectResults().addAll(List.of(objects));
		return result;
	}

	private static ObjectResult object(int id, double jMean, double fMean) {
		ObjectResult result = FACTORY.createObjectResult();
		result.setObjectId(id);
		result.setJMean(jMean);
		result.setFMean(fMean);
		return result;
	}

	private static List<String> listNames(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.map(p -> p.getFileName().toString()).sorted().toList();
		}
	}

	private static void assertArrayEqualsBytes(byte[] expected, byte[] actual) {
		assertEquals(new String(expected, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8));
	}
}
