package org.vosbench.cli;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.eclipse.core.runtime.RegistryFactory;
import org.junit.jupiter.api.Test;

class ApplicationRegistrationTest {
    @Test
    void headlessApplicationIsRegisteredUnderItsPublicId() {
        assertNotNull(RegistryFactory.getRegistry().getExtension("org.eclipse.core.runtime.applications", "org.vosbench.cli.app"),
                "./vosbench starts -application org.vosbench.cli.app");
    }
}
