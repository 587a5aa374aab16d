package org.vosbench.app;

import org.eclipse.ui.application.IWorkbenchConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;

/** Opens the VOS Bench perspective; the window advisor opens the project given on the command line. */
final class VosBenchWorkbenchAdvisor extends WorkbenchAdvisor {

    private final String[] args;

    VosBenchWorkbenchAdvisor(String[] args) {
        this.args = args == null ? new String[0] : args;
    }

    @Override
    public void initialize(IWorkbenchConfigurer configurer) {
        super.initialize(configurer);
        configurer.setSaveAndRestore(false);
    }

    @Override
    public String getInitialWindowPerspectiveId() {
        return VosBenchPerspective.ID;
    }

    @Override
    public WorkbenchWindowAdvisor createWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        return new VosBenchWindowAdvisor(configurer, args);
    }
}
