package org.vosbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The last project is what the next start opens (a new {@link RecentProjects} on the same preferences
 * node, as at the next start), Close Project leaves none to open, and the recent list is most recent
 * first. (The node is flushed at each change; the test runtime has no instance area to read it back.)
 */
class RecentProjectsTest {

    private static final String NODE = "org.vosbench.app.tests.recent";

    @BeforeEach
    @AfterEach
    void clean() throws Exception {
        IEclipsePreferences node = InstanceScope.INSTANCE.getNode(NODE);
        node.removeNode();
        InstanceScope.INSTANCE.getNode("").flush();
    }

    private static RecentProjects fresh() {
        return new RecentProjects(InstanceScope.INSTANCE.getNode(NODE));
    }

    @Test
    void theLastOpenedProjectIsReopenedOnStartUnlessItWasClosed() throws Exception {
        Path a = Path.of("/data/a.vosbench");
        Path b = Path.of("/data/b.vosbench");
        fresh().opened(a);
        fresh().opened(b);
        fresh().opened(a);
        assertEquals(a, fresh().last());
        assertEquals(List.of(a, b), fresh().recent(), "most recent first, no duplicates");

        fresh().closed();
        assertNull(fresh().last(), "after Close Project the next start opens none");
        assertEquals(List.of(a, b), fresh().recent(), "closing keeps it in the recent list");
    }

    @Test
    void theRecentListKeepsEightProjects() throws Exception {
        for (int i = 0; i < 12; i++) {
            fresh().opened(Path.of("/p/" + i + ".vosbench"));
        }
        assertEquals(RecentProjects.MAX, fresh().recent().size());
        assertEquals(Path.of("/p/11.vosbench"), fresh().recent().get(0));
    }
}
