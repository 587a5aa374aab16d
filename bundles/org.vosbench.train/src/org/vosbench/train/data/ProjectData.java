package org.vosbench.train.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.vosbench.core.InvalidInputException;
import org.vosbench.core.MaskIO;
import org.vosbench.dataset.DatasetFormat;
import org.vosbench.dataset.DatasetFormatRegistry;
import org.vosbench.dataset.DatasetOptions;
import org.vosbench.dataset.SequenceRef;
import org.vosbench.model.Dataset;
import org.vosbench.model.ReviewState;
import org.vosbench.model.Sequence;
import org.vosbench.model.VosProject;
import org.vosbench.model.store.ProjectStore;

/**
 * The training data of {@code vosbench train --stage finetune}: the sequences of a {@code .vosbench}
 * project whose review state is Reviewed or Approved, with the masks the people of the project
 * checked as ground truth, read by the official VOS sampler.
 * <p>
 * A sequence's masks are those the workbench saved for it, in the documented layout of the sequence
 * editor: {@code <project folder>/annotations/<dataset>/<sequence>/<frame>.png} for every frame that
 * {@code frames.tsv} lists with a state other than {@code NONE} (drawn, propagated then reviewed, or
 * edited). A reviewed sequence never edited in the workbench has no such folder; its dataset's own
 * masks are its ground truth then. The datasets are opened with the format and options the project
 * recorded, through the formats registry.
 */
public final class ProjectData {

    /** Folder, under the project's, of the editable masks (the workbench's {@code ProjectSession.ANNOTATIONS}). */
    public static final String ANNOTATIONS = "annotations";

    /** The sequence editor's list of frame states in a sequence's folder. */
    public static final String FRAMES_FILE = "frames.tsv";

    private ProjectData() {
    }

    /** @return whether sequences in this state are trained on */
    public static boolean isTrainable(ReviewState state) {
        return state == ReviewState.REVIEWED || state == ReviewState.APPROVED;
    }

    /**
     * @param registry the dataset formats
     * @param projectFile the {@code .vosbench} file
     * @param size the crop side
     * @throws InvalidInputException an unreadable project, no Reviewed or Approved sequence, a dataset whose
     *             format is not installed, a sequence no longer in its dataset, a bad {@code frames.tsv}, a
     *             sequence without an object, a missing or damaged mask
     */
    public static VosSource open(DatasetFormatRegistry registry, Path projectFile, int size) throws IOException {
        ProjectStore store = ProjectStore.load(projectFile);
        VosProject project = store.project();
        List<VosSource.Clip> clips = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int reviewed = 0;
        int total = 0;
        String formatOfAll = null;
        boolean mixedFormats = false;
        for (Dataset model : project.getDatasets()) {
            List<Sequence> chosen = model.getSequences().stream().filter(s -> isTrainable(s.getReviewState())).toList();
            total += model.getSequences().size();
            if (chosen.isEmpty()) {
                continue;
            }
            org.vosbench.dataset.Dataset dataset = openDataset(registry, store, model);
            if (formatOfAll == null) {
                formatOfAll = dataset.formatId();
            } else if (!formatOfAll.equals(dataset.formatId())) {
                mixedFormats = true;
            }
            for (Sequence s : chosen) {
                reviewed++;
                SequenceRef ref = dataset.sequence(s.getName()).orElseThrow(() -> new InvalidInputException(
                        store.file(), "sequence " + s.getName() + " (" + s.getReviewState().getLiteral()
                                + ") is no longer in dataset " + model.getName() + " at " + dataset.root()));
                Path workDir = store.directory().resolve(ANNOTATIONS).resolve(model.getName()).resolve(ref.name());
                VosSource.Clip clip = clip(ref, workDir);
                String label = model.getName() + "/" + ref.name();
                if (clip.length() < 3) {
                    skipped.add(label + " (" + clip.length() + " masks)");
                    continue;
                }
                checkHasObject(clip, label);
                clips.add(clip);
            }
        }
        if (reviewed == 0) {
            throw new InvalidInputException(store.file(), "no sequence is Reviewed or Approved (of " + total
                    + " sequences); fine-tuning trains on the sequences people have checked");
        }
        if (clips.isEmpty()) {
            throw new InvalidInputException(store.file(), "none of the " + reviewed
                    + " Reviewed or Approved sequences has three frames with masks: " + String.join(", ", skipped));
        }
        int divisor = !mixedFormats && "youtubevos".equals(formatOfAll) ? 5 : 1;
        String description = store.file() + ": " + clips.size() + " reviewed or approved sequences"
                + (skipped.isEmpty() ? "" : " (left out, under three masks: " + String.join(", ", skipped) + ")");
        return VosSource.of(description, clips, VosSource.Variant.VOS, size, divisor);
    }

