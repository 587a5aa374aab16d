package org.vosbench.app;

import org.vosbench.engine.EngineChoices;
import org.vosbench.engine.PropagationService;
import org.vosbench.engine.PropagationSession;
import org.vosbench.engine.SessionSettings;

/**
 * What the preference page checks when it is applied: the choices are resolved by the engine (the
 * rule the command line uses) and a session is opened with them, which loads the backbone (the
 * STCN reader checks every key and shape of a weights file), so that a bad file or choice is
 * reported then, not at the first propagation.
 */
final class WeightsCheck {

    /**
     * @param settings what the choices resolved to, or null when they could not be
     * @param problem what is wrong, or null when the settings can propagate
     */
    record Outcome(SessionSettings settings, String problem) {
    }

    private WeightsCheck() {
    }

    static Outcome check(PropagationService service, EngineChoices choices) {
        if (service == null) {
            return new Outcome(null, "The propagation engine is not running, so the settings cannot be checked");
        }
        SessionSettings settings;
        try {
            settings = choices.resolve(service.registry());
        } catch (EngineChoices.InvalidChoiceException e) {
            return new Outcome(null, label(e.option()) + e.getMessage().substring(e.option().length()));
        }
        try (PropagationSession session = service.open(settings)) {
            return new Outcome(settings, null); // loading the backbone is the check
        } catch (Exception e) {
            String what = settings.weights().map(w -> "Weights file " + w + " cannot be used by ")
                    .orElse("The settings cannot be used by ");
            return new Outcome(settings, what + settings.backboneId() + ": " + e.getMessage());
        }
    }

    private static String label(String option) {
        return switch (option) {
            case "weights" -> "Weights file";
            case "top-k" -> "Top-k";
            case "mem-every" -> "memEvery";
            case "max-memory-frames" -> "Max memory frames";
            default -> Character.toUpperCase(option.charAt(0)) + option.substring(1);
        };
    }
}
