package org.vosbench.interaction.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import ai.djl.ndarray.NDManager;

import org.vosbench.core.LabelMask;
import org.vosbench.core.ProgressMonitor;
import org.vosbench.core.RgbImage;
import org.vosbench.engine.Precision;
import org.vosbench.interaction.Box;
import org.vosbench.interaction.Click;
import org.vosbench.interaction.InputKind;
import org.vosbench.interaction.InteractionModel;
import org.vosbench.interaction.InteractionModelInfo;
import org.vosbench.interaction.InteractionRequest;
import org.vosbench.interaction.InteractionResult;
import org.vosbench.interaction.InteractionSession;
import org.vosbench.interaction.InvalidInteractionException;
import org.vosbench.interaction.InvalidInteractionException.Part;
import org.vosbench.interaction.ObjectInput;

/**
 * Checks a request, builds each object's input as MiVOS's {@code S2MController.interact} does
 * (positive = scribbles of the object, negative = every other scribble but "none"), runs the model
 * for the objects that got input and aggregates with {@link WbgAggregation}.
 */
public final class DefaultInteractionSession implements InteractionSession {

    /** Scribble code for "no scribble" (MiVOS's ignore class). */
    public static final int SCRIBBLE_NONE = 255;

    private final InteractionModelInfo info;
    private final InteractionModel model;
    private final NDManager manager;
    private final Precision precision;

    /**
     * @param info the model's description (what it accepts)
     * @param model the loaded model
     * @param manager owns the model's arrays, closed with the session (may be null)
     * @param precision the arithmetic the model runs in
     */
    public DefaultInteractionSession(InteractionModelInfo info, InteractionModel model, NDManager manager,
            Precision precision) {
        this.info = info;
        this.model = model;
        this.manager = manager;
        this.precision = precision;
    }

    @Override
    public InteractionModelInfo model() {
        return info;
    }

    @Override
    public InteractionResult interact(InteractionRequest request, ProgressMonitor monitor) {
        List<ObjectInput> inputs = inputs(request);
        RgbImage image = request.image();
        int n = image.width() * image.height();
        double[][] probabilities = new double[inputs.size()][];
        List<Integer> ids = new ArrayList<>();
        long toRun = inputs.stream().filter(ObjectInput::hasInteraction).count();
        monitor.begin("Interactive segmentation (" + info.id() + ")", (int) toRun);
        try {
            for (int i = 0; i < inputs.size(); i++) {
                ObjectInput input = inputs.get(i);
                ids.add(input.objectId());
                monitor.checkCanceled();
                if (input.hasInteraction()) {
                    monitor.subTask("object " + input.objectId());
                    probabilities[i] = model.predict(image, input, ProgressMonitor.cancellationOf(monitor));
                    monitor.worked(1);
                } else {
                    probabilities[i] = new double[n];
                    boolean[] previous = input.previousMask();
                    for (int p = 0; p < n; p++) {
                        probabilities[i][p] = previous != null && previous[p] ? 1 : 0;
                    }
                }
            }
        } finally {
            monitor.done();
        }
        int[] channels = WbgAggregation.labels(probabilities);
        byte[] labels = new byte[n];
        for (int p = 0; p < n; p++) {
            labels[p] = (byte) (channels[p] == 0 ? 0 : ids.get(channels[p] - 1));
        }
        return new InteractionResult(List.copyOf(ids), probabilities,
                new LabelMask(image.width(), image.height(), labels), precision);
    }

