package org.vosbench.interaction.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.runtime.RegistryFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosbench.interaction.InteractionRegistry;
import org.vosbench.interaction.InteractionSettings;
import org.vosbench.interaction.InvalidInteractionException;
import org.vosbench.interaction.internal.InteractionRegistryComponent;

/**
 * The preference page's choice as the tools read it: the training-free default with nothing set, and
 * for S2M without its weights (or with a missing file) one message that says where to set them.
 */
class InteractionPreferencesTest {

    private final InteractionRegistry registry = new InteractionRegistryComponent(RegistryFactory.getRegistry());

    @TempDir
    Path dir;

    @AfterEach
    void reset() throws Exception {
        InteractionPreferences.node().clear();
    }

    @Test
    void nothingSetMeansTheTrainingFreeDefaultWithoutWeights() throws Exception {
        InteractionPreferences.node().clear();
        InteractionSettings s = InteractionPreferences.settings(registry);
        assertEquals(InteractionRegistry.DEFAULT_MODEL, s.modelId());
        assertTrue(s.weights().isEmpty());
    }

    @Test
    void s2mWithoutWeightsSaysWhereToSetThem() {
        InteractionPreferences.node().put(InteractionPreferences.MODEL, InteractionRegistry.S2M_MODEL);
        InvalidInteractionException e = assertThrows(InvalidInteractionException.class,
                () -> InteractionPreferences.settings(registry));
        assertTrue(e.getMessage().contains("s2m.pth"), e.getMessage());
        assertTrue(e.getMessage().contains("Window > Preferences > VOS Bench > Interaction"), e.getMessage());
    }

    @Test
    void s2mWithAMissingWeightsFileNamesTheFile() throws Exception {
        Path missing = dir.resolve("gone/s2m.pth");
        InteractionPreferences.node().put(InteractionPreferences.MODEL, InteractionRegistry.S2M_MODEL);
        InteractionPreferences.node().put(InteractionPreferences.WEIGHTS, missing.toString());
        InvalidInteractionException e = assertThrows(InvalidInteractionException.class,
                () -> InteractionPreferences.settings(registry));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        Path present = Files.writeString(dir.resolve("s2m.pth"), "x");
        InteractionPreferences.node().put(InteractionPreferences.WEIGHTS, present.toString());
        assertEquals(present, InteractionPreferences.settings(registry).weights().orElseThrow());
    }
}
