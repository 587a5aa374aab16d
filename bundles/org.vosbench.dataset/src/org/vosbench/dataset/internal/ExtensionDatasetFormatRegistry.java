package org.vosbench.dataset.internal;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtension;
import org.eclipse.core.runtime.IExtensionPoint;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.IRegistryEventListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.vosbench.dataset.DatasetFormat;
import org.vosbench.dataset.DatasetFormatRegistry;

/**
 * Reads the {@code org.vosbench.dataset.formats} extension point. Contributions are instantiated
 * on first use and again after bundles contributing formats come or go.
 */
@Component(service = DatasetFormatRegistry.class)
public final class ExtensionDatasetFormatRegistry implements DatasetFormatRegistry {

    private static final System.Logger LOG = System.getLogger(ExtensionDatasetFormatRegistry.class.getName());

    private final IExtensionRegistry registry;
    private final IRegistryEventListener invalidator = new IRegistryEventListener() {
        @Override
        public void added(IExtension[] extensions) {
            invalidate();
        }

        @Override
        public void removed(IExtension[] extensions) {
            invalidate();
        }

        @Override
        public void added(IExtensionPoint[] extensionPoints) {
            invalidate();
        }

        @Override
        public void removed(IExtensionPoint[] extensionPoints) {
            invalidate();
        }
    };
    private volatile List<DatasetFormat> formats;

    @Activate
    public ExtensionDatasetFormatRegistry(@Reference IExtensionRegistry registry) {
        this.registry = registry;
        registry.addListener(invalidator, EXTENSION_POINT);
    }

    @Deactivate
    void deactivate() {
        registry.removeListener(invalidator);
    }

    private void invalidate() {
        formats = null;
    }

    @Override
    public List<DatasetFormat> formats() {
        List<DatasetFormat> current = formats;
        if (current == null) {
            current = load();
            formats = current;
        }
        return current;
    }

    @Override
    public Optional<DatasetFormat> byId(String id) {
        return formats().stream().filter(f -> f.id().equals(id)).findFirst();
    }

    private List<DatasetFormat> load() {
        List<DatasetFormat> loaded = new ArrayList<>();
        for (IConfigurationElement element : registry.getConfigurationElementsFor(EXTENSION_POINT)) {
            if (!"format".equals(element.getName())) {
                continue;
            }
            String id = element.getAttribute("id");
            String contributor = element.getContributor().getName();
            try {
                Object created = element.createExecutableExtension("class");
                if (!(created instanceof DatasetFormat format)) {
                    LOG.log(Level.ERROR, "Dataset format ''{0}'' of {1}: {2} does not implement DatasetFormat",
                            id, contributor, created.getClass().getName());
                } else if (!format.id().equals(id)) {
                    LOG.log(Level.ERROR, "Dataset format ''{0}'' of {1}: its class says its id is ''{2}''; left out",
                            id, contributor, format.id());
                } else if (loaded.stream().anyMatch(f -> f.id().equals(id))) {
                    LOG.log(Level.ERROR, "Dataset format ''{0}'' of {1}: a format with this id is already contributed; left out",
                            id, contributor);
                } else {
                    loaded.add(format);
                }
            } catch (CoreException e) {
                LOG.log(Level.ERROR, "Dataset format '" + id + "' of " + contributor + " cannot be created", e);
            }
        }
        loaded.sort(Comparator.comparing(DatasetFormat::id));
        return List.copyOf(loaded);
    }
}
