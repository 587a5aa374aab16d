package org.vosbench.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.vosbench.core.CancelledException;
import org.vosbench.core.LabelMask;
import org.vosbench.core.ProgressMonitor;
import org.vosbench.core.RgbImage;
import org.vosbench.engine.FrameSource;
import org.vosbench.engine.PropagationService;
import org.vosbench.engine.PropagationSession;
import org.vosbench.engine.Propagator;
import org.vosbench.engine.SessionSettings;
import org.vosbench.engine.StepResult;
import org.vosbench.engine.djl.DjlRuntime;

/** Sessions and the propagator with {@link ColourBackbone}: 2x2 frames, top-k 1. */
class PropagationSessionTest {

    private static final int RED = 0xFF0000;
    private static final int GREEN = 0x00FF00;
    private static final int BLUE = 0x0000FF;
    private static final int BLACK = 0;

    private static final PropagationService SERVICE = new PropagationServiceComponent(new ColourBackbone.Registry(),
            new DjlRuntime());

    private static SessionSettings settings(int memEvery) {
        return SessionSettings.defaults("colour", null).withTopK(1).withMemEvery(memEvery);
    }

    private static RgbImage frame(int... colours) {
        byte[] rgb = new byte[colours.length * 3];
        for (int i = 0; i < colours.length; i++) {
            rgb[3 * i] = (byte) (colours[i] >> 16);
            rgb[3 * i + 1] = (byte) (colours[i] >> 8);
            rgb[3 * i + 2] = (byte) colours[i];
        }
        return new RgbImage(2, 2, rgb);
    }

