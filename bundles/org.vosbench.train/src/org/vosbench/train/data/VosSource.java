package org.vosbench.train.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.random.RandomGenerator;

import org.vosbench.core.InvalidInputException;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.core.RgbImage;
import org.vosbench.core.ImageReader;
import org.vosbench.dataset.Dataset;
import org.vosbench.dataset.SequenceRef;
import org.vosbench.train.data.Geometry.Interpolation;

/**
 * The official {@code VOSDataset} ({@code dataset/vos_dataset.py}) over sequences whose frames all
 * have a mask: per draw, a sequence, three frames within the max jump (reversed with probability
 * 0.5), one flip, resized crop and colour jitter for the whole sequence, one affine warp and a small
 * colour jitter per frame, then the target object and a second one chosen at random among the
 * objects visible in the first of the three frames; up to {@value #TRIES} draws of frames and
 * transforms until one is visible. {@link Variant#BL30K} is the official {@code is_bl} setting.
 * <p>
 * Every random choice comes from the caller's generator, in a fixed order, so a seed reproduces the
 * samples. Immutable and safe to share between threads (each with its own generator).
 * <p>
 * Faults at draw time (a frame that cannot be decoded, a mask whose size differs from its frame)
 * are thrown as {@link UncheckedIOException} wrapping an {@link InvalidInputException} that names the
 * file and the sequence.
 */
public final class VosSource implements IndexedSampleSource {

    /** How many draws the official code makes for a target to be visible before it gives up. */
    public static final int TRIES = 5;

    /** The two settings of the official {@code VOSDataset}. */
    public enum Variant {
        /** DAVIS, YouTube-VOS and the like: crop scale [0.36, 1], every visible object counts. */
        VOS(0.36),
        /**
         * BL30K ({@code is_bl=True}): crop scale [0.25, 1] for its larger renders, and only objects of
         * more than 10x10 pixels in the first frame count, those of at most 30x30 only when they stay
         * below 20x20 pixels in both other frames.
         */
        BL30K(0.25);

        private final double minCropScale;

        Variant(double minCropScale) {
            this.minCropScale = minCropScale;
        }

        /** @return the smallest area fraction of the random resized crop */
        public double minCropScale() {
            return minCropScale;
        }
    }

    /**
     * One sequence: its frames with masks, in order.
     *
     * @param name for messages and {@link TrainingSample#info()}
     * @param images the frames (JPEG or PNG)
     * @param masks the label mask of each frame (palette or grey PNG; 0 background)
     */
    public record Clip(String name, List<Path> images, List<Path> masks) {
        public Clip {
            Objects.requireNonNull(name);
            images = List.copyOf(images);
            masks = List.copyOf(masks);
            if (images.size() != masks.size()) {
                throw new IllegalArgumentException(name + ": " + images.size() + " frames, " + masks.size() + " masks");
            }
        }

        public int length() {
            return images.size();
        }

        /** The frames of a dataset sequence that have a ground-truth mask. */
        public static Clip of(SequenceRef sequence) {
            List<Path> images = new ArrayList<>();
            List<Path> masks = new ArrayList<>();
            for (var e : sequence.groundTruth().entrySet()) {
                images.add(sequence.frame(e.getKey()).image());
                masks.add(e.getValue());
            }
            return new Clip(sequence.name(), images, masks);
        }
    }

    /**
     * What one draw did, for tests and logs.
     *
     * @param sample the sample
     * @param clip which sequence
     * @param frames the indices into the clip's frames, in the sample's order
     * @param tries how many draws were made (1..{@value #TRIES})
     * @param target the target's label, or 0 when no draw showed an object (the masks are then empty)
     * @param second the second object's label, or 0 when there is none
     */
    public record Draw(TrainingSample sample, Clip clip, int[] frames, int tries, int target, int second) {
    }

    private final String description;
    private final List<Clip> clips;
    private final Variant variant;
    private final int size;
    private final int skipDivisor;

    private VosSource(String description, List<Clip> clips, Variant variant, int size, int skipDivisor) {
        this.description = description;
        this.clips = clips;
        this.variant = variant;
        this.size = size;
        this.skipDivisor = skipDivisor;
    }