    /** The dataset of a project, opened with the format and options it was added with. */
    static org.vosbench.dataset.Dataset openDataset(DatasetFormatRegistry registry, ProjectStore store, Dataset model)
            throws IOException {
        Path root = store.resolve(model.getRootPath());
        if (root == null) {
            throw new InvalidInputException(store.file(), "dataset " + model.getName() + " has no folder");
        }
        DatasetFormat format = registry.byId(model.getFormatId()).orElseThrow(() -> new InvalidInputException(
                store.file(), "dataset " + model.getName() + " needs the format '" + model.getFormatId()
                        + "', which is not installed (installed: "
                        + registry.formats().stream().map(DatasetFormat::id).toList() + ")"));
        DatasetOptions options = DatasetOptions.defaults();
        String year = model.getOptions().get("year");
        String split = model.getOptions().get("split");
        String resolution = model.getOptions().get("resolution");
        if (year != null) {
            options = options.withYear(year);
        }
        if (split != null) {
            options = options.withSplit(split);
        }
        if (resolution != null) {
            options = options.withResolution(resolution);
        }
        return format.open(root, options);
    }

    /** The frames with a checked mask: the workbench's saved ones, else the dataset's. */
    static VosSource.Clip clip(SequenceRef ref, Path workDir) throws IOException {
        Path framesFile = workDir.resolve(FRAMES_FILE);
        if (!Files.isRegularFile(framesFile)) {
            return VosSource.Clip.of(ref);
        }
        Map<String, String> states = readStates(framesFile);
        List<Path> images = new ArrayList<>();
        List<Path> masks = new ArrayList<>();
        for (SequenceRef.Frame frame : ref.frames()) {
            String state = states.get(frame.name());
            if (state != null && !state.equals("NONE")) {
                images.add(frame.image());
                masks.add(workDir.resolve(frame.name() + ".png"));
            }
        }
        return new VosSource.Clip(ref.name(), images, masks);
    }

    /** {@code frame<TAB>state} lines; {@code #} starts a comment. */
    static Map<String, String> readStates(Path file) throws IOException {
        Map<String, String> states = new HashMap<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t");
            if (parts.length < 2 || parts[0].isEmpty()) {
                throw new InvalidInputException(file, "line " + lineNo + " is not 'frame<TAB>state': " + line);
            }
            String state = parts[1].strip();
            if (!List.of("NONE", "ANNOTATED", "PROPAGATED", "EDITED").contains(state)) {
                throw new InvalidInputException(file, "line " + lineNo + ": unknown frame state '" + state + "'");
            }
            states.put(parts[0], state);
        }
        return states;
    }

    private static void checkHasObject(VosSource.Clip clip, String label) throws IOException {
        for (Path mask : clip.masks()) {
            if (Files.isRegularFile(mask) && !MaskIO.read(mask).objectIds().isEmpty()) {
                return;
            }
        }
        Path first = clip.masks().get(0);
        throw new InvalidInputException(first.getParent() == null ? first : first.getParent(),
                "sequence " + label + " has no object in any of its " + clip.length() + " masks");
    }
}
