package org.vosbench.train.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

import org.vosbench.core.ImageReader;
import org.vosbench.core.InvalidInputException;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.core.RgbImage;
import org.vosbench.dataset.Dataset;
import org.vosbench.dataset.SequenceRef;
import org.vosbench.train.data.Geometry.Interpolation;

/**
 * The official {@code StaticTransformDataset} ({@code dataset/static_dataset.py}, stage 0): one
 * image and its mask turned into a three-frame sequence. Shared by the three frames: a random
 * scaling (0.8 to 1.5, nearest), a horizontal flip, a colour jitter with hue and a 5% greyscale;
 * per frame: a random affine warp (rotation up to 20 degrees, scale 0.9 to 1.1, shear up to 10,
 * cubic for the image and for the grey mask), a resize of the shorter side to the crop size, a random
 * crop, a small colour jitter, and with probability 0.33 a thin-plate-spline warp. Single object: the
 * mask is the grey level above one half.
 * <p>
 * The images come from the official static layout (an image {@code X.jpg} beside its mask
 * {@code X.png}, in the folder or in its class subfolders: ECSSD, DUTS, HRSOD, BIG, FSS-1000) or from
 * any dataset the formats registry opens (each frame with a mask is one image).
 */
public final class StaticSource implements IndexedSampleSource {

    /** How often the official code adds a thin-plate-spline warp. */
    public static final double TPS_PROBABILITY = 0.33;

    /**
     * One static image and its mask.
     *
     * @param labels whether the mask holds labels (a dataset's mask: every non-zero label is the
     *            object) rather than grey levels (the official static layout: PIL's {@code convert('L')},
     *            the object where the warped level exceeds one half)
     */
    public record Item(String name, Path image, Path mask, boolean labels) {
        public Item {
            Objects.requireNonNull(name);
            Objects.requireNonNull(image);
            Objects.requireNonNull(mask);
        }
    }

    private final String description;
    private final List<Item> items;
    private final int size;

    private StaticSource(String description, List<Item> items, int size) {
        this.description = description;
        this.items = items;
        this.size = size;
    }

    /**
     * @return whether the folder holds the official static layout: some {@code X.jpg} beside an
     *         {@code X.png}, in it or in a subfolder
     */
    public static boolean isStaticLayout(Path root) {
        try {
            return !scan(root, false).isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Opens a folder of the official static layout.
     *
     * @throws InvalidInputException no images, an image without its mask, an unreadable file
     */
    public static StaticSource of(Path root, int size) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new InvalidInputException(root, "no such folder");
        }
        List<Item> items = scan(root, true);
        if (items.isEmpty()) {
            throw new InvalidInputException(root, "no image X.jpg with its mask X.png in it or its subfolders");
        }
        return of(root + ": " + items.size() + " static images", items, size);
    }

    /** Every frame with a mask of a dataset, as static images. */
    public static StaticSource of(Dataset dataset, int size) throws IOException {
        List<Item> items = new ArrayList<>();
        for (SequenceRef s : dataset.sequences()) {
            for (var e : s.groundTruth().entrySet()) {
                items.add(new Item(s.name() + "/" + s.frame(e.getKey()).name(), s.frame(e.getKey()).image(),
                        e.getValue(), true));
            }
        }
        String what = dataset.description() + " (" + dataset.formatId() + ", " + dataset.root() + ")";
        if (items.isEmpty()) {
            throw new InvalidInputException(dataset.root(), "no frame with a mask in " + what);
        }
        return of(what + ": " + items.size() + " frames as static images", items, size);
    }

    /** @throws InvalidInputException no items, a file missing, unreadable or truncated */
    public static StaticSource of(String description, List<Item> items, int size) throws InvalidInputException {
        if (size < 8) {
            throw new IllegalArgumentException("size " + size + ": must be at least 8");
        }
        if (items.isEmpty()) {
            throw new InvalidInputException(Path.of(description), "no static images to train on");
        }
        for (Item item : items) {
            probe(item.image());
            probe(item.mask());
        }
        return new StaticSource(description, List.copyOf(items), size);
    }

