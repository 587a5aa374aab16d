package org.vosbench.engine.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vosbench.engine.BackboneProvider;
import org.vosbench.engine.ContributionInfo;
import org.vosbench.engine.EngineException;
import org.vosbench.engine.EngineRegistry;
import org.vosbench.engine.Similarity;

/**
 * Reads the extension points {@code org.vosbench.engine.backbones} and
 * {@code org.vosbench.engine.similarities} from the extension registry it is given. The registry
 * is read on every call, so bundles that come and go are seen.
 */
@Component(service = EngineRegistry.class)
public final class EngineRegistryComponent implements EngineRegistry {

    /** Extension point of backbones. */
    public static final String BACKBONES = "org.vosbench.engine.backbones";
    /** Extension point of similarities. */
    public static final String SIMILARITIES = "org.vosbench.engine.similarities";

    private final IExtensionRegistry registry;

    /** @param registry the Eclipse extension registry */
    @Activate
    public EngineRegistryComponent(@Reference IExtensionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<ContributionInfo> backbones() {
        return infos(BACKBONES, "backbone");
    }

    @Override
    public List<ContributionInfo> similarities() {
        return infos(SIMILARITIES, "similarity");
    }

    @Override
    public BackboneProvider backbone(String id) {
        return create(BACKBONES, "backbone", id, BackboneProvider.class);
    }

    @Override
    public Similarity similarity(String id) {
        return create(SIMILARITIES, "similarity", id, Similarity.class);
    }

    private List<ContributionInfo> infos(String point, String element) {
        List<ContributionInfo> result = new ArrayList<>();
        for (IConfigurationElement e : elements(point, element)) {
            result.add(new ContributionInfo(e.getAttribute("id"), nameOf(e),
                    Boolean.parseBoolean(e.getAttribute("requiresWeights")), e.getContributor().getName(),
                    e.getAttribute("description") == null ? "" : e.getAttribute("description")));
        }
        result.sort(Comparator.comparing(ContributionInfo::id));
        return List.copyOf(result);
    }

    private static String nameOf(IConfigurationElement e) {
        String name = e.getAttribute("name");
        return name == null ? e.getAttribute("id") : name;
    }

    private List<IConfigurationElement> elements(String point, String element) {
        List<IConfigurationElement> result = new ArrayList<>();
        for (IConfigurationElement e : registry.getConfigurationElementsFor(point)) {
            if (element.equals(e.getName()) && e.getAttribute("id") != null) {
                result.add(e);
            }
        }
        return result;
    }

    private <T> T create(String point, String element, String id, Class<T> type) {
        List<IConfigurationElement> all = elements(point, element);
        for (IConfigurationElement e : all) {
            if (id.equals(e.getAttribute("id"))) {
                try {
                    Object created = e.createExecutableExtension("class");
                    if (!type.isInstance(created)) {
                        throw new EngineException("The " + element + " '" + id + "' of bundle "
                                + e.getContributor().getName() + " is a " + created.getClass().getName()
                                + ", not a " + type.getName());
                    }
                    return type.cast(created);
                } catch (CoreException ex) {
                    throw new EngineException("Cannot create the " + element + " '" + id + "' of bundle "
                            + e.getContributor().getName() + ": " + ex.getMessage(), ex);
                }
            }
        }
        String known = all.stream().map(e -> e.getAttribute("id")).sorted().collect(Collectors.joining(", "));
        throw new EngineException("Unknown " + element + " '" + id + "'; known: " + (known.isEmpty() ? "none" : known));
    }
}
