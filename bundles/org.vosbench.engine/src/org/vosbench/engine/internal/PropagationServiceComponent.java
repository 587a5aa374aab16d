package org.vosbench.engine.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Opens sessions. Keeps the last loaded backbone (same id, weights file and device), so one
 * session per sequence does not reload the weights.
 */
@Component(service = PropagationService.class)
public final class PropagationServiceComponent implements PropagationService {

    private final EngineRegistry registry;
    private final NdRuntime runtime;

    private NDManager rootManager;
    private EngineDevice rootDevice;
    private CachedBackbone cached;

    private record CachedBackbone(String key, Backbone backbone, NDManager manager) {
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
        Backbone backbone = backbone(settings);
        return new DefaultPropagationSession(settings, backbone, similarity, rootManager.newSubManager());
    }

    private Backbone backbone(SessionSettings settings) throws IOException {
        ContributionInfo info = registry.backbones().stream().filter(b -> b.id().equals(settings.backboneId()))
                .findFirst().orElse(null);
        BackboneProvider provider = registry.backbone(settings.backboneId());
        Optional<Path> weights = settings.weights();
        if (info != null && info.requiresWeights() && weights.isEmpty()) {
            throw new EngineException("The backbone '" + settings.backboneId() + "' needs a weights file (--weights)");
        }
        String key = cacheKey(settings);
        if (cached != null && cached.key().equals(key)) {
            return cached.backbone();
        }
        closeCached();
        // the root manager depends on where arrays live and the threads, not on the precision
        EngineDevice where = new EngineDevice(settings.device().kind(), false, settings.device().threads());
        if (rootManager == null || !where.equals(rootDevice)) {
            if (rootManager != null) {
                rootManager.close();
            }
            rootManager = runtime.newManager(settings.device());
            rootDevice = where;
        }
        NDManager parameters = rootManager.newSubManager();
        try {
            Backbone backbone = provider.load(weights, settings.device(), parameters);
            cached = new CachedBackbone(key, backbone, parameters);
            return backbone;
        } catch (IOException | RuntimeException e) {
            parameters.close();
            throw e;
        }
    }

    private static String cacheKey(SessionSettings settings) throws IOException {
        StringBuilder key = new StringBuilder(settings.backboneId()).append('|').append(settings.device());
        if (settings.weights().isPresent()) {
            Path path = settings.weights().get().toAbsolutePath().normalize();
            key.append('|').append(path);
            if (Files.isRegularFile(path)) {
                key.append('|').append(Files.size(path)).append('|').append(Files.getLastModifiedTime(path));
            }
        }
        return key.toString();
    }

    private void closeCached() {
        if (cached != null) {
            cached.backbone().close();
            cached.manager().close();
            cached = null;
        }
    }

    /** Releases the cached backbone and the root manager. */
    @Deactivate
    public synchronized void deactivate() {
        closeCached();
        if (rootManager != null) {
            rootManager.close();
            rootManager = null;
        }
    }
}
