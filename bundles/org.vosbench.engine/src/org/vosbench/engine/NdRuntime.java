package org.vosbench.engine;

import ai.djl.ndarray.NDManager;

/**
 * The native tensor runtime (DJL and its engine), offered as an OSGi service by the one bundle
 * that owns DJL's native libraries ({@code org.vosbench.engine.djl}). Starting the engine,
 * choosing the device and the thread count happen there, so no other bundle touches class
 * loaders or native libraries.
 */
public interface NdRuntime {

    /**
     * Creates a root manager on the device; starts the engine on first use.
     *
     * @param device where arrays of this manager live
     * @return a new manager; the caller closes it
     * @throws EngineException when the engine or the device is not available (e.g. GPU asked
     *         but DJL finds no CUDA device); the message says how to get one
     */
    NDManager newManager(EngineDevice device);

    /** @return a one-line description: engine name and version, devices found */
    String describe();
}
