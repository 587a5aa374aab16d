package org.vosbench.interaction.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.eclipse.core.runtime.RegistryFactory;
import org.junit.jupiter.api.Test;
import org.vosbench.engine.EngineException;
import org.vosbench.interaction.InputKind;
import org.vosbench.interaction.InteractionModelInfo;

/** The extension point read from the running registry (plugin.xml of the S2M bundle). */
class InteractionRegistryTest {

    private final InteractionRegistryComponent registry = new InteractionRegistryComponent(RegistryFactory.getRegistry());

    @Test
    void listsS2mWithTheInputsItDeclares() {
        InteractionModelInfo s2m = registry.model("s2m").orElseThrow();
        assertTrue(s2m.requiresWeights());
        assertEquals(Set.of(InputKind.SCRIBBLES, InputKind.CLICKS, InputKind.PREVIOUS_MASK), s2m.accepts());
        assertEquals("org.vosbench.interaction.s2m", s2m.contributor());
        assertEquals("org.vosbench.interaction.s2m.internal.S2mModelProvider",
                registry.provider("s2m").getClass().getName());
    }

    @Test
    void anUnknownIdListsTheKnownOnes() {
        EngineException e = assertThrows(EngineException.class, () -> registry.provider("sam2"));
        assertTrue(e.getMessage().contains("known: ") && e.getMessage().contains("s2m"), e.getMessage());
    }
}