    /**
     * Samples the sequences of an opened dataset (every frame with a ground-truth mask; sequences
     * with fewer than three are left out, as the official code does).
     *
     * @param skipDivisor the max skip is divided by this (the official YouTube-VOS loader uses 5: its
     *            masks are on every fifth frame)
     * @throws InvalidInputException no usable sequence, a sequence without any object, a file missing or unreadable
     */
    public static VosSource of(Dataset dataset, Variant variant, int size, int skipDivisor) throws IOException {
        List<Clip> clips = new ArrayList<>();
        for (SequenceRef s : dataset.sequences()) {
            Clip clip = Clip.of(s);
            if (clip.length() < 3) {
                continue;
            }
            checkHasObject(dataset.root(), s, clip);
            clips.add(clip);
        }
        String what = dataset.description() + " (" + dataset.formatId() + ", " + dataset.root() + ")";
        if (clips.isEmpty()) {
            throw new InvalidInputException(dataset.root(), dataset.sequences().isEmpty() ? "no sequences in " + what
                    : "none of the " + dataset.sequences().size() + " sequences of " + what
                            + " has three frames with masks");
        }
        return of(what + ": " + clips.size() + " of " + dataset.sequences().size() + " sequences", clips, variant,
                size, skipDivisor);
    }

    /**
     * Samples the given sequences.
     *
     * @throws InvalidInputException no clips, a clip with fewer than three frames, a file missing, unreadable,
     *             truncated or of another kind than JPEG/PNG (every file's header and end are checked)
     */
    public static VosSource of(String description, List<Clip> clips, Variant variant, int size, int skipDivisor)
            throws InvalidInputException {
        Objects.requireNonNull(variant);
        if (size < 8) {
            throw new IllegalArgumentException("size " + size + ": must be at least 8");
        }
        if (skipDivisor < 1) {
            throw new IllegalArgumentException("skip divisor " + skipDivisor + ": must be at least 1");
        }
        if (clips.isEmpty()) {
            throw new InvalidInputException(Path.of(description), "no sequences to train on");
        }
        for (Clip clip : clips) {
            if (clip.length() < 3) {
                throw new InvalidInputException(clip.images().isEmpty() ? Path.of(clip.name()) : clip.images().get(0),
                        "sequence " + clip.name() + " has " + clip.length() + " frames with masks; training needs 3");
            }
            for (int i = 0; i < clip.length(); i++) {
                checkReadable(clip.images().get(i), clip);
                checkReadable(clip.masks().get(i), clip);
            }
        }
        return new VosSource(description, List.copyOf(clips), variant, size, skipDivisor);
    }

