package org.vosbench.train.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.vosbench.core.InvalidInputException;
import org.vosbench.dataset.Dataset;
import org.vosbench.dataset.DatasetFormat;
import org.vosbench.dataset.DatasetFormatRegistry;
import org.vosbench.train.Stage;

/**
 * Opens the training data of a stage: the datasets through the formats extension point (as every
 * command does: the format detected, or the one named), each read by the official sampler of the
 * stage, mixed as the official {@code train.py} mixes them.
 */
public final class TrainingData {

    /**
     * The format id that names the official static-image layout ({@code X.jpg} beside {@code X.png},
     * in a folder or its class subfolders) for stage 0; a stage-0 folder in that layout is recognised
     * without it.
     */
    public static final String STATIC_FORMAT = "static";

    /** The official crop side. */
    public static final int DEFAULT_SIZE = 384;

    private TrainingData() {
    }

    /**
     * @param registry the dataset formats (an OSGi service)
     * @param specs the datasets, in order
     * @param size the side of the square crops (official 384)
     * @param stage which sampler reads the datasets: stage 0 the static-image sampler (over the official
     *            static layout, or over every masked frame of a dataset the registry opens), the others
     *            the VOS sampler (BL30K's variant for the bl30k format)
     * @return one source over all of them (a {@link MixSource}, or the only source)
     * @throws InvalidInputException an unknown or undetectable format, an empty dataset, a sequence
     *             without any object, a missing or unreadable file: one message naming it
     * @throws IllegalArgumentException no dataset given, a size below 8
     */
    public static IndexedSampleSource open(DatasetFormatRegistry registry, List<DatasetSpec> specs, int size,
            Stage stage) throws IOException {
        Objects.requireNonNull(registry);
        Objects.requireNonNull(stage);
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("stage " + stage.id() + " needs at least one dataset");
        }
        List<MixSource.Part> parts = new ArrayList<>();
        for (DatasetSpec spec : specs) {
            IndexedSampleSource source;
            String formatId;
            if (stage.data() == Stage.Data.STATIC_IMAGES) {
                boolean named = STATIC_FORMAT.equals(spec.format());
                if (named || (spec.format() == null && StaticSource.isStaticLayout(spec.root()))) {
                    source = StaticSource.of(spec.root(), size);
                    formatId = STATIC_FORMAT;
                } else {
                    Dataset dataset = openDataset(registry, spec);
                    formatId = dataset.formatId();
                    source = StaticSource.of(dataset, size);
                }
            } else {
                Dataset dataset = openDataset(registry, spec);
                formatId = dataset.formatId();
                source = VosSource.of(dataset, variant(spec, formatId), size, skipDivisor(spec, formatId));
            }
            parts.add(new MixSource.Part(source, repeat(spec, formatId, stage)));
        }
        if (parts.size() == 1 && parts.get(0).repeat() == 1) {
            return parts.get(0).source();
        }
        return new MixSource(parts);
    }

    /**
     * The data of {@code --stage finetune}: a project's Reviewed and Approved sequences with their
     * checked masks (see {@link ProjectData}).
     *
     * @throws InvalidInputException an unreadable project, no reviewed sequence, a missing format or mask
     */
    public static VosSource project(DatasetFormatRegistry registry, Path projectFile, int size) throws IOException {
        return ProjectData.open(registry, projectFile, size);
    }

    /**
     * Opens a dataset folder as the command line does: with the named format, else the detected one.
     *
     * @throws InvalidInputException an unknown format id (listing the known ones), a folder no format recognises
     */
    public static Dataset openDataset(DatasetFormatRegistry registry, DatasetSpec spec) throws IOException {
        if (spec.format() == null) {
            return registry.detect(spec.root()).open(spec.options());
        }
        DatasetFormat format = registry.byId(spec.format()).orElseThrow(() -> new InvalidInputException(spec.root(),
                "unknown dataset format '" + spec.format() + "'; known: "
                        + registry.formats().stream().map(DatasetFormat::id).toList()));
        return format.open(spec.root(), spec.options());
    }

    static VosSource.Variant variant(DatasetSpec spec, String formatId) {
        if (spec.variant() != null) {
            return spec.variant();
        }
        return "bl30k".equals(formatId) ? VosSource.Variant.BL30K : VosSource.Variant.VOS;
    }

    static int skipDivisor(DatasetSpec spec, String formatId) {
        if (spec.skipDivisor() > 0) {
            return spec.skipDivisor();
        }
        return "youtubevos".equals(formatId) ? 5 : 1;
    }

    /** The official {@code train.py}'s repeats: DAVIS x5 in the main stages, BIG and HRSOD x5 in stage 0. */
    static int repeat(DatasetSpec spec, String formatId, Stage stage) {
        if (spec.repeat() > 0) {
            return spec.repeat();
        }
        if (stage.data() == Stage.Data.VOS && "davis".equals(formatId)) {
            return 5;
        }
        if (stage.data() == Stage.Data.STATIC_IMAGES) {
            Path name = spec.root().toAbsolutePath().normalize().getFileName();
            String n = name == null ? "" : name.toString().toUpperCase(Locale.ROOT);
            if (n.startsWith("BIG") || n.startsWith("HRSOD")) {
                return 5;
            }
        }
        return 1;
    }
}
