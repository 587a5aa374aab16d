package org.vosbench.interaction.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vosbench.engine.EngineException;
import org.vosbench.interaction.InputKind;
import org.vosbench.interaction.InteractionModelInfo;
import org.vosbench.interaction.InteractionModelProvider;
import org.vosbench.interaction.InteractionRegistry;

/**
 * Reads {@code org.vosbench.interaction.models} from the extension registry on every call, so
 * bundles that come and go are seen.
 */
@Component(service = InteractionRegistry.class)
public final class InteractionRegistryComponent implements InteractionRegistry {

    /** The extension point. */
    public static final String MODELS = "org.vosbench.interaction.models";

    private final IExtensionRegistry registry;

    /** @param registry the Eclipse extension registry */
    @Activate
    public InteractionRegistryComponent(@Reference IExtensionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<InteractionModelInfo> models() {
        List<InteractionModelInfo> result = new ArrayList<>();
        for (IConfigurationElement e : elements()) {
            result.add(new InteractionModelInfo(e.getAttribute("id"),
                    e.getAttribute("name") == null ? e.getAttribute("id") : e.getAttribute("name"),
                    Boolean.parseBoolean(e.getAttribute("requiresWeights")), accepts(e), e.getContributor().getName(),
                    e.getAttribute("description") == null ? "" : e.getAttribute("description")));
        }
        result.sort(Comparator.comparing(InteractionModelInfo::id));
        return List.copyOf(result);
    }

    private static Set<InputKind> accepts(IConfigurationElement e) {
        Set<InputKind> kinds = EnumSet.noneOf(InputKind.class);
        String value = e.getAttribute("accepts");
        if (value != null) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    try {
                        kinds.add(InputKind.parse(part));
                    } catch (IllegalArgumentException ex) {
                        throw new EngineException("The interaction model '" + e.getAttribute("id") + "' of bundle "
                                + e.getContributor().getName() + " declares " + ex.getMessage());
                    }
                }
            }
        }
        return kinds;
    }

    @Override
    public InteractionModelProvider provider(String id) {
        List<IConfigurationElement> all = elements();
        for (IConfigurationElement e : all) {
            if (id.equals(e.getAttribute("id"))) {
                try {
                    Object created = e.createExecutableExtension("class");
                    if (created instanceof InteractionModelProvider provider) {
                        return provider;
                    }
                    throw new EngineException("The interaction model '" + id + "' of bundle "
                            + e.getContributor().getName() + " is a " + created.getClass().getName() + ", not an "
                            + InteractionModelProvider.class.getName());
                } catch (CoreException ex) {
                    throw new EngineException("Cannot create the interaction model '" + id + "' of bundle "
                            + e.getContributor().getName() + ": " + ex.getMessage(), ex);
                }
            }
        }
        String known = all.stream().map(e -> e.getAttribute("id")).sorted().collect(Collectors.joining(", "));
        throw new EngineException("Unknown interaction model '" + id + "'; known: " + (known.isEmpty() ? "none" : known));
    }

    private List<IConfigurationElement> elements() {
        List<IConfigurationElement> result = new ArrayList<>();
        for (IConfigurationElement e : registry.getConfigurationElementsFor(MODELS)) {
            if ("model".equals(e.getName()) && e.getAttribute("id") != null) {
                result.add(e);
            }
        }
        return result;
    }
}
