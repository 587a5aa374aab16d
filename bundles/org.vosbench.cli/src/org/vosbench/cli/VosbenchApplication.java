package org.vosbench.cli;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;

public final class VosbenchApplication implements IApplication {
    @Override
    public Object start(IApplicationContext context) {
        System.out.println("vosbench");
        return IApplication.EXIT_OK;
    }

    @Override
    public void stop() {
    }
}
