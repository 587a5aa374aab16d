package org.vosbench.ui.editor;

import java.nio.file.Path;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.vosbench.engine.EngineChoices;
import org.vosbench.engine.EngineRegistry;
import org.vosbench.engine.Precision;
import org.vosbench.engine.SessionSettings;

/**
 * The propagation settings people choose on the preference page, stored in the instance scope under
 * {@link #NODE}: every engine option the command line has, under the command line's names. They
 * become the engine's {@link SessionSettings} through the engine's own resolver
 * ({@link EngineChoices#resolve}), the one the command line uses, so the default backbone and the
 * checks are the same in both.
 */
public final class EnginePreferences {

    /** Preference node shared by the preference page, the editor and the compare editor. */
    public static final String NODE = "org.vosbench.ui";
    /** Backbone id; empty = automatic (STCN when a weights file is set, else the training-free one). */
    public static final String BACKBONE = "backbone";
    public static final String WEIGHTS = "weights";
    /** Similarity id ({@code l2}, {@code dot}, a plugin's). */
    public static final String SIMILARITY = "similarity";
    public static final String TOP_K = "topK";
    public static final String MEM_EVERY = "memEvery";
    /** Whether the last frame is temporary memory (STCN's include_last). */
    public static final String INCLUDE_LAST = "includeLast";
    /** {@code stcn} or {@code bounded}. */
    public static final String MEMORY_POLICY = "memoryPolicy";
    public static final String MAX_MEMORY_FRAMES = "maxMemoryFrames";
    /** {@code cpu} or {@code gpu}. */
    public static final String DEVICE = "device";
    /** float16 on the GPU. */
    public static final String AMP = "amp";
    /** Intra-op threads, 0 for the engine's default. */
    public static final String THREADS = "threads";
    /** {@code fp32}, {@code fp64} or {@code bf16}. */
    public static final String PRECISION = "precision";
    /** Overlay opacity in percent. */
    public static final String OVERLAY_OPACITY = "overlayOpacity";

    public static final int DEFAULT_OVERLAY_OPACITY = 50;

    private EnginePreferences() {
    }

    public static IEclipsePreferences node() {
        return InstanceScope.INSTANCE.getNode(NODE);
    }

    /** @return the stored choices; an option never set has the engine's default */
    public static EngineChoices choices() {
        IEclipsePreferences p = node();
        EngineChoices d = EngineChoices.defaults();
        String weights = p.get(WEIGHTS, "").strip();
        return new EngineChoices(p.get(BACKBONE, "").strip(), weights.isEmpty() ? null : Path.of(weights),
                p.get(SIMILARITY, d.similarity()), p.getInt(TOP_K, d.topK()), p.getInt(MEM_EVERY, d.memEvery()),
                p.getBoolean(INCLUDE_LAST, d.includeLast()), p.get(MEMORY_POLICY, d.memory()),
                p.getInt(MAX_MEMORY_FRAMES, d.maxMemoryFrames()), p.get(DEVICE, d.device()),
                p.getBoolean(AMP, d.amp()), p.getInt(THREADS, d.threads()), p.get(PRECISION, d.precision()));
    }

    /**
     * @return the settings for a propagation now, from the preferences and the backbones installed
     * @throws EngineChoices.InvalidChoiceException naming the preference that cannot be used
     */
    public static SessionSettings sessionSettings(EngineRegistry registry) {
        return choices().resolve(registry);
    }
}
