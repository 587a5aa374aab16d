package org.vosbench.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.vosbench.core.ImageReader;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.core.Npy;
import org.vosbench.core.RgbImage;
import org.vosbench.engine.EngineDevice;
import org.vosbench.engine.Precision;
import org.vosbench.interaction.Box;
import org.vosbench.interaction.Click;
import org.vosbench.interaction.InteractionRegistry;
import org.vosbench.interaction.InteractionRequest;
import org.vosbench.interaction.InteractionResult;
import org.vosbench.interaction.InteractionService;
import org.vosbench.interaction.InteractionSession;
import org.vosbench.interaction.InteractionSettings;
import org.vosbench.interaction.InvalidInteractionException;

import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;

/** {@code vosbench interact}: clicks, a box or scribbles on one frame to a label mask. */
@Command(name = "interact", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Interactive segmentation of one frame: clicks, a box or scribbles become the objects' masks.",
                "Writes <dir>/labels.png (palette PNG, original object ids) and with --save-probabilities",
                "<dir>/probabilities.npy ([K, H, W] in the run's dtype, one map per object id in ascending order);",
                "without it, an earlier run's probabilities.npy in <dir> is removed, so <dir> holds one result.",
                "Objects are aggregated as MiVOS's aggregate_wbg."})
final class InteractCommand implements Callable<Integer> {

    @ParentCommand
    Vosbench root;

    @Option(names = "--image", required = true, paramLabel = "<frame>", description = "The frame (JPEG or PNG).")
    Path image;

    @Option(names = "--output", required = true, paramLabel = "<dir>", description = "Result folder.")
    Path output;

    @Option(names = "--model", paramLabel = "<id>",
            description = "Interaction model: s2m (MiVOS, needs --weights), grabcut (training-free) or a plugin's id"
                    + " (default: s2m with --weights, else grabcut).")
    String model;

    @Option(names = "--weights", paramLabel = "<s2m.pth>", description = "Weights of the model (MiVOS's s2m.pth for s2m).")
    Path weights;

    @Option(names = "--prev-mask", paramLabel = "<png>", description = "The frame's current label mask (object ids).")
    Path previousMask;

    @Option(names = "--scribbles", paramLabel = "<png>",
            description = "Scribble map of the frame's size: 255 none, 0 background, k object k.")
    Path scribbles;

    @Option(names = "--box", paramLabel = "x0,y0,x1,y1", converter = BoxConverter.class,
            description = "A box around the object: columns x0..x1-1, rows y0..y1-1.")
    Box box;

    @Option(names = "--click", paramLabel = "x,y[,neg]", converter = ClickConverter.class,
            description = "A click on the object (repeatable); ',neg' marks a negative click (not the object).")
    List<Click> clicks = new ArrayList<>();

    @Option(names = "--object", defaultValue = "1", paramLabel = "<id>",
            description = "The object the clicks and the box are for (default: ${DEFAULT-VALUE}).")
    int object;

    @Option(names = "--precision", defaultValue = "fp32", paramLabel = "fp32|fp64",
            description = "Arithmetic of the model (default: ${DEFAULT-VALUE}; fp64 reproduces the reference code).")
    String precision;

