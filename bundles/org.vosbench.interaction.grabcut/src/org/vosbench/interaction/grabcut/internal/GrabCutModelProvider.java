package org.vosbench.interaction.grabcut.internal;

import java.nio.file.Path;
import java.util.Optional;

import ai.djl.ndarray.NDManager;

import org.vosbench.engine.EngineDevice;
import org.vosbench.engine.EngineException;
import org.vosbench.interaction.InteractionModel;
import org.vosbench.interaction.InteractionModelProvider;

/** Contributed as interaction model {@code grabcut}: no weights; OpenCV's natives load on first use. */
public final class GrabCutModelProvider implements InteractionModelProvider {

    @Override
    public InteractionModel load(Optional<Path> weights, EngineDevice device, NDManager manager) {
        if (weights.isPresent()) {
            throw new EngineException("GrabCut takes no weights; drop --weights " + weights.get()
                    + " (or choose --model s2m for MiVOS's s2m.pth)");
        }
        OpenCvNatives.load();
        return new GrabCutModel();
    }
}
