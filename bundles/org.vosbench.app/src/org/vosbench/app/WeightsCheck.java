package org.vosbench.app;

import java.nio.file.Files;
import java.nio.file.Path;

import org.vosbench.engine.EngineDevice;
import org.vosbench.engine.EngineRegistry;
import org.vosbench.engine.PropagationService;
import org.vosbench.engine.PropagationSession;
import org.vosbench.engine.SessionSettings;
import org.vosbench.ui.editor.EnginePreferences;

/**
 * What the preference page checks when it is applied: a weights file is loaded through the engine (the
 * STCN reader checks every key and shape) so that a bad file is reported then, not at the first
 * propagation.
 */
final class WeightsCheck {

    private WeightsCheck() {
    }

    /**
     * @param preferredBackbone the backbone preference ("" = automatic)
     * @param device {@code cpu} or {@code gpu}
     * @param path the weights file preference ("" = none)
     * @return what is wrong, or null when the settings can propagate
     */
    static String problem(PropagationService service, String preferredBackbone, String device, String path) {
        if (path.isBlank()) {
            return null;
        }
        Path file = Path.of(path.strip());
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            return "Weights file " + file + " does not exist or cannot be read";
        }
        if (service == null) {
            return "The propagation engine is not running, so " + file + " cannot be checked";
        }
        EngineRegistry registry = service.registry();
        String chosen = EnginePreferences.chooseBackbone(registry, preferredBackbone, true);
        boolean needsWeights = registry.backbones().stream()
                .anyMatch(b -> b.id().equals(chosen) && b.requiresWeights());
        if (!needsWeights) {
            return null;
        }
        SessionSettings settings = SessionSettings.defaults(chosen, file)
                .withDevice(new EngineDevice(EngineDevice.parseKind(device), false, 0));
        try (PropagationSession session = service.open(settings)) {
            return null; // loading the backbone is the check
        } catch (Exception e) {
            return "Weights file " + file + " cannot be used by " + chosen + ": " + e.getMessage();
        }
    }
}
