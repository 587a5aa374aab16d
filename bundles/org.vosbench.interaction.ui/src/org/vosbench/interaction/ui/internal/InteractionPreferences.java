package org.vosbench.interaction.ui.internal;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.vosbench.interaction.InteractionRegistry;
import org.vosbench.interaction.InteractionSettings;
import org.vosbench.interaction.InvalidInteractionException;
import org.vosbench.interaction.InvalidInteractionException.Part;

/** The interaction model and its weights, chosen on the preference page (instance scope). */
final class InteractionPreferences {

    static final String NODE = "org.vosbench.interaction.ui";
    static final String MODEL = "model";
    static final String WEIGHTS = "weights";

    private InteractionPreferences() {
    }

    static IEclipsePreferences node() {
        return InstanceScope.INSTANCE.getNode(NODE);
    }

    /**
     * @return the settings of the preferences (default: the training-free model)
     * @throws InvalidInteractionException naming the preference page when the model needs weights that are
     *         not set or not found
     */
    static InteractionSettings settings(InteractionRegistry registry) {
        String model = node().get(MODEL, InteractionRegistry.DEFAULT_MODEL);
        String weights = node().get(WEIGHTS, "").strip();
        boolean needs = registry.model(model).map(m -> m.requiresWeights()).orElse(false);
        if (needs && weights.isEmpty()) {
            throw new InvalidInteractionException(Part.MODEL, "The interaction model " + model + " needs its weights"
                    + (model.equals(InteractionRegistry.S2M_MODEL) ? " (MiVOS's s2m.pth)" : "")
                    + ": set them in Window > Preferences > VOS Bench > Interaction, or choose the training-free "
                    + InteractionRegistry.DEFAULT_MODEL + ".");
        }
        if (needs && !Files.isRegularFile(Path.of(weights))) {
            throw new InvalidInteractionException(Part.MODEL, "The weights file " + weights + " of the interaction model "
                    + model + " does not exist: fix it in Window > Preferences > VOS Bench > Interaction.");
        }
        return InteractionSettings.of(model, needs ? Path.of(weights) : null);
    }
}
