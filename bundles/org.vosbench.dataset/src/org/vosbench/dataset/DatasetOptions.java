package org.vosbench.dataset;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What to open in a dataset folder. Every choice is optional; a format picks its usual default
 * (DAVIS: 2017, val, 480p; YouTube-VOS: valid) and ignores options that do not apply to it.
 * Immutable; use the {@code with...} methods.
 */
public final class DatasetOptions {

    private static final DatasetOptions DEFAULTS = new DatasetOptions(null, null, null, false, null);

    private final String split;
    private final String year;
    private final String resolution;
    private final boolean allFrames;
    private final Path masks;

    private DatasetOptions(String split, String year, String resolution, boolean allFrames, Path masks) {
        this.split = split;
        this.year = year;
        this.resolution = resolution;
        this.allFrames = allFrames;
        this.masks = masks;
    }

    /** @return no choice made: each format's defaults */
    public static DatasetOptions defaults() {
        return DEFAULTS;
    }

    /** @param split DAVIS {@code val}, {@code train}, {@code test-dev}; YouTube-VOS {@code valid}, {@code train}, {@code train_480p}, {@code test} */
    public DatasetOptions withSplit(String split) {
        return new DatasetOptions(Objects.requireNonNull(split), year, resolution, allFrames, masks);
    }

    /** @param year DAVIS {@code 2016} or {@code 2017} */
    public DatasetOptions withYear(String year) {
        return new DatasetOptions(split, Objects.requireNonNull(year), resolution, allFrames, masks);
    }

    /** @param resolution DAVIS {@code 480p} or {@code Full-Resolution} */
    public DatasetOptions withResolution(String resolution) {
        return new DatasetOptions(split, year, Objects.requireNonNull(resolution), allFrames, masks);
    }

    /**
     * @param allFrames YouTube-VOS: read frames from {@code all_frames/<split>_all_frames} and write
     *     results only for the frames of the regular (sparse) split
     */
    public DatasetOptions withAllFrames(boolean allFrames) {
        return new DatasetOptions(split, year, resolution, allFrames, masks);
    }

    /** @param masks a single folder of frames: the folder of masks whose names match the frames */
    public DatasetOptions withMasks(Path masks) {
        return new DatasetOptions(split, year, resolution, allFrames, Objects.requireNonNull(masks));
    }

    public Optional<String> split() {
        return Optional.ofNullable(split);
    }

    public Optional<String> year() {
        return Optional.ofNullable(year);
    }

    public Optional<String> resolution() {
        return Optional.ofNullable(resolution);
    }

    public boolean allFrames() {
        return allFrames;
    }

    public Optional<Path> masks() {
        return Optional.ofNullable(masks);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DatasetOptions d && Objects.equals(split, d.split) && Objects.equals(year, d.year)
                && Objects.equals(resolution, d.resolution) && allFrames == d.allFrames
                && Objects.equals(masks, d.masks);
    }

    @Override
    public int hashCode() {
        return Objects.hash(split, year, resolution, allFrames, masks);
    }

    @Override
    public String toString() {
        return "DatasetOptions[split=" + split + ", year=" + year + ", resolution=" + resolution
                + ", allFrames=" + allFrames + ", masks=" + masks + "]";
    }
}
