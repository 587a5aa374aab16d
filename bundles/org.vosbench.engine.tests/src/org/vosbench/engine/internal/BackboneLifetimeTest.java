package org.vosbench.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosbench.core.LabelMask;
import org.vosbench.core.RgbImage;
import org.vosbench.engine.Backbone;
import org.vosbench.engine.BackboneProvider;
import org.vosbench.engine.ContributionInfo;
import org.vosbench.engine.EngineDevice;
import org.vosbench.engine.EngineException;
import org.vosbench.engine.EngineRegistry;
import org.vosbench.engine.FrameFeatures;
import org.vosbench.engine.NdRuntime;
import org.vosbench.engine.PropagationSession;
import org.vosbench.engine.SessionSettings;
import org.vosbench.engine.Similarity;
import org.vosbench.engine.djl.DjlRuntime;

/**
 * Loaded backbones live as long as the sessions that use them: a session keeps producing the
 * same results while sessions with other weights and another device setting open and close, and
 * every backbone and native manager is closed exactly once, after its last user.
 */
class BackboneLifetimeTest {

    private static final int SIDE = 8;

    @TempDir
    Path dir;

    /** The real runtime; remembers the managers it made, to check each is closed at the end. */
    private final RecordingRuntime runtime = new RecordingRuntime();
    private final List<ScaledBackbone> loadedBackbones = new ArrayList<>();
    private final PropagationServiceComponent service = new PropagationServiceComponent(new Registry(), runtime);

    @AfterEach
    void deactivate() {
        service.deactivate();
    }

    @Test
    void aSessionIsUnaffectedBySessionsWithOtherWeightsAndDevicesOpeningAndClosing() throws Exception {
        SessionSettings first = settings(weights("a", 2f), EngineDevice.CPU);
        float[][] alone = run(first, 6);

        float[][] interleaved;
        try (PropagationSession session = service.open(first)) {
            interleaved = new float[6][];
            for (int t = 0; t < 6; t++) {
                interleaved[t] = step(session, t);
                if (t == 2) {
                    // other weights, then another device setting (amp, 1 thread): each loads a backbone
                    run(settings(weights("b", 3f), EngineDevice.CPU), 3);
                    run(settings(weights("c", 5f), new EngineDevice(EngineDevice.Kind.CPU, true, 1)), 3);
                    run(settings(weights("d", 7f), EngineDevice.CPU), 3);
                }
            }
        }

        for (int t = 0; t < 6; t++) {
            assertArrayEquals(alone[t], interleaved[t], "frame " + t);
        }
        assertEquals(4, loadedBackbones.size(), "a, b, c and d loaded once each; a reused");
    }

    @Test
    void aBackboneInUseIsNeverClosedAndAnUnusedOneIsClosedOnceBeyondTheBound() throws Exception {
        SessionSettings a = settings(weights("a", 2f), EngineDevice.CPU);
        try (PropagationSession session = service.open(a)) {
            step(session, 0);
            ScaledBackbone inUse = loadedBackbones.get(0);
            for (int i = 0; i < PropagationServiceComponent.IDLE_BACKBONES + 2; i++) {
                run(settings(weights("other" + i, 1f + i), EngineDevice.CPU), 2);
            }

            assertEquals(0, inUse.closes, "the session's backbone stays loaded");
            assertTrue(inUse.manager.isOpen());
            assertEquals(1, inUse.manager.getManagedArrays().size(), "its parameter is still there");
            step(session, 1);
            for (int i = 0; i < 2; i++) {
                assertEquals(1, loadedBackbones.get(1 + i).closes, "idle beyond the bound: closed once");
                assertFalse(loadedBackbones.get(1 + i).manager.isOpen());
            }
            assertEquals(PropagationServiceComponent.IDLE_BACKBONES + 1, service.loadedBackbones().size());
        }

        service.deactivate();

        for (ScaledBackbone backbone : loadedBackbones) {
            assertEquals(1, backbone.closes, backbone.name + " closed exactly once");
        }
        for (NDManager manager : runtime.managers) {
            assertFalse(manager.isOpen(), "every native manager is closed");
            assertEquals(0, manager.getManagedArrays().size(), "and holds no array");
        }
    }

    @Test
    void closingASessionTwiceReleasesItsBackboneOnce() throws Exception {
        SessionSettings a = settings(weights("a", 2f), EngineDevice.CPU);
        PropagationSession first = service.open(a);
        try (PropagationSession second = service.open(a)) {
            step(first, 0);
            first.close();
            first.close();

            assertEquals(1, loadedBackbones.size());
            assertEquals(1, service.loadedBackbones().values().iterator().next(), "one user left");
            step(second, 0);
        }
        assertEquals(0, service.loadedBackbones().values().iterator().next());
        assertEquals(0, loadedBackbones.get(0).closes, "kept for reuse");
    }

