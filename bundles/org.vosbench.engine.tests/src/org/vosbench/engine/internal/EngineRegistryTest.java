package org.vosbench.engine.internal;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.RegistryFactory;
import org.junit.jupiter.api.Test;
import org.vosbench.engine.ContributionInfo;
import org.vosbench.engine.EngineException;
import org.vosbench.engine.EngineRegistry;

/** The extension points as seen through the running extension registry (OSGi test runtime). */
class EngineRegistryTest {

    private static EngineRegistry registry() {
        IExtensionRegistry extensions = RegistryFactory.getRegistry();
        assertNotNull(extensions, "no extension registry: run inside OSGi (tycho-surefire)");
        return new EngineRegistryComponent(extensions);
    }

    @Test
    void findsTheL2SimilarityAndTheStcnBackbone() {
        EngineRegistry registry = registry();

        assertTrue(registry.similarities().stream().map(ContributionInfo::id).anyMatch("l2"::equals));
        ContributionInfo stcn = registry.backbones().stream().filter(b -> b.id().equals("stcn")).findFirst().orElseThrow();
        assertTrue(stcn.requiresWeights());
        assertInstanceOf(L2Similarity.class, registry.similarity("l2"));
        assertNotNull(registry.backbone("stcn"));
    }

    @Test
    void namesTheKnownIdsForAnUnknownOne() {
        EngineException e = assertThrows(EngineException.class, () -> registry().similarity("cosine"));

        assertTrue(e.getMessage().contains("'cosine'") && e.getMessage().contains("l2"), e.getMessage());
    }
}
