package org.vosbench.engine.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;

import org.osgi.service.component.annotations.Component;
import org.vosbench.engine.EngineDevice;
import org.vosbench.engine.EngineException;
import org.vosbench.engine.NdRuntime;

/**
 * DJL with its PyTorch engine as an {@link NdRuntime} service. Usable outside OSGi too (tests,
 * benchmarks): {@code new DjlRuntime().newManager(EngineDevice.CPU)}.
 */
@Component(service = NdRuntime.class)
public final class DjlRuntime implements NdRuntime {

    /** DJL's name of the engine. */
    public static final String ENGINE = "PyTorch";

    private static final String GPU_HELP = "GPU requested but DJL found no CUDA device. Either put DJL's CUDA natives "
            + "for the matching libtorch on the class path (ai.djl.pytorch:pytorch-native-cu124:2.5.1 with DJL 0.32.0 is "
            + "the newest on Maven Central), or point DJL at an existing CUDA libtorch 2.7.1 with the environment "
            + "variables PYTORCH_LIBRARY_PATH=<libtorch>/lib, PYTORCH_VERSION=2.7.1 and PYTORCH_FLAVOR=cu128.";

    private Engine engine;
    private int threads;

    private synchronized Engine engine(int wantedThreads) {
        if (engine == null) {
            if (wantedThreads > 0) {
                System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(wantedThreads));
                System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
            }
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            // DJL finds engines with ServiceLoader and native libraries through the context class
            // loader; in OSGi only DJL's own bundle loader (host + engine fragments) sees them.
            thread.setContextClassLoader(Engine.class.getClassLoader());
            try {
                engine = Engine.getEngine(ENGINE);
            } catch (RuntimeException | LinkageError e) {
                throw new EngineException("Cannot start DJL's " + ENGINE + " engine: " + e.getMessage(), e);
            } finally {
                thread.setContextClassLoader(previous);
            }
            threads = wantedThreads > 0 ? wantedThreads : JniUtils.getNumThreads();
        }
        if (wantedThreads > 0 && wantedThreads != threads) {
            JniUtils.setNumThreads(wantedThreads);
            threads = wantedThreads;
        }
        return engine;
    }

    @Override
    public NDManager newManager(EngineDevice device) {
        Engine e = engine(device.threads());
        Device target;
        if (device.kind() == EngineDevice.Kind.GPU) {
            if (e.getGpuCount() == 0) {
                throw new EngineException(GPU_HELP);
            }
            target = Device.gpu();
        } else {
            target = Device.cpu();
        }
        return e.newBaseManager(target);
    }

    @Override
    public String describe() {
        Engine e = engine(0);
        return "DJL " + Engine.getDjlVersion() + ", " + e.getEngineName() + " " + e.getVersion() + ", "
                + e.getGpuCount() + " GPU(s), " + threads + " intra-op thread(s)";
    }
}
