package org.vosbench.app;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;

/** The application's own preferences (the last project); propagation settings live in the editor's node. */
final class AppPreferences {

    static final String NODE = "org.vosbench.app";

    private AppPreferences() {
    }

    static IEclipsePreferences node() {
        return InstanceScope.INSTANCE.getNode(NODE);
    }
}
