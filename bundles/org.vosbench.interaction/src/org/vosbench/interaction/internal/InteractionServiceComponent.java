package org.vosbench.interaction.internal;

import java.io.IOException;
import java.nio.file.Files;

import ai.djl.ndarray.NDManager;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vosbench.engine.NdRuntime;
import org.vosbench.interaction.InteractionModel;
import org.vosbench.interaction.InteractionModelInfo;
import org.vosbench.interaction.InteractionRegistry;
import org.vosbench.interaction.InteractionService;
import org.vosbench.interaction.InteractionSession;
import org.vosbench.interaction.InteractionSettings;
import org.vosbench.interaction.InvalidInteractionException;
import org.vosbench.interaction.InvalidInteractionException.Part;

/** Loads models through the registry on the engine's runtime (DJL) and opens sessions. */
@Component(service = InteractionService.class)
public final class InteractionServiceComponent implements InteractionService {

    private final InteractionRegistry registry;
    private final NdRuntime runtime;

    /**
     * @param registry the models
     * @param runtime the engine's tensor runtime
     */
    @Activate
    public InteractionServiceComponent(@Reference InteractionRegistry registry, @Reference NdRuntime runtime) {
        this.registry = registry;
        this.runtime = runtime;
    }

    @Override
    public InteractionRegistry registry() {
        return registry;
    }

    @Override
    public InteractionSession open(InteractionSettings settings) throws IOException {
        InteractionModelInfo info = registry.model(settings.modelId())
                .orElseThrow(() -> new InvalidInteractionException(Part.MODEL, "unknown interaction model '"
                        + settings.modelId() + "'; known: " + registry.models().stream().map(InteractionModelInfo::id).toList()));
        if (info.requiresWeights() && settings.weights().isEmpty()) {
            throw new InvalidInteractionException(Part.MODEL, "the interaction model " + info.id() + " (" + info.name()
                    + ") needs a weights file" + (info.id().equals(InteractionRegistry.S2M_MODEL)
                            ? ": MiVOS's s2m.pth (github.com/hkchengrex/MiVOS, download_model.py)" : "")
                    + "; the training-free model " + InteractionRegistry.DEFAULT_MODEL + " needs none");
        }
        if (settings.weights().isPresent() && !Files.isRegularFile(settings.weights().get())) {
            throw new InvalidInteractionException(Part.MODEL, settings.weights().get() + ": weights file not found");
        }
        NDManager manager = runtime.newManager(settings.device());
        try {
            InteractionModel model = registry.provider(info.id()).load(settings.weights(), settings.device(), manager);
            return new DefaultInteractionSession(info, model, manager, settings.device().precision());
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }
}
