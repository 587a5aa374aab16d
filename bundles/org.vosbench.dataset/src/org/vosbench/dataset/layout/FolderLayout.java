package org.vosbench.dataset.layout;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.vosbench.dataset.ObjectIdSource;

/**
 * A format's description of one split on disk: the table of folders the generic
 * {@link FolderReader} reads. Build with {@link #builder(String, Path, Path)}.
 *
 * <p>Frames are the image files ({@code .jpg}, {@code .jpeg}, {@code .png}) of
 * {@code <imageRoot>/<sequence>/} in natural order; masks are the {@code .png} files of
 * {@code <maskRoot>/<sequence>/} whose names (without extension) match a frame.
 */
public final class FolderLayout {

    /** Which of the masks present are given to a semi-supervised method as input. */
    public enum GivenMasks {
        /** The first mask only (DAVIS, BL30K: the rest is ground truth). */
        FIRST,
        /** Every mask present (YouTube-VOS, generic folders: objects may appear on any). */
        ALL
    }

    final String formatId;
    final Path root;
    final Path imageRoot;
    final String description;
    final Path maskRoot;
    final List<String> sequenceNames;
    final Path sequenceListFile;
    final String singleSequenceName;
    final boolean masksRequired;
    final GivenMasks givenMasks;
    final Function<String, ObjectIdSource> objectIds;
    final Function<String, Map<Integer, String>> categories;
    final Path framesToWriteRoot;
    final String resultSubfolder;

    private FolderLayout(Builder b) {
        this.formatId = b.formatId;
        this.root = b.root;
        this.imageRoot = b.imageRoot;
        this.description = b.description;
        this.maskRoot = b.maskRoot;
        this.sequenceNames = b.sequenceNames;
        this.sequenceListFile = b.sequenceListFile;
        this.singleSequenceName = b.singleSequenceName;
        this.masksRequired = b.masksRequired;
        this.givenMasks = b.givenMasks;
        this.objectIds = b.objectIds;
        this.categories = b.categories;
        this.framesToWriteRoot = b.framesToWriteRoot;
        this.resultSubfolder = b.resultSubfolder;
    }

    /**
     * @param formatId the id of the format describing the folder
     * @param root the dataset folder the user opened
     * @param imageRoot the folder with one sub-folder of frames per sequence
     */
    public static Builder builder(String formatId, Path root, Path imageRoot) {
        return new Builder(formatId, root, imageRoot);
    }

    /** @return the folder with one sub-folder of frames per sequence (or the frames themselves) */
    public Path imageRoot() {
        return imageRoot;
    }

    /** @return the folder with one sub-folder of masks per sequence, if any */
    public Optional<Path> maskRoot() {
        return Optional.ofNullable(maskRoot);
    }

    /** Builder of a {@link FolderLayout}. */
    public static final class Builder {
        private final String formatId;
        private final Path root;
        private final Path imageRoot;
        private String description;
        private Path maskRoot;
        private List<String> sequenceNames;
        private Path sequenceListFile;
        private String singleSequenceName;
        private boolean masksRequired;
        private GivenMasks givenMasks = GivenMasks.ALL;
        private Function<String, ObjectIdSource> objectIds = name -> ObjectIdSource.unionOfAnnotations();
        private Function<String, Map<Integer, String>> categories = name -> Map.of();
        private Path framesToWriteRoot;
        private String resultSubfolder;

        private Builder(String formatId, Path root, Path imageRoot) {
            this.formatId = Objects.requireNonNull(formatId);
            this.root = Objects.requireNonNull(root);
            this.imageRoot = Objects.requireNonNull(imageRoot);
            this.description = formatId;
        }

        /** @param description what was opened, for people */
        public Builder description(String description) {
            this.description = Objects.requireNonNull(description);
            return this;
        }

        /** @param maskRoot the folder with one sub-folder of masks per sequence */
        public Builder masks(Path maskRoot) {
            this.maskRoot = maskRoot;
            return this;
        }

        /**
         * Every sequence must have a mask folder (DAVIS, BL30K). Otherwise a sequence without one
         * has no masks.
         */
        public Builder masksRequired(boolean required) {
            this.masksRequired = required;
            return this;
        }

        /**
         * The sequences named by a split file or a {@code meta.json}, in its order; each must
         * have a folder. Without this, every sub-folder of the image root is a sequence.
         *
         * @param listedIn the file that names them, for error messages
         */
        public Builder sequences(List<String> names, Path listedIn) {
            this.sequenceNames = List.copyOf(names);
            this.sequenceListFile = Objects.requireNonNull(listedIn);
            return this;
        }

        /**
         * The image root is itself the folder of frames of one sequence of this name, and the
         * mask root (if any) the folder of its masks.
         */
        public Builder singleSequence(String name) {
            this.singleSequenceName = Objects.requireNonNull(name);
            return this;
        }

        /** @param given which masks present are given as input */
        public Builder givenMasks(GivenMasks given) {
            this.givenMasks = Objects.requireNonNull(given);
            return this;
        }

        /** @param objectIds where each sequence's object ids come from, by sequence name */
        public Builder objectIds(Function<String, ObjectIdSource> objectIds) {
            this.objectIds = Objects.requireNonNull(objectIds);
            return this;
        }

        /** @param categories object id to category, by sequence name */
        public Builder categories(Function<String, Map<Integer, String>> categories) {
            this.categories = Objects.requireNonNull(categories);
            return this;
        }

        /**
         * Only the frames whose names appear in {@code <framesToWriteRoot>/<sequence>/} are
         * written (YouTube-VOS read from {@code all_frames}, written for the sparse split).
         * Without this, every frame is written.
         */
        public Builder framesToWriteFrom(Path framesToWriteRoot) {
            this.framesToWriteRoot = framesToWriteRoot;
            return this;
        }

        /**
         * Results go to {@code <out>/<subfolder>/<sequence>/<frame>.png} (YouTube-VOS:
         * {@code Annotations}); without this {@code <out>/<sequence>/<frame>.png}.
         */
        public Builder resultSubfolder(String subfolder) {
            this.resultSubfolder = subfolder;
            return this;
        }

        public FolderLayout build() {
            return new FolderLayout(this);
        }
    }
}