    private static void probe(Path file) throws InvalidInputException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file, "no such file");
        }
        ImageReader.probe(file);
    }

    private static List<Item> scan(Path root, boolean strict) throws IOException {
        List<Item> items = new ArrayList<>();
        List<Path> folders = new ArrayList<>();
        folders.add(root);
        try (Stream<Path> children = Files.list(root)) {
            children.filter(Files::isDirectory).sorted().forEach(folders::add);
        }
        for (Path folder : folders) {
            List<Path> images;
            try (Stream<Path> files = Files.list(folder)) {
                images = files.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jpg"))
                        .sorted().toList();
            }
            for (Path image : images) {
                String name = image.getFileName().toString();
                Path mask = folder.resolve(name.substring(0, name.length() - 4) + ".png");
                if (!Files.isRegularFile(mask)) {
                    if (strict) {
                        throw new InvalidInputException(image, "has no mask " + mask.getFileName() + " beside it");
                    }
                    continue;
                }
                String rel = root.relativize(image).toString();
                items.add(new Item(rel, image, mask, false));
                if (!strict) {
                    return items;
                }
            }
        }
        return items;
    }

    public List<Item> items() {
        return items;
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public TrainingSample sample(RandomGenerator rng, int maxSkip) {
        return sample(rng.nextInt(items.size()), rng, maxSkip);
    }

    /** {@code maxSkip} is ignored: the three frames come from one image. */
    @Override
    public TrainingSample sample(int index, RandomGenerator rng, int maxSkip) {
        Item item = items.get(index);
        Raster image = readImage(item);
        Raster mask = readGreyMask(item, image);
        int plane = size * size;
        // shared by the three frames
        double scale = Colour.uniform(rng, 0.8, 1.5);
        double[] grow = Geometry.inverseAffine(image.width() * 0.5, image.height() * 0.5, 0, 0, 0, scale, 0, 0);
        boolean flip = rng.nextDouble() < 0.5;
        Colour.Jitter all = Colour.Jitter.draw(rng, 0.1, 0.05, 0.05, 0.05, 0.05);
        Raster baseImage = Geometry.affine(image, grow, Interpolation.NEAREST, Colour.FILL);
        Raster baseMask = Geometry.affine(mask, grow, Interpolation.NEAREST, new int[] {0});
        if (flip) {
            baseImage = Geometry.flipHorizontal(baseImage);
            baseMask = Geometry.flipHorizontal(baseMask);
        }
        baseImage = all.apply(baseImage);
        float[] rgb = new float[9 * plane];
        float[] target = new float[3 * plane];
        for (int k = 0; k < 3; k++) {
            double angle = Colour.uniform(rng, -20, 20);
            double s = Colour.uniform(rng, 0.9, 1.1);
            double shear = Colour.uniform(rng, -10, 10);
            int w = baseImage.width();
            int h = baseImage.height();
            double[] m = Geometry.inverseAffine(w * 0.5, h * 0.5, angle, 0, 0, s, shear, 0);
            Raster im = Geometry.affine(baseImage, m, Interpolation.BICUBIC, Colour.FILL);
            Raster gt = Geometry.affine(baseMask, m, Interpolation.BICUBIC, new int[] {0});
            // Resize(size): the shorter side to size, the longer truncated in proportion
            int rw = w <= h ? size : (int) ((long) size * w / h);
            int rh = w <= h ? (int) ((long) size * h / w) : size;
            im = Geometry.resize(im, 0, 0, w, h, rw, rh, Interpolation.BICUBIC);
            gt = Geometry.resize(gt, 0, 0, w, h, rw, rh, Interpolation.NEAREST);
            // RandomCrop(size, pad_if_needed): offsets over the (padded) image
            int top = rh > size ? rng.nextInt(rh - size + 1) : (rh - size) / 2;
            int left = rw > size ? rng.nextInt(rw - size + 1) : (rw - size) / 2;
            im = Geometry.crop(im, left, top, size, size, Colour.FILL);
            gt = Geometry.crop(gt, left, top, size, size, new int[] {0});
            im = Colour.Jitter.draw(rng, 0.1, 0.05, 0.05, 0, 0).apply(im);
            if (rng.nextDouble() < TPS_PROBABILITY) {
                float[][] map = ThinPlateSpline.randomWarp(size, size, 12, 0.02, rng);
                im = Geometry.remap(im, size, size, map[0], map[1], Interpolation.BILINEAR, new int[] {0, 0, 0});
                gt = Geometry.remap(gt, size, size, map[0], map[1], Interpolation.NEAREST, new int[] {0});
            }
            Colour.normalise(im, rgb, k * 3 * plane);
            byte[] g = gt.data();
            for (int i = 0; i < plane; i++) {
                if ((g[i] & 0xFF) > 127) {
                    target[k * plane + i] = 1;
                }
            }
        }
        return new TrainingSample(size, size, rgb, target, null, item.name());
    }

    private static Raster readImage(Item item) {
        try {
            RgbImage im = ImageReader.readRgb(item.image());
            return new Raster(im.width(), im.height(), 3, im.rgb());
        } catch (InvalidInputException e) {
            throw VosSource.fault(e);
        }
    }

    /**
     * The mask as grey levels: PIL's {@code convert('L')} of a grey mask, or 255 for every non-zero
     * label of a label mask.
     */
    private static Raster readGreyMask(Item item, Raster image) {
        int width;
        int height;
        byte[] grey;
        try {
            if (item.labels()) {
                LabelMask labels = MaskIO.read(item.mask());
                width = labels.width();
                height = labels.height();
                grey = new byte[width * height];
                byte[] l = labels.labels();
                for (int i = 0; i < grey.length; i++) {
                    grey[i] = l[i] != 0 && (l[i] & 0xFF) != LabelMask.VOID ? (byte) 255 : 0;
                }
            } else {
                RgbImage m = ImageReader.readRgb(item.mask());
                width = m.width();
                height = m.height();
                byte[] in = m.rgb();
                grey = new byte[width * height];
                for (int i = 0; i < grey.length; i++) {
                    grey[i] = (byte) Colour.luma(in[3 * i] & 0xFF, in[3 * i + 1] & 0xFF, in[3 * i + 2] & 0xFF);
                }
            }
        } catch (InvalidInputException e) {
            throw VosSource.fault(e);
        }
        if (width != image.width() || height != image.height()) {
            throw VosSource.fault(new InvalidInputException(item.mask(), "mask is " + width + "x" + height
                    + ", its image " + item.image().getFileName() + " is " + image.width() + "x" + image.height()));
        }
        return new Raster(width, height, 1, grey);
    }
}
