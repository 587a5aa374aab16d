package org.vosbench.app;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;

/** The application's own preferences (last and recent projects, annotator); propagation settings live in the editor's node. */
final class AppPreferences {

    static final String NODE = "org.vosbench.app";

    private AppPreferences() {
    }

    /** The annotator's name written into the review history; empty: the OS user. */
    static final String ANNOTATOR = "annotator";

    static IEclipsePreferences node() {
        return InstanceScope.INSTANCE.getNode(NODE);
    }

    static String annotator() {
        String name = node().get(ANNOTATOR, "");
        return name.isBlank() ? System.getProperty("user.name", "unknown") : name;
    }
}
