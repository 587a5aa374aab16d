package org.vosbench.ui.editor;

import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.vosbench.engine.ContributionInfo;
import org.vosbench.engine.EngineDevice;
import org.vosbench.engine.EngineRegistry;
import org.vosbench.engine.Precision;
import org.vosbench.engine.SessionSettings;

/**
 * The propagation settings people choose on the preference page, stored in the instance scope under
 * {@link #NODE}, and how they become the engine's {@link SessionSettings}.
 */
public final class EnginePreferences {

    /** Preference node shared by the preference page, the editor and the compare editor. */
    public static final String NODE = "org.vosbench.ui";
    /** Backbone id; empty = automatic (STCN when a weights file is set, else the training-free one). */
    public static final String BACKBONE = "backbone";
    public static final String WEIGHTS = "weights";
    /** {@code cpu} or {@code gpu}. */
    public static final String DEVICE = "device";
    /** {@code fp32}, {@code fp64} or {@code bf16} (see {@link Precision}). */
    public static final String PRECISION = "precision";
    public static final String TOP_K = "topK";
    public static final String MEM_EVERY = "memEvery";
    /** {@code stcn} or {@code bounded}. */
    public static final String MEMORY_POLICY = "memoryPolicy";
    public static final String MAX_MEMORY_FRAMES = "maxMemoryFrames";
    /** Overlay opacity in percent. */
    public static final String OVERLAY_OPACITY = "overlayOpacity";

    public static final String DEFAULT_DEVICE = "cpu";
    public static final String DEFAULT_MEMORY_POLICY = "stcn";
    public static final int DEFAULT_OVERLAY_OPACITY = 50;

    private EnginePreferences() {
    }

    public static IEclipsePreferences node() {
        return InstanceScope.INSTANCE.getNode(NODE);
    }

    /** The settings for a propagation now, from the preferences and the backbones installed. */
    public static SessionSettings sessionSettings(EngineRegistry registry) {
        IEclipsePreferences p = node();
        String weights = p.get(WEIGHTS, "").strip();
        String backbone = chooseBackbone(registry, p.get(BACKBONE, "").strip(), !weights.isEmpty());
        boolean requiresWeights = registry.backbones().stream().filter(b -> b.id().equals(backbone))
                .anyMatch(ContributionInfo::requiresWeights);
        SessionSettings s = SessionSettings.defaults(backbone,
                requiresWeights && !weights.isEmpty() ? Path.of(weights) : null);
        int topK = p.getInt(TOP_K, SessionSettings.DEFAULT_TOP_K);
        int memEvery = p.getInt(MEM_EVERY, SessionSettings.DEFAULT_MEM_EVERY);
        String policy = p.get(MEMORY_POLICY, DEFAULT_MEMORY_POLICY);
        int maxFrames = p.getInt(MAX_MEMORY_FRAMES, SessionSettings.DEFAULT_MAX_MEMORY_FRAMES);
        EngineDevice.Kind kind = EngineDevice.parseKind(p.get(DEVICE, DEFAULT_DEVICE));
        return s.withTopK(topK).withMemEvery(memEvery).withMemoryPolicy(policy, maxFrames)
                .withDevice(new EngineDevice(kind, false, 0, Precision.parse(p.get(PRECISION, Precision.FP32.id()))));
    }

    /**
     * The backbone to use: the preferred one when set; else STCN when a weights file is set and STCN is
     * installed; else the first backbone that needs no weights (the training-free default).
     */
    public static String chooseBackbone(EngineRegistry registry, String preferred, boolean weightsSet) {
        if (!preferred.isEmpty()) {
            return preferred;
        }
        if (weightsSet && registry.backbones().stream().anyMatch(b -> b.id().equals(EngineRegistry.STCN_BACKBONE))) {
            return EngineRegistry.STCN_BACKBONE;
        }
        Optional<ContributionInfo> free = registry.backbones().stream().filter(b -> !b.requiresWeights()).findFirst();
        return free.map(ContributionInfo::id).orElseThrow(() -> new IllegalStateException(
                "No backbone without weights is installed; set a weights file in the preferences"
                        + " (installed: " + registry.backbones().stream().map(ContributionInfo::id).toList() + ")"));
    }
}
