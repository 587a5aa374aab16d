package org.vosbench.engine.stcn.internal;

import java.util.List;

import org.vosbench.engine.BackboneProvider;
import org.vosbench.engine.ContributionInfo;
import org.vosbench.engine.EngineException;
import org.vosbench.engine.EngineRegistry;
import org.vosbench.engine.PropagationService;
import org.vosbench.engine.Similarity;
import org.vosbench.engine.djl.DjlRuntime;
import org.vosbench.engine.internal.L2Similarity;
import org.vosbench.engine.internal.PropagationServiceComponent;

/**
 * The engine wired by hand with the STCN backbone and the L2 similarity, so these tests do not
 * depend on the extension registry (tested in the engine's fragment).
 */
final class TestEngine {

    private static PropagationService service;

    private TestEngine() {
    }

    static synchronized PropagationService service() {
        if (service == null) {
            service = new PropagationServiceComponent(new Registry(), new DjlRuntime());
        }
        return service;
    }

    private static final class Registry implements EngineRegistry {
        @Override
        public List<ContributionInfo> backbones() {
            return List.of(new ContributionInfo("stcn", "STCN", true, "test", ""));
        }

        @Override
        public List<ContributionInfo> similarities() {
            return List.of(new ContributionInfo("l2", "L2", false, "test", ""));
        }

        @Override
        public BackboneProvider backbone(String id) {
            if (!id.equals("stcn")) {
                throw new EngineException("Unknown backbone '" + id + "'");
            }
            return new StcnBackboneProvider();
        }

        @Override
        public Similarity similarity(String id) {
            if (!id.equals("l2")) {
                throw new EngineException("Unknown similarity '" + id + "'");
            }
            return new L2Similarity();
        }
    }
}
