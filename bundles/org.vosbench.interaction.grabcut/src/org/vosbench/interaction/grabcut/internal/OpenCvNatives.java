package org.vosbench.interaction.grabcut.internal;

import org.vosbench.engine.EngineException;

/** Loads OpenCV's native library once per JVM (a native library cannot be loaded twice). */
final class OpenCvNatives {

    private static boolean loaded;

    private OpenCvNatives() {
    }

    static synchronized void load() {
        if (!loaded) {
            try {
                // org.openpnp:opencv extracts the platform's libopencv_java to a temporary folder and loads it
                nu.pattern.OpenCV.loadLocally();
            } catch (RuntimeException | LinkageError e) {
                throw new EngineException("Cannot load OpenCV's native library (org.openpnp:opencv 4.9.0): "
                        + e.getMessage(), e);
            }
            loaded = true;
        }
    }
}