    @Test
    void twoSessionsWithDifferentBackbonesRunAtOnce() throws Exception {
        SessionSettings a = settings(weights("a", 2f), EngineDevice.CPU);
        SessionSettings b = SessionSettings.defaults("colour", null).withTopK(1);
        float[][] aloneA = run(a, 8);
        float[][] aloneB = run(b, 8);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<float[][]> fa = pool.submit(() -> run(a, 8));
            Future<float[][]> fb = pool.submit(() -> run(b, 8));
            float[][] ra = fa.get();
            float[][] rb = fb.get();
            for (int t = 0; t < 8; t++) {
                assertArrayEquals(aloneA[t], ra[t]);
                assertArrayEquals(aloneB[t], rb[t]);
            }
        } finally {
            pool.shutdown();
        }
    }

    private float[][] run(SessionSettings settings, int frames) throws IOException {
        float[][] result = new float[frames][];
        try (PropagationSession session = service.open(settings)) {
            for (int t = 0; t < frames; t++) {
                result[t] = step(session, t);
            }
        }
        return result;
    }

    private static SessionSettings settings(Path weights, EngineDevice device) {
        return SessionSettings.defaults("scaled", weights).withTopK(3).withMemEvery(2).withDevice(device);
    }

    private Path weights(String name, float scale) throws IOException {
        Path file = dir.resolve(name + ".txt");
        Files.writeString(file, Float.toString(scale));
        return file;
    }

    /** A square that moves one pixel a frame over a colour ramp; the mask is given on frame 0. */
    private static float[] step(PropagationSession session, int t) {
        byte[] rgb = new byte[SIDE * SIDE * 3];
        byte[] labels = new byte[SIDE * SIDE];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int p = y * SIDE + x;
                boolean inside = x >= 1 + t % 4 && x < 4 + t % 4 && y >= 2 && y < 5;
                rgb[3 * p] = (byte) (inside ? 220 : 20 + 10 * x);
                rgb[3 * p + 1] = (byte) (inside ? 40 : 15 * y);
                rgb[3 * p + 2] = (byte) (inside ? 90 : 100);
                labels[p] = (byte) (inside ? 1 : 0);
            }
        }
        LabelMask mask = t == 0 ? new LabelMask(SIDE, SIDE, labels) : null;
        return session.step(t, new RgbImage(SIDE, SIDE, rgb), mask).probabilities().data();
    }

    /** Keys are the colours times a scale read from the weights file, held as a parameter array. */
    private final class ScaledBackbone implements Backbone {
        final String name;
        final NDManager manager;
        final NDArray scale;
        int closes;

        ScaledBackbone(String name, float scale, NDManager manager) {
            this.name = name;
            this.manager = manager;
            this.scale = manager.create(scale);
        }

        @Override
        public String id() {
            return "scaled";
        }

        @Override
        public int stride() {
            return 1;
        }

        @Override
        public int padMultiple() {
            return 1;
        }

        @Override
        public FrameFeatures encodeKey(NDManager step, NDArray image) {
            return new ColourBackbone.Features(image.mul(scale));
        }

        @Override
        public NDArray encodeValue(FrameFeatures features, NDArray image, NDArray masks, NDArray others) {
            return masks.mul(0.5f).add(others.mul(0.25f));
        }

        @Override
        public NDArray decode(FrameFeatures features, NDArray readout) {
            return readout.mul(2f).clip(0, 1);
        }

        @Override
        public void close() {
            closes++;
            scale.close();
        }
    }

    private final class Registry implements EngineRegistry {
        private final EngineRegistry colour = new ColourBackbone.Registry();

        @Override
        public List<ContributionInfo> backbones() {
            return List.of(new ContributionInfo("scaled", "Scaled", true, "test", ""),
                    colour.backbones().get(0));
        }

        @Override
        public List<ContributionInfo> similarities() {
            return colour.similarities();
        }

        @Override
        public BackboneProvider backbone(String id) {
            if (id.equals("colour")) {
                return colour.backbone(id);
            }
            if (!id.equals("scaled")) {
                throw new EngineException("Unknown backbone '" + id + "'");
            }
            return (Optional<Path> weights, EngineDevice device, NDManager manager) -> {
                Path file = weights.orElseThrow();
                ScaledBackbone backbone = new ScaledBackbone(file.getFileName().toString(),
                        Float.parseFloat(Files.readString(file).strip()), manager);
                synchronized (loadedBackbones) {
                    loadedBackbones.add(backbone);
                }
                return backbone;
            };
        }

        @Override
        public Similarity similarity(String id) {
            return colour.similarity(id);
        }
    }

    private static final class RecordingRuntime implements NdRuntime {
        private final DjlRuntime djl = new DjlRuntime();
        final List<NDManager> managers = new ArrayList<>();

        @Override
        public synchronized NDManager newManager(EngineDevice device) {
            NDManager manager = djl.newManager(device);
            managers.add(manager);
            return manager;
        }

        @Override
        public String describe() {
            return djl.describe();
        }
    }
}
