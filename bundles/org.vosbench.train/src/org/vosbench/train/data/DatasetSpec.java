package org.vosbench.train.data;

import java.nio.file.Path;
import java.util.Objects;

import org.vosbench.dataset.DatasetOptions;

/**
 * One {@code --dataset} of a training run: a folder, optionally its format (else detected through
 * the formats extension point) and options, and how it is sampled. Zero means "the official default"
 * for {@code repeat} and {@code skipDivisor}, null for {@code variant}.
 *
 * @param root the dataset folder
 * @param format a format id ({@code davis}, {@code youtubevos}, {@code bl30k}, {@code folder}, a lab's
 *            own), or null to detect it
 * @param options split, year, resolution, ...
 * @param repeat how many times the dataset appears in the mix; 0: the official {@code train.py}'s
 *            (DAVIS 5 in stages 2/3, BIG and HRSOD folders 5 in stage 0, else 1)
 * @param skipDivisor the max skip is divided by it; 0: 5 for YouTube-VOS (masks on every fifth frame,
 *            as the official loader), else 1
 * @param variant the VOS sampler's setting; null: {@link VosSource.Variant#BL30K} for the bl30k format,
 *            else {@link VosSource.Variant#VOS}
 */
public record DatasetSpec(Path root, String format, DatasetOptions options, int repeat, int skipDivisor,
        VosSource.Variant variant) {

    public DatasetSpec {
        Objects.requireNonNull(root, "root");
        options = options == null ? DatasetOptions.defaults() : options;
        if (repeat < 0 || skipDivisor < 0) {
            throw new IllegalArgumentException("repeat " + repeat + ", skip divisor " + skipDivisor + ": not negative");
        }
    }

    /** @return the folder with every choice left to detection and the official defaults */
    public static DatasetSpec of(Path root) {
        return new DatasetSpec(root, null, DatasetOptions.defaults(), 0, 0, null);
    }

    public DatasetSpec withFormat(String formatId) {
        return new DatasetSpec(root, formatId, options, repeat, skipDivisor, variant);
    }

    public DatasetSpec withOptions(DatasetOptions datasetOptions) {
        return new DatasetSpec(root, format, datasetOptions, repeat, skipDivisor, variant);
    }

    public DatasetSpec withRepeat(int times) {
        return new DatasetSpec(root, format, options, times, skipDivisor, variant);
    }

    public DatasetSpec withSkipDivisor(int divisor) {
        return new DatasetSpec(root, format, options, repeat, divisor, variant);
    }

    public DatasetSpec withVariant(VosSource.Variant sampling) {
        return new DatasetSpec(root, format, options, repeat, skipDivisor, sampling);
    }
}
