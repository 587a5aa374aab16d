package org.vosbench.app;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.PlatformUI;

/** The workbench application ({@code org.vosbench.app.workbench}), started by {@code ./vosbench workbench}. */
public final class VosBenchApplication implements IApplication {

    @Override
    public Object start(IApplicationContext context) {
        String[] args = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
        forgetSavedLayout();
        Display display = PlatformUI.createDisplay();
        try {
            int code = PlatformUI.createAndRunWorkbench(display, new VosBenchWorkbenchAdvisor(args));
            return code == PlatformUI.RETURN_RESTART ? IApplication.EXIT_RESTART : IApplication.EXIT_OK;
        } finally {
            display.dispose();
        }
    }

    /**
     * Editors are not restored: their inputs (a sequence of a project) are reopened from the project,
     * and a saved window model naming editors the workbench cannot rebuild showed broken tabs after a
     * crash. The saved model is deleted before the workbench starts; the window opens with the
     * perspective's layout and the last project.
     */
    private static void forgetSavedLayout() {
        try {
            var location = org.eclipse.core.runtime.Platform.getInstanceLocation();
            if (location == null || location.getURL() == null) {
                return;
            }
            java.nio.file.Path xmi = java.nio.file.Path.of(location.getURL().toURI()).resolve(
                    ".metadata/.plugins/org.eclipse.e4.workbench/workbench.xmi");
            java.nio.file.Files.deleteIfExists(xmi);
        } catch (java.io.IOException | java.net.URISyntaxException | RuntimeException e) {
            java.util.logging.Logger.getLogger(VosBenchApplication.class.getName())
                    .warning("Could not clear the saved window layout: " + e.getMessage());
        }
    }

    @Override
    public void stop() {
        if (!PlatformUI.isWorkbenchRunning()) {
            return;
        }
        IWorkbench workbench = PlatformUI.getWorkbench();
        Display display = workbench.getDisplay();
        display.syncExec(() -> {
            if (!display.isDisposed()) {
                workbench.close();
            }
        });
    }
}
