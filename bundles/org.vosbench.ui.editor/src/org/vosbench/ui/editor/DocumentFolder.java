package org.vosbench.ui.editor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.SortedSet;
import java.util.TreeSet;

import org.vosbench.core.AtomicFiles;
import org.vosbench.core.MaskIO;
import org.vosbench.core.OutputInUseException;
import org.vosbench.core.Palette;
import org.vosbench.core.RunOutput;
import org.vosbench.dataset.SequenceRef;

/**
 * Reads and writes a document's {@link SequenceFolder} (masks, {@code frames.tsv}, {@code objects.tsv}):
 * the first read from the dataset's input annotations, later ones from the folder, and saves as a whole
 * under core's {@link RunOutput} as every run's output is written. Remembers which run wrote the folder as
 * it was read, so that a save over another run's output is refused.
 */
final class DocumentFolder {

    /** What a save is called in lock files and {@code .vosbench-run}, as other runs are told. */
    static final String SAVE_WHAT = "workbench editor save";

    private final SequenceRef sequence;
    private final Path workDir;
    private final RecoveryJournal.Io io;
    /** The run that wrote the folder as it was read, or as this document last saved it. */
    private String readRunId;

    DocumentFolder(SequenceRef sequence, Path workDir, RecoveryJournal.Io io) {
        this.sequence = sequence;
        this.workDir = workDir;
        this.io = io;
    }

    Path workDir() {
        return workDir;
    }

    Path maskFile(int frame) {
        return SequenceFolder.maskFile(workDir, sequence, frame);
    }

    String readRunId() {
        return readRunId;
    }

    /**
     * Fills {@code masks} with the saved frames (or the dataset's input annotations before the first save)
     * and returns the objects (saved, else those of the dataset or of the loaded masks).
     */
    List<AnnotatedObject> load(MaskStore masks) throws IOException {
        restoreInterruptedSave();
        readRunId = runIdOf(workDir);
        Path framesFile = workDir.resolve(SequenceFolder.FRAMES_FILE);
        if (Files.isRegularFile(framesFile)) {
            Map<String, FrameState> saved = SequenceFolder.readStates(framesFile);
            for (int i = 0; i < masks.frameCount(); i++) {
                FrameState s = saved.get(sequence.frame(i).name());
                if (s != null && s != FrameState.NONE) {
                    masks.loaded(i, s, maskFile(i));
                }
            }
        } else {
            for (Map.Entry<Integer, Path> given : sequence.annotations().entrySet()) {
                masks.loaded(given.getKey(), FrameState.ANNOTATED, given.getValue());
            }
        }
        Path objectsFile = workDir.resolve(SequenceFolder.OBJECTS_FILE);
        return Files.isRegularFile(objectsFile) ? SequenceFolder.readObjects(objectsFile) : defaultObjects(masks);
    }

    /**
     * A save (or another run) killed between its two renames leaves the folder set aside and none in its
     * place: claiming the folder puts it back ({@link RunOutput}) before the document reads it.
     */
    private void restoreInterruptedSave() throws IOException {
        Path parent = workDir.toAbsolutePath().getParent();
        if (Files.exists(workDir) || parent == null || !Files.isDirectory(parent)) {
            return;
        }
        String aside = "." + workDir.getFileName() + ".vosbench-";
        boolean interrupted;
        try (var siblings = Files.list(parent)) {
            interrupted = siblings.anyMatch(p -> p.getFileName().toString().startsWith(aside)
                    && p.getFileName().toString().endsWith(".old"));
        }
        if (interrupted) {
            try (RunOutput run = RunOutput.begin(SAVE_WHAT + " (restore)", true)) {
                run.claim(workDir).abandon();
            } catch (OutputInUseException e) {
                // another run holds the folder now and restores it itself
            }
        }
    }

    private List<AnnotatedObject> defaultObjects(MaskStore masks) {
        SortedSet<Integer> ids = new TreeSet<>();
        try {
            ids.addAll(sequence.objectIds());
        } catch (IOException | RuntimeException e) {
            // objects are also found in the loaded masks below; an unreadable first mask shows up there
        }
        for (int i = 0; i < masks.frameCount(); i++) {
            if (masks.state(i) != FrameState.NONE && ids.isEmpty()) {
                ids.addAll(masks.mask(i).objectIds());
            }
        }
        List<AnnotatedObject> list = new ArrayList<>();
        for (int id : ids) {
            String category = sequence.objectCategories().get(id);
            list.add(new AnnotatedObject(id, category != null ? category + " " + id : "Object " + id,
                    Palette.davis().rgb(id), true));
        }
        return list;
    }

    /**
     * Writes the whole folder under a {@link RunOutput} claim (see {@link SequenceDocument#save()}): unchanged
     * masks copied, changed ones encoded, then the two text files; the folder renamed into place.
     *
     * @throws SequenceDocument.FolderReplacedException when another run replaced the folder since it was read
     */
    void save(MaskStore masks, List<AnnotatedObject> objects) throws IOException {
        boolean firstSave = !Files.isRegularFile(workDir.resolve(SequenceFolder.FRAMES_FILE));
        try (RunOutput run = RunOutput.begin(SAVE_WHAT + " (" + sequence.name() + ")", true)) {
            RunOutput.Folder folder = run.claim(workDir);
            String onDisk = runIdOf(workDir);
            if (!Objects.equals(onDisk, readRunId)) {
                throw new SequenceDocument.FolderReplacedException(workDir, onDisk == null ? "(unknown)" : onDisk);
            }
            for (int i = 0; i < masks.frameCount(); i++) {
                if (masks.state(i) == FrameState.NONE) {
                    continue;
                }
                Path to = SequenceFolder.maskFile(folder.staging(), sequence, i);
                if (!firstSave && !masks.isTouched(i) && Files.isRegularFile(maskFile(i))) {
                    io.copy(maskFile(i), to);
                } else {
                    io.writeMask(to, masks.mask(i));
                }
            }
            io.writeString(folder.file(SequenceFolder.OBJECTS_FILE), SequenceFolder.objectsText(objects));
            io.writeString(folder.file(SequenceFolder.FRAMES_FILE), statesText(masks));
            folder.commit();
            readRunId = run.runId();
        }
        masks.saved(this::maskFile);
    }

    /** Writes the masks as they are now, their states and the objects into {@code dir}, each file atomically. */
    void writeSnapshot(Path dir, MaskStore masks, List<AnnotatedObject> objects) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < masks.frameCount(); i++) {
            if (masks.state(i) != FrameState.NONE && masks.mask(i) != null) {
                MaskIO.write(SequenceFolder.maskFile(dir, sequence, i), masks.mask(i));
            }
        }
        AtomicFiles.writeString(dir.resolve(SequenceFolder.OBJECTS_FILE), SequenceFolder.objectsText(objects));
        AtomicFiles.writeString(dir.resolve(SequenceFolder.FRAMES_FILE), statesText(masks));
    }

    String statesText(MaskStore masks) {
        return SequenceFolder.statesText(sequence, masks.states());
    }

    /** The run named in a folder's {@link RunOutput#RUN_FILE}, or null (never saved, or saved before runs were named). */
    private static String runIdOf(Path folder) throws IOException {
        Path file = folder.resolve(RunOutput.RUN_FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p.getProperty("run");
    }
}
