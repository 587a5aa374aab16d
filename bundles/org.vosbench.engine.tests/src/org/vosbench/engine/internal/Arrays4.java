package org.vosbench.engine.internal;

import ai.djl.ndarray.NDManager;

import org.vosbench.engine.EngineDevice;
import org.vosbench.engine.djl.DjlRuntime;

/** One CPU manager for the tests of this fragment. */
final class Arrays4 {

    private static NDManager root;

    private Arrays4() {
    }

    static synchronized NDManager manager() {
        if (root == null) {
            root = new DjlRuntime().newManager(EngineDevice.CPU);
        }
        return root.newSubManager();
    }
}
