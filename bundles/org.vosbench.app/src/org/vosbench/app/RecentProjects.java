package org.vosbench.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.osgi.service.prefs.BackingStoreException;

/**
 * The last project (reopened on start) and the recent ones (File ▸ Recent Projects), kept in a
 * preferences node and written to disk at each change, so that a crash does not forget them.
 */
final class RecentProjects {

    static final String LAST_PROJECT = "lastProject";
    static final String RECENT_PROJECTS = "recentProjects";
    static final int MAX = 8;

    private final IEclipsePreferences node;

    RecentProjects(IEclipsePreferences node) {
        this.node = node;
    }

    /** The project to open on start: the last one opened and not closed, if its file still exists. */
    Path last() {
        String last = node.get(LAST_PROJECT, null);
        return last == null ? null : Path.of(last);
    }

    /** Most recent first. */
    List<Path> recent() {
        String all = node.get(RECENT_PROJECTS, "");
        return all.isEmpty() ? List.of() : Arrays.stream(all.split("\n")).map(Path::of).toList();
    }

    void opened(Path file) throws BackingStoreException {
        node.put(LAST_PROJECT, file.toString());
        List<Path> list = new ArrayList<>(recent());
        list.remove(file);
        list.add(0, file);
        node.put(RECENT_PROJECTS, String.join("\n", list.stream().limit(MAX).map(Path::toString).toList()));
        node.flush();
    }

    /** Closed by the person: the next start opens no project. */
    void closed() throws BackingStoreException {
        node.remove(LAST_PROJECT);
        node.flush();
    }
}