    private static LabelMask mask(int... labels) {
        byte[] bytes = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            bytes[i] = (byte) labels[i];
        }
        return new LabelMask(2, 2, bytes);
    }

    @Test
    void followsColoursAndKeepsNonContiguousIds() throws IOException {
        try (PropagationSession session = SERVICE.open(settings(5))) {
            session.step(0, frame(RED, GREEN, BLUE, BLACK), mask(3, 0, 7, 0));

            StepResult next = session.step(1, frame(BLUE, RED, BLACK, GREEN), null);

            assertEquals(List.of(3, 7), next.objectIds());
            assertArrayEquals(mask(7, 3, 0, 0).labels(), next.labels().labels());
            assertEquals(3, next.probabilities().channels());
        }
    }

    @Test
    void addsAnObjectGivenOnALaterFrame() throws IOException {
        try (PropagationSession session = SERVICE.open(settings(5))) {
            session.step(0, frame(RED, GREEN, BLUE, BLACK), mask(3, 0, 0, 0));
            session.step(1, frame(GREEN, RED, BLUE, BLACK), null);

            StepResult given = session.step(2, frame(GREEN, RED, BLUE, BLACK), mask(0, 0, 5, 0));
            StepResult after = session.step(3, frame(BLUE, GREEN, RED, BLACK), null);

            assertEquals(List.of(3, 5), given.objectIds());
            assertArrayEquals(mask(0, 3, 5, 0).labels(), given.labels().labels());
            assertArrayEquals(mask(5, 0, 3, 0).labels(), after.labels().labels());
        }
    }

    @Test
    void memorisesEveryMemEveryThFrameButNotTheLastOfThePass() throws IOException {
        try (PropagationSession session = SERVICE.open(settings(2))) {
            session.step(0, frame(RED, GREEN, BLUE, BLACK), mask(1, 0, 0, 0));
            for (int t = 1; t <= 4; t++) {
                session.step(t, frame(RED, GREEN, BLUE, BLACK), null, t == 4);
            }

            assertEquals(List.of(0, 2), session.memoryFrames());
        }
    }

    @Test
    void boundedMemoryStaysWithinItsBound() throws IOException {
        try (PropagationSession session = SERVICE.open(settings(1).withMemoryPolicy(org.vosbench.engine.MemoryPolicy.Kind.BOUNDED, 2))) {
            session.step(0, frame(RED, GREEN, BLUE, BLACK), mask(1, 0, 0, 0));
            for (int t = 1; t <= 10; t++) {
                session.step(t, frame(RED, GREEN, BLUE, BLACK), null);
            }

            assertEquals(3, session.memoryFrames().size());
            assertEquals(0, session.memoryFrames().get(0));
        }
    }

    @Test
    void rejectsAMaskOfAnotherSize() throws IOException {
        try (PropagationSession session = SERVICE.open(settings(5))) {
            LabelMask wrong = LabelMask.empty(3, 2);

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> session.step(0, frame(RED, GREEN, BLUE, BLACK), wrong));

            assertTrue(e.getMessage().contains("3x2"), e.getMessage());
        }
    }

    @Test
    void refusesToPropagateBeforeAnyObjectIsGiven() throws IOException {
        try (PropagationSession session = SERVICE.open(settings(5))) {
            assertThrows(IllegalStateException.class, () -> session.step(0, frame(RED, GREEN, BLUE, BLACK), null));
        }
    }

    /** Six frames, the same colours each time; masks given on frames 0 and 4. */
    private static final class Source implements FrameSource {
        @Override
        public int frameCount() {
            return 6;
        }

        @Override
        public RgbImage image(int index) {
            return frame(RED, GREEN, BLUE, BLACK);
        }

        @Override
        public SortedSet<Integer> annotatedFrames() {
            return new TreeSet<>(List.of(0, 4));
        }

        @Override
        public Optional<LabelMask> annotation(int index) {
            return Optional.of(index == 0 ? mask(1, 0, 0, 0) : mask(0, 1, 0, 0));
        }
    }

    @Test
    void aRoundStopsBeforeTheNextAnnotatedFrameInBothDirections() throws IOException {
        List<Integer> delivered = new ArrayList<>();

        new Propagator(SERVICE, settings(5)).propagateRound(new Source(), 4, Propagator.Direction.BOTH,
                r -> delivered.add(r.frameIndex()), ProgressMonitor.NULL);

        assertEquals(List.of(4, 5, 3, 2, 1), delivered);
    }

    @Test
    void theSequenceProtocolStepsEveryFrameFromTheFirstAnnotation() throws IOException {
        List<StepResult> delivered = new ArrayList<>();

        new Propagator(SERVICE, settings(5)).propagateSequence(new Source(), delivered::add, ProgressMonitor.NULL);

        assertEquals(6, delivered.size());
        // an object in a given mask takes the mask's values (STCN's YouTube-VOS protocol)
        assertArrayEquals(mask(0, 1, 0, 0).labels(), delivered.get(4).labels().labels());
    }

    @Test
    void cancellationStopsBeforeTheNextFrameAndKeepsDeliveredOnes() {
        List<Integer> delivered = new ArrayList<>();
        AtomicInteger checks = new AtomicInteger();
        ProgressMonitor cancelAfterTwo = new ProgressMonitor() {
            @Override
            public void begin(String task, int totalWork) {
            }

            @Override
            public void worked(int work) {
            }

            @Override
            public void subTask(String name) {
            }

            @Override
            public boolean isCanceled() {
                return checks.incrementAndGet() > 2;
            }

            @Override
            public void done() {
            }
        };

        assertThrows(CancelledException.class, () -> new Propagator(SERVICE, settings(5))
                .propagateSequence(new Source(), r -> delivered.add(r.frameIndex()), cancelAfterTwo));

        assertEquals(List.of(0, 1), delivered);
    }

    /** With a bounded memory, what a session holds stops growing: no step leaves arrays behind. */
    @Test
    void aBoundedSessionHoldsAsManyArraysAtFrame40AsAtFrame10() throws IOException {
        SessionSettings bounded = settings(1).withMemoryPolicy(org.vosbench.engine.MemoryPolicy.Kind.BOUNDED, 2);
        int[][] colours = {{RED, GREEN, BLUE, BLACK}, {GREEN, RED, BLACK, BLUE}};
        try (PropagationSession session = SERVICE.open(bounded)) {
            DefaultPropagationSession inner = (DefaultPropagationSession) session;
            session.step(0, frame(colours[0]), mask(3, 0, 7, 0));
            int atFrame10 = 0;
            for (int t = 1; t <= 40; t++) {
                session.step(t, frame(colours[t % 2]), null);
                if (t == 10) {
                    atFrame10 = inner.managedArrays();
                }
            }
            assertEquals(atFrame10, inner.managedArrays());
        }
    }
}