    /** Exists, is readable, is a JPEG or PNG whose header and end are intact (no decoding). */
    private static void checkReadable(Path file, Clip clip) throws InvalidInputException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file, "no such file (sequence " + clip.name() + ")");
        }
        try {
            ImageReader.probe(file);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(file, stripFile(e, file) + " (sequence " + clip.name() + ")", e);
        }
    }

    /** The objects the format lists; when it lists none, every mask is looked at before giving up. */
    private static void checkHasObject(Path root, SequenceRef sequence, Clip clip) throws IOException {
        if (!sequence.objectIds().isEmpty()) {
            return;
        }
        SortedMap<Integer, Path> gt = sequence.groundTruth();
        for (Path mask : gt.values()) {
            if (!MaskIO.read(mask).objectIds().isEmpty()) {
                return;
            }
        }
        throw new InvalidInputException(gt.isEmpty() ? root : gt.get(gt.firstKey()).getParent(),
                "sequence " + sequence.name() + " has no object in any of its " + gt.size() + " masks");
    }

    public List<Clip> clips() {
        return clips;
    }

    public Variant variant() {
        return variant;
    }

    /** @return the side of the square crop */
    public int cropSize() {
        return size;
    }

    public int skipDivisor() {
        return skipDivisor;
    }

    @Override
    public int size() {
        return clips.size();
    }

    @Override
    public String describe() {
        return description + (variant == Variant.BL30K ? ", BL30K sampling" : "")
                + (skipDivisor > 1 ? ", max skip / " + skipDivisor : "");
    }

    @Override
    public TrainingSample sample(RandomGenerator rng, int maxSkip) {
        return draw(rng.nextInt(clips.size()), rng, maxSkip).sample();
    }

    @Override
    public TrainingSample sample(int index, RandomGenerator rng, int maxSkip) {
        return draw(index, rng, maxSkip).sample();
    }

    /**
     * The official choice of three frame indices in a sequence of {@code length} frames: a start
     * uniform in {@code [0, length - J]} with {@code J = min(length, maxJump)}, each next frame 1 to
     * {@code J + 1} after the previous one, the second capped at {@code length - J} and the third at
     * {@code length - J/2} (both at the last frame), then the order reversed with probability 0.5.
     * Consecutive indices can therefore be equal near the end, and a jump can reach {@code J + 1}.
     */
    public static int[] frameIndices(int length, int maxJump, RandomGenerator rng) {
        if (length < 1 || maxJump < 1) {
            throw new IllegalArgumentException("length " + length + ", max jump " + maxJump);
        }
        int jump = Math.min(length, maxJump);
        int start = rng.nextInt(length - jump + 1);
        int f1 = Math.min(Math.min(start + rng.nextInt(jump + 1) + 1, length - jump), length - 1);
        int f2 = Math.min(Math.min(f1 + rng.nextInt(jump + 1) + 1, length - jump / 2), length - 1);
        if (rng.nextDouble() < 0.5) {
            return new int[] {f2, f1, start};
        }
        return new int[] {start, f1, f2};
    }

    /**
     * The official {@code RandomResizedCrop.get_params}: up to ten tries of an area fraction uniform in
     * {@code [minScale, 1]} and a log-uniform aspect ratio in [3/4, 4/3], else the central crop.
     *
     * @return {@code left, top, width, height}
     */
    static int[] resizedCropBox(int width, int height, double minScale, double maxScale, RandomGenerator rng) {
        double area = (double) width * height;
        double logLo = Math.log(3.0 / 4.0);
        double logHi = Math.log(4.0 / 3.0);
        for (int attempt = 0; attempt < 10; attempt++) {
            double target = area * Colour.uniform(rng, minScale, maxScale);
            double ratio = Math.exp(Colour.uniform(rng, logLo, logHi));
            int w = (int) Math.rint(Math.sqrt(target * ratio));
            int h = (int) Math.rint(Math.sqrt(target / ratio));
            if (w > 0 && w <= width && h > 0 && h <= height) {
                int top = rng.nextInt(height - h + 1);
                int left = rng.nextInt(width - w + 1);
                return new int[] {left, top, w, h};
            }
        }
        double inRatio = (double) width / height;
        int w;
        int h;
        if (inRatio < 3.0 / 4.0) {
            w = width;
            h = (int) Math.rint(w / (3.0 / 4.0));
        } else if (inRatio > 4.0 / 3.0) {
            h = height;
            w = (int) Math.rint(h * (4.0 / 3.0));
        } else {
            w = width;
            h = height;
        }
        return new int[] {(width - w) / 2, (height - h) / 2, w, h};
    }

    /** One draw from the sequence {@code index}, with everything it chose. */
    public Draw draw(int index, RandomGenerator rng, int maxSkip) {
        if (maxSkip < 1) {
            throw new IllegalArgumentException("max skip " + maxSkip + ": must be at least 1");
        }
        Clip clip = clips.get(index);
        int maxJump = Math.max(1, maxSkip / skipDivisor);
        int plane = size * size;
        int tries = 0;
        int[] frames = null;
        Raster[] images = new Raster[3];
        Raster[] masks = new Raster[3];
        int target = 0;
        int second = 0;
        while (tries < TRIES) {
            tries++;
            frames = frameIndices(clip.length(), maxJump, rng);
            // the transforms shared by the three frames (the official code reseeds to repeat them)
            boolean flip = rng.nextDouble() < 0.5;
            int[] box = null;
            Colour.Jitter all = null;
            int firstWidth = 0;
            int firstHeight = 0;
            for (int k = 0; k < 3; k++) {
                Raster image = readImage(clip, frames[k]);
                Raster mask = readMask(clip, frames[k], image);
                if (box == null) {
                    box = resizedCropBox(image.width(), image.height(), variant.minCropScale, 1.0, rng);
                    all = Colour.Jitter.draw(rng, 0.1, 0.03, 0.03, 0, 0.05);
                    firstWidth = image.width();
                    firstHeight = image.height();
                } else if (image.width() != firstWidth || image.height() != firstHeight) {
                    throw fault(new InvalidInputException(clip.images().get(frames[k]), "is " + image.width() + "x"
                            + image.height() + ", other frames of sequence " + clip.name() + " are "
                            + firstWidth + "x" + firstHeight));
                }
                // flip then crop (the official order) is the crop of the mirrored box, flipped: the
                // flip then touches size x size pixels only
                int left = flip ? image.width() - box[0] - box[2] : box[0];
                image = Geometry.resize(image, left, box[1], box[2], box[3], size, size, Interpolation.BICUBIC);
                mask = Geometry.resize(mask, left, box[1], box[2], box[3], size, size, Interpolation.NEAREST);
                if (flip) {
                    image = Geometry.flipHorizontal(image);
                    mask = Geometry.flipHorizontal(mask);
                }
                image = all.apply(image);
                // the transforms of this frame alone
                double angle = Colour.uniform(rng, -15, 15);
                double shear = Colour.uniform(rng, -10, 10);
                double[] m = Geometry.inverseAffine(size * 0.5, size * 0.5, angle, 0, 0, 1, shear, 0);
                image = Geometry.affine(image, m, Interpolation.BICUBIC, Colour.FILL);
                mask = Geometry.affine(mask, m, Interpolation.NEAREST, new int[] {0});
                image = Colour.Jitter.draw(rng, 0.01, 0.01, 0.01, 0, 0).apply(image);
                images[k] = image;
                masks[k] = mask;
            }
            int[] labels = candidates(masks);
            if (labels.length > 0) {
                target = labels[rng.nextInt(labels.length)];
                if (labels.length > 1) {
                    int chosen = target;
                    int[] rest = Arrays.stream(labels).filter(l -> l != chosen).toArray();
                    second = rest[rng.nextInt(rest.length)];
                }
                break;
            }
        }
        float[] rgb = new float[9 * plane];
        float[] tar = new float[3 * plane];
        float[] sec = second != 0 ? new float[3 * plane] : null;
        for (int k = 0; k < 3; k++) {
            Colour.normalise(images[k], rgb, k * 3 * plane);
            byte[] labels = masks[k].data();
            for (int i = 0; i < plane; i++) {
                int l = labels[i] & 0xFF;
                if (target != 0 && l == target) {
                    tar[k * plane + i] = 1;
                }
                if (sec != null && l == second) {
                    sec[k * plane + i] = 1;
                }
            }
        }
        StringBuilder info = new StringBuilder(clip.name()).append(" [");
        for (int k = 0; k < 3; k++) {
            info.append(k == 0 ? "" : ", ").append(fileStem(clip.images().get(frames[k])));
        }
        info.append(']');
        if (tries > 1) {
            info.append(" after ").append(tries).append(" tries");
        }
        if (target == 0) {
            info.append(", no object visible");
        }
        TrainingSample sample = new TrainingSample(size, size, rgb, tar, sec, info.toString());
        return new Draw(sample, clip, frames, tries, target, second);
    }

    /**
     * The labels the official code may choose from: those present in the first frame, and for BL30K
     * only those of more than 10x10 pixels there that are either larger than 30x30 or stay below 20x20
     * in both other frames.
     */
    int[] candidates(Raster[] masks) {
        int[] first = histogram(masks[0]);
        int[] h1 = variant == Variant.BL30K ? histogram(masks[1]) : null;
        int[] h2 = variant == Variant.BL30K ? histogram(masks[2]) : null;
        List<Integer> out = new ArrayList<>();
        for (int label = 1; label < LabelMask.VOID; label++) {
            int n = first[label];
            if (n == 0) {
                continue;
            }
            if (variant == Variant.BL30K) {
                if (n <= 10 * 10) {
                    continue;
                }
                if (n <= 30 * 30 && Math.max(h1[label], h2[label]) >= 20 * 20) {
                    continue;
                }
            }
            out.add(label);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] histogram(Raster mask) {
        int[] h = new int[256];
        for (byte b : mask.data()) {
            h[b & 0xFF]++;
        }
        return h;
    }

    private static Raster readImage(Clip clip, int frame) {
        Path file = clip.images().get(frame);
        try {
            RgbImage image = ImageReader.readRgb(file);
            return new Raster(image.width(), image.height(), 3, image.rgb());
        } catch (InvalidInputException e) {
            throw fault(new InvalidInputException(file, stripFile(e, file) + " (sequence " + clip.name() + ")", e));
        }
    }

    private static Raster readMask(Clip clip, int frame, Raster image) {
        Path file = clip.masks().get(frame);
        LabelMask mask;
        try {
            mask = MaskIO.read(file);
        } catch (InvalidInputException e) {
            throw fault(new InvalidInputException(file, stripFile(e, file) + " (sequence " + clip.name() + ")", e));
        }
        if (mask.width() != image.width() || mask.height() != image.height()) {
            throw fault(new InvalidInputException(file, "mask is " + mask.width() + "x" + mask.height() + ", its frame "
                    + clip.images().get(frame).getFileName() + " is " + image.width() + "x" + image.height()
                    + " (sequence " + clip.name() + ")"));
        }
        return new Raster(mask.width(), mask.height(), 1, mask.labels());
    }

    static String stripFile(InvalidInputException e, Path file) {
        String m = e.getMessage();
        String prefix = file + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    static UncheckedIOException fault(InvalidInputException e) {
        return new UncheckedIOException(e.getMessage(), e);
    }

    static String fileStem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