    /** @return one input per object of the frame (previous mask, scribbles, clicked object), ascending ids */
    List<ObjectInput> inputs(InteractionRequest request) {
        RgbImage image = request.image();
        if (image == null) {
            throw new InvalidInteractionException(Part.IMAGE, "no frame given");
        }
        int w = image.width();
        int h = image.height();
        LabelMask previous = request.previousMask();
        LabelMask scribbles = request.scribbles();
        List<Click> clicks = request.clicks();
        Optional<Box> box = request.box();
        int object = request.objectId();
        check(previous, w, h, Part.PREVIOUS_MASK, "previous mask");
        check(scribbles, w, h, Part.SCRIBBLES, "scribble map");
        for (Click c : clicks) {
            if (c.x() < 0 || c.y() < 0 || c.x() >= w || c.y() >= h) {
                throw new InvalidInteractionException(Part.CLICK, "click " + c + " is outside the " + w + "x" + h
                        + " frame (x in 0.." + (w - 1) + ", y in 0.." + (h - 1) + ")");
            }
        }
        if (box.isPresent()) {
            Box b = box.get();
            if (b.x1() <= b.x0() || b.y1() <= b.y0()) {
                throw new InvalidInteractionException(Part.BOX, "box " + b + " is empty (it needs x0 < x1 and y0 < y1)");
            }
            if (b.x0() < 0 || b.y0() < 0 || b.x1() > w || b.y1() > h) {
                throw new InvalidInteractionException(Part.BOX, "box " + b + " reaches outside the " + w + "x" + h
                        + " frame (0 <= x0 < x1 <= " + w + ", 0 <= y0 < y1 <= " + h + ")");
            }
        }
        accepts(!clicks.isEmpty(), InputKind.CLICKS, Part.CLICK, "clicks");
        accepts(box.isPresent(), InputKind.BOX, Part.BOX, "a box");
        accepts(scribbles != null, InputKind.SCRIBBLES, Part.SCRIBBLES, "scribbles");
        boolean direct = !clicks.isEmpty() || box.isPresent();
        if (direct && (object < 1 || object >= LabelMask.VOID)) {
            throw new InvalidInteractionException(Part.OBJECT, "object id " + object + " is not an object (1..254)");
        }
        TreeSet<Integer> ids = new TreeSet<>();
        if (previous != null) {
            ids.addAll(previous.objectIds());
        }
        if (scribbles != null) {
            ids.addAll(scribbles.objectIds());
        }
        if (!direct && !ids.contains(object) && object != 0) {
            throw new InvalidInteractionException(Part.OBJECT, "object " + object + " is unknown: no click or box is"
                    + " given for it and neither the previous mask nor the scribbles have it"
                    + (ids.isEmpty() ? "" : " (they have " + ids + ")"));
        }
        if (direct) {
            ids.add(object);
        }
        boolean usePrevious = info.accepts().contains(InputKind.PREVIOUS_MASK);
        List<ObjectInput> result = new ArrayList<>();
        int n = w * h;
        for (int id : ids) {
            boolean[] positive = null;
            boolean[] negative = null;
            if (scribbles != null) {
                positive = new boolean[n];
                negative = new boolean[n];
                byte[] codes = scribbles.labels();
                for (int p = 0; p < n; p++) {
                    int code = codes[p] & 0xFF;
                    positive[p] = code == id;
                    negative[p] = code != id && code != SCRIBBLE_NONE;
                }
            }
            boolean[] mask = null;
            if (previous != null) {
                mask = new boolean[n];
                byte[] labels = previous.labels();
                for (int p = 0; p < n; p++) {
                    mask[p] = (labels[p] & 0xFF) == id;
                }
            }
            boolean mine = id == object && direct;
            ObjectInput input = new ObjectInput(w, h, id, mine ? clicks : List.of(), mine ? box : Optional.empty(),
                    positive, negative, mask);
            if (!input.hasInteraction()) {
                // left alone: keeps its previous mask
                input = new ObjectInput(w, h, id, List.of(), Optional.empty(), null, null, mask);
            } else if (!usePrevious) {
                input = new ObjectInput(w, h, id, input.clicks(), input.box(), positive, negative, null);
            }
            result.add(input);
        }
        if (result.stream().noneMatch(ObjectInput::hasInteraction)) {
            throw new InvalidInteractionException(Part.CLICK, "nothing to segment: give clicks, a box or scribbles");
        }
        return result;
    }

    private static void check(LabelMask mask, int w, int h, Part part, String what) {
        if (mask != null && (mask.width() != w || mask.height() != h)) {
            throw new InvalidInteractionException(part, "the " + what + " is " + mask.width() + "x" + mask.height()
                    + ", the frame " + w + "x" + h);
        }
    }

    private void accepts(boolean present, InputKind kind, Part part, String what) {
        if (present && !info.accepts().contains(kind)) {
            throw new InvalidInteractionException(part, "the interaction model " + info.id() + " does not take "
                    + what + "; it takes " + info.accepts());
        }
    }

    @Override
    public void close() {
        try {
            model.close();
        } finally {
            if (manager != null) {
                manager.close();
            }
        }
    }
}
