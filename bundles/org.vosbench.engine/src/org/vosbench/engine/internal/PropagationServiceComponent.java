package org.vosbench.engine.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ai.djl.ndarray.NDManager;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.vosbench.engine.Backbone;
import org.vosbench.engine.BackboneProvider;
import org.vosbench.engine.ContributionInfo;
import org.vosbench.engine.CpuFeatures;
import org.vosbench.engine.EngineDevice;
import org.vosbench.engine.EngineException;
import org.vosbench.engine.EngineRegistry;
import org.vosbench.engine.NdRuntime;
import org.vosbench.engine.PropagationService;
import org.vosbench.engine.PropagationSession;
import org.vosbench.engine.SessionSettings;
import org.vosbench.engine.Similarity;

/**
 * Opens sessions. A loaded backbone is owned by the sessions that use it: each session holds a
 * reference, released when it closes, and a backbone is never closed while a session holds it,
 * so sessions with different backbones, weights or devices run side by side. When its last
 * session closes, a backbone stays loaded for reuse (one session per sequence does not reload
 * the weights), up to {@link #IDLE_BACKBONES} unused ones; beyond that the one released longest
 * ago is closed.
 *
 * <p>Every loaded backbone and every session has its own root manager, so closing one never
 * frees arrays another still uses.
 */
@Component(service = PropagationService.class)
public final class PropagationServiceComponent implements PropagationService {

    /** Loaded backbones that no session uses and are kept for reuse, at most. */
    static final int IDLE_BACKBONES = 2;

    private final EngineRegistry registry;
    private final NdRuntime runtime;

    private final Map<BackboneKey, Loaded> loaded = new HashMap<>();
    /** Loaded backbones without users, released longest ago first. */
    private final Deque<Loaded> idle = new ArrayDeque<>();

    /**
     * What identifies a loaded backbone: the same id, device and weights file (same size and
     * modification time, so a file rewritten in place is loaded again).
     */
    record BackboneKey(String backboneId, EngineDevice device, Optional<Path> weights, long weightsSize,
            FileTime weightsModified) {

        static BackboneKey of(SessionSettings settings) throws IOException {
            Optional<Path> weights = settings.weights().map(p -> p.toAbsolutePath().normalize());
            long size = -1;
            FileTime modified = null;
            if (weights.isPresent() && Files.isRegularFile(weights.get())) {
                size = Files.size(weights.get());
                modified = Files.getLastModifiedTime(weights.get());
            }
            return new BackboneKey(settings.backboneId(), settings.device(), weights, size, modified);
        }
    }

    /** A loaded backbone, its parameters' manager and how many open sessions use it. */
    private static final class Loaded {
        final BackboneKey key;
        final Backbone backbone;
        final NDManager manager;
        int users;

        Loaded(BackboneKey key, Backbone backbone, NDManager manager) {
            this.key = key;
            this.backbone = backbone;
            this.manager = manager;
        }

        void close() {
            try {
                backbone.close();
            } finally {
                manager.close();
            }
        }
    }

    /**
     * @param registry backbones and similarities
     * @param runtime the native tensor runtime
     */
    @Activate
    public PropagationServiceComponent(@Reference EngineRegistry registry, @Reference NdRuntime runtime) {
        this.registry = registry;
        this.runtime = runtime;
    }

    @Override
    public EngineRegistry registry() {
        return registry;
    }

    @Override
    public synchronized PropagationSession open(SessionSettings settings) throws IOException {
        Optional<String> unsupported = CpuFeatures.current().unsupported(settings.device());
        if (unsupported.isPresent()) {
            throw new EngineException(unsupported.get());
        }
        Similarity similarity = registry.similarity(settings.similarityId());
        Loaded model = acquire(settings);
        NDManager manager;
        try {
            manager = runtime.newManager(settings.device());
        } catch (RuntimeException e) {
            release(model);
            throw e;
        }
        return new DefaultPropagationSession(settings, model.backbone, similarity, manager, () -> release(model));
    }

    private Loaded acquire(SessionSettings settings) throws IOException {
        ContributionInfo info = registry.backbones().stream().filter(b -> b.id().equals(settings.backboneId()))
                .findFirst().orElse(null);
        BackboneProvider provider = registry.backbone(settings.backboneId());
        if (info != null && info.requiresWeights() && settings.weights().isEmpty()) {
            throw new EngineException("The backbone '" + settings.backboneId() + "' needs a weights file (--weights)");
        }
        BackboneKey key = BackboneKey.of(settings);
        Loaded model = loaded.get(key);
        if (model == null) {
            NDManager parameters = runtime.newManager(settings.device());
            try {
                model = new Loaded(key, provider.load(settings.weights(), settings.device(), parameters), parameters);
            } catch (IOException | RuntimeException e) {
                parameters.close();
                throw e;
            }
            loaded.put(key, model);
        } else if (model.users == 0) {
            idle.remove(model);
        }
        model.users++;
        return model;
    }

    private synchronized void release(Loaded model) {
        if (--model.users > 0 || !loaded.containsKey(model.key)) {
            return;
        }
        idle.addLast(model);
        while (idle.size() > IDLE_BACKBONES) {
            Loaded oldest = idle.removeFirst();
            loaded.remove(oldest.key);
            oldest.close();
        }
    }

    /** @return the keys of the loaded backbones and their users, for tests */
    synchronized Map<BackboneKey, Integer> loadedBackbones() {
        Map<BackboneKey, Integer> result = new HashMap<>();
        loaded.forEach((k, v) -> result.put(k, v.users));
        return result;
    }

    /**
     * Closes every loaded backbone. The service is going away, so sessions still open cannot
     * step any more; their own memory is released when they close.
     */
    @Deactivate
    public synchronized void deactivate() {
        List<Loaded> all = new ArrayList<>(loaded.values());
        loaded.clear();
        idle.clear();
        for (Loaded model : all) {
            model.close();
        }
    }
}
