package org.vosbench.interaction.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.vosbench.core.LabelMask;
import org.vosbench.core.ProgressMonitor;
import org.vosbench.core.RgbImage;
import org.vosbench.interaction.Box;
import org.vosbench.interaction.Click;
import org.vosbench.interaction.InputKind;
import org.vosbench.interaction.InteractionModel;
import org.vosbench.interaction.InteractionModelInfo;
import org.vosbench.interaction.InteractionRequest;
import org.vosbench.interaction.InteractionResult;
import org.vosbench.interaction.InvalidInteractionException;
import org.vosbench.interaction.InvalidInteractionException.Part;
import org.vosbench.interaction.ObjectInput;

/**
 * The session's checks and MiVOS's per-object inputs (S2MController.interact), with a model that
 * records what it is given and answers "the positive scribbles and the box".
 */
class DefaultInteractionSessionTest {

    private static final int W = 8;
    private static final int H = 6;

    private final List<ObjectInput> seen = new ArrayList<>();

    private final InteractionModel recorder = new InteractionModel() {
        @Override
        public double[] predict(RgbImage image, ObjectInput input, ProgressMonitor monitor) {
            seen.add(input);
            double[] p = new double[W * H];
            for (int i = 0; i < p.length; i++) {
                int x = i % W;
                int y = i / W;
                boolean inBox = input.box().map(b -> b.contains(x, y)).orElse(false);
                p[i] = (input.positiveScribbles() != null && input.positiveScribbles()[i]) || inBox ? 0.9 : 0.1;
            }
            return p;
        }

        @Override
        public void close() {
            // nothing held
        }
    };

    private DefaultInteractionSession session(Set<InputKind> accepts) {
        return new DefaultInteractionSession(new InteractionModelInfo("rec", "Recorder", false, accepts, "test", ""),
                recorder, null, org.vosbench.engine.Precision.FP32);
    }

    private static RgbImage image() {
        return new RgbImage(W, H, new byte[3 * W * H]);
    }

    private static LabelMask mask(int fill) {
        LabelMask m = LabelMask.empty(W, H);
        java.util.Arrays.fill(m.labels(), (byte) fill);
        return m;
    }

    @Test
    void scribblesOfOtherObjectsAreNegativesAsInMivos() {
        LabelMask scribbles = mask(255);
        scribbles.set(1, 1, 1);
        scribbles.set(2, 2, 2);
        scribbles.set(3, 3, 0);
        InteractionResult r = session(EnumSet.allOf(InputKind.class)).interact(
                new InteractionRequest(image(), null, scribbles, List.of(), Optional.empty(), 0), ProgressMonitor.NULL);
        assertEquals(List.of(1, 2), r.objectIds());
        ObjectInput first = seen.get(0);
        assertTrue(first.positiveScribbles()[1 * W + 1]);
        assertTrue(first.negativeScribbles()[2 * W + 2] && first.negativeScribbles()[3 * W + 3]);
        assertEquals(1, r.labels().get(1, 1));
        assertEquals(2, r.labels().get(2, 2));
        assertEquals(0, r.labels().get(3, 3));
    }

    @Test
    void anObjectWithoutInputKeepsItsPreviousMaskAndIsNotRun() {
        LabelMask previous = mask(0);
        previous.set(7, 5, 1);
        InteractionResult r = session(EnumSet.allOf(InputKind.class)).interact(new InteractionRequest(image(), previous,
                null, List.of(), Optional.of(new Box(0, 0, 2, 2)), 3), ProgressMonitor.NULL);
        assertEquals(List.of(1, 3), r.objectIds());
        assertEquals(1, seen.size());
        assertEquals(3, seen.get(0).objectId());
        assertEquals(1, r.labels().get(7, 5));
        assertEquals(3, r.labels().get(1, 1));
        assertArrayEquals(new double[] {1.0}, new double[] {r.probabilitiesOf(1)[5 * W + 7]});
    }

    @Test
    void rejectsAClickOutsideTheFrame() {
        InvalidInteractionException e = assertThrows(InvalidInteractionException.class,
                () -> session(EnumSet.allOf(InputKind.class)).interact(new InteractionRequest(image(), null, null,
                        List.of(new Click(W, 0, true)), Optional.empty(), 1), ProgressMonitor.NULL));
        assertEquals(Part.CLICK, e.part());
        assertTrue(e.getMessage().contains("outside the 8x6 frame"), e.getMessage());
        assertTrue(seen.isEmpty());
    }

    @Test
    void rejectsAnEmptyBoxAndOneReachingOutside() {
        DefaultInteractionSession s = session(EnumSet.allOf(InputKind.class));
        InvalidInteractionException empty = assertThrows(InvalidInteractionException.class, () -> s.interact(
                new InteractionRequest(image(), null, null, List.of(), Optional.of(new Box(3, 2, 3, 5)), 1),
                ProgressMonitor.NULL));
        assertTrue(empty.getMessage().contains("is empty"), empty.getMessage());
        InvalidInteractionException outside = assertThrows(InvalidInteractionException.class, () -> s.interact(
                new InteractionRequest(image(), null, null, List.of(), Optional.of(new Box(3, 2, 9, 5)), 1),
                ProgressMonitor.NULL));
        assertEquals(Part.BOX, outside.part());
    }

    @Test
    void rejectsMapsOfTheWrongSize() {
        InvalidInteractionException e = assertThrows(InvalidInteractionException.class,
                () -> session(EnumSet.allOf(InputKind.class)).interact(new InteractionRequest(image(),
                        LabelMask.empty(W + 1, H), null, List.of(new Click(1, 1, true)), Optional.empty(), 1),
                        ProgressMonitor.NULL));
        assertEquals(Part.PREVIOUS_MASK, e.part());
        assertTrue(e.getMessage().contains("9x6") && e.getMessage().contains("8x6"), e.getMessage());
    }

    @Test
    void rejectsAnUnknownObjectAndANonObjectId() {
        DefaultInteractionSession s = session(EnumSet.allOf(InputKind.class));
        LabelMask scribbles = mask(255);
        scribbles.set(1, 1, 1);
        InvalidInteractionException unknown = assertThrows(InvalidInteractionException.class, () -> s.interact(
                new InteractionRequest(image(), null, scribbles, List.of(), Optional.empty(), 4), ProgressMonitor.NULL));
        assertEquals(Part.OBJECT, unknown.part());
        InvalidInteractionException notAnObject = assertThrows(InvalidInteractionException.class, () -> s.interact(
                new InteractionRequest(image(), null, null, List.of(new Click(1, 1, true)), Optional.empty(), 255),
                ProgressMonitor.NULL));
        assertEquals(Part.OBJECT, notAnObject.part());
    }

    @Test
    void rejectsAnInputTheModelDoesNotTake() {
        InvalidInteractionException e = assertThrows(InvalidInteractionException.class,
                () -> session(EnumSet.of(InputKind.SCRIBBLES)).interact(new InteractionRequest(image(), null, null,
                        List.of(), Optional.of(new Box(0, 0, 2, 2)), 1), ProgressMonitor.NULL));
        assertTrue(e.getMessage().contains("does not take a box"), e.getMessage());
    }
}