    @Option(names = "--save-probabilities", description = "Also write <dir>/probabilities.npy.")
    boolean saveProbabilities;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "<n>", description = "CPU threads for the network (0: all cores).")
    int threads;

    @Override
    public Integer call() throws Exception {
        Precision chosen;
        try {
            chosen = Precision.parse(precision);
        } catch (IllegalArgumentException e) {
            chosen = null;
        }
        if (chosen != Precision.FP32 && chosen != Precision.FP64) {
            throw new Vosbench.UsageException("unknown --precision '" + precision + "' for interact; known: fp32, fp64");
        }
        InteractionService service = root.services.get(InteractionService.class);
        String id = model != null ? model : weights != null ? InteractionRegistry.S2M_MODEL : InteractionRegistry.DEFAULT_MODEL;
        if (service.registry().model(id).isEmpty()) {
            throw new Vosbench.UsageException("unknown --model '" + id + "'; known: "
                    + service.registry().models().stream().map(m -> m.id()).toList());
        }
        if (weights != null && !Files.isRegularFile(weights)) {
            throw new Vosbench.UsageException("--weights " + weights + ": no such file");
        }
        RgbImage frame = ImageReader.readRgb(image);
        LabelMask previous = previousMask == null ? null : MaskIO.read(previousMask);
        LabelMask scribbleMap = scribbles == null ? null : MaskIO.read(scribbles);
        InteractionRequest request = new InteractionRequest(frame, previous, scribbleMap, clicks, Optional.ofNullable(box),
                object);
        InteractionSettings settings = new InteractionSettings(id, Optional.ofNullable(weights),
                new EngineDevice(EngineDevice.Kind.CPU, false, threads, chosen));
        long start = System.nanoTime();
        InteractionResult result;
        try (InteractionSession session = service.open(settings)) {
            long loaded = System.nanoTime();
            result = session.interact(request, new CliProgress("objects", true));
            System.out.printf(Locale.ROOT, "%s: %d object(s) %s, %dx%d, model loaded in %.2f s, interaction %.3f s (%s)%n",
                    id, result.objectIds().size(), result.objectIds(), frame.width(), frame.height(),
                    (loaded - start) / 1e9, (System.nanoTime() - loaded) / 1e9, chosen);
        } catch (InvalidInteractionException e) {
            throw new Vosbench.UsageException(argument(e) + ": " + e.getMessage());
        }
        MaskIO.write(output.resolve("labels.png"), result.labels());
        if (saveProbabilities) {
            writeProbabilities(output.resolve("probabilities.npy"), result, frame.height(), frame.width());
        } else {
            // <dir> holds one interaction's result: an earlier run's maps must not sit beside these labels
            Files.deleteIfExists(output.resolve("probabilities.npy"));
        }
        System.out.println("wrote " + output.resolve("labels.png") + (saveProbabilities ? " and probabilities.npy" : ""));
        return 0;
    }

    private String argument(InvalidInteractionException e) {
        return switch (e.part()) {
            case IMAGE -> "--image " + image;
            case CLICK -> "--click";
            case BOX -> "--box " + box;
            case SCRIBBLES -> "--scribbles " + scribbles;
            case PREVIOUS_MASK -> "--prev-mask " + previousMask;
            case OBJECT -> "--object " + object;
            case MODEL -> "--model " + (model == null ? "" : model) + (weights == null ? "" : " --weights " + weights);
        };
    }

    private static void writeProbabilities(Path file, InteractionResult result, int height, int width) throws IOException {
        int k = result.objectIds().size();
        int plane = height * width;
        int[] shape = {k, height, width};
        if (result.precision() == Precision.FP64) {
            double[] data = new double[k * plane];
            for (int c = 0; c < k; c++) {
                System.arraycopy(result.probabilities()[c], 0, data, c * plane, plane);
            }
            Npy.writeFloat64(file, shape, data);
            return;
        }
        float[] data = new float[k * plane];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < plane; i++) {
                data[c * plane + i] = (float) result.probabilities()[c][i];
            }
        }
        Npy.writeFloat32(file, shape, data);
    }

    private static int[] integers(String value, int min, int max, String form) {
        String[] parts = value.split(",", -1);
        if (parts.length < min || parts.length > max) {
            throw new TypeConversionException("'" + value + "' is not " + form);
        }
        int[] result = new int[min == 2 ? 2 : parts.length]; // a click's third part is its sign
        try {
            for (int i = 0; i < result.length; i++) {
                result[i] = Integer.parseInt(parts[i].trim());
            }
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not " + form);
        }
        return result;
    }

    /** {@code x,y} or {@code x,y,neg}. */
    static final class ClickConverter implements ITypeConverter<Click> {
        @Override
        public Click convert(String value) {
            int[] xy = integers(value, 2, 3, "x,y or x,y,neg");
            String[] parts = value.split(",", -1);
            boolean negative = parts.length == 3;
            if (negative && !parts[2].trim().equalsIgnoreCase("neg")) {
                throw new TypeConversionException("'" + value + "' is not x,y or x,y,neg");
            }
            return new Click(xy[0], xy[1], !negative);
        }
    }

    /** {@code x0,y0,x1,y1}. */
    static final class BoxConverter implements ITypeConverter<Box> {
        @Override
        public Box convert(String value) {
            int[] v = integers(value, 4, 4, "x0,y0,x1,y1");
            return new Box(v[0], v[1], v[2], v[3]);
        }
    }
}
