package org.vosbench.cli.internal;

import java.util.concurrent.Callable;

import org.vosbench.engine.ContributionInfo;
import org.vosbench.engine.CpuFeatures;
import org.vosbench.engine.EngineDevice;
import org.vosbench.engine.NdRuntime;
import org.vosbench.engine.PropagationService;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code vosbench info}: the engine, the devices, the CPU's vector support and the precisions this machine runs. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Prints the engine (DJL, libtorch), devices, threads, native allocator, the CPU's vector and "
                + "bfloat16 support, and which --precision values this machine can run."})
final class InfoCommand implements Callable<Integer> {

    /** Extension point → what its contributions are called here. */
    private static final java.util.Map<String, String> KINDS = new java.util.LinkedHashMap<>();

    static {
        KINDS.put("org.vosbench.engine.backbones", "backbone");
        KINDS.put("org.vosbench.engine.similarities", "similarity");
        KINDS.put("org.vosbench.dataset.formats", "dataset format");
        KINDS.put("org.vosbench.interaction.models", "interaction model");
    }

    @ParentCommand
    Vosbench root;

    @Override
    public Integer call() {
        NdRuntime runtime = root.services.get(NdRuntime.class);
        PropagationService service = root.services.get(PropagationService.class);
        CpuFeatures cpu = CpuFeatures.current();
        String allocator = PeakMemory.nativeAllocator();
        System.out.printf("Engine:      %s%n", runtime.describe());
        System.out.printf("Allocator:   %s%n", allocator.isEmpty() ? "unknown" : allocator);
        System.out.printf("CPU:         %s, %d core(s) visible to Java%n", cpu.model(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf("CPU vectors: %s%n", cpu.vectorSummary());
        System.out.printf("bfloat16:    %s%n", cpu.bf16() ? "yes (native bf16 arithmetic)" : "no (no avx512_bf16 or amx_bf16)");
        System.out.printf("Precisions:  cpu: %s; gpu: %s%n", cpu.available(EngineDevice.Kind.CPU),
                cpu.available(EngineDevice.Kind.GPU) + " (amp: float16 with fp32)");
        System.out.printf("Backbones:   %s%n", String.join(", ",
                service.registry().backbones().stream().map(ContributionInfo::id).toList()));
        contributions();
        return 0;
    }

    /** Every contribution to VOS Bench's extension points, with the bundle (and version) that makes it. */
    private void contributions() {
        org.eclipse.core.runtime.IExtensionRegistry registry = root.services
                .get(org.eclipse.core.runtime.IExtensionRegistry.class);
        java.util.Map<String, String> versions = new java.util.HashMap<>();
        for (org.osgi.framework.Bundle b : org.osgi.framework.FrameworkUtil.getBundle(InfoCommand.class)
                .getBundleContext().getBundles()) {
            versions.put(b.getSymbolicName(), b.getVersion().toString());
        }
        var plugins = root.services.get(org.vosbench.plugins.PluginManager.class);
        java.util.Set<String> added = new java.util.HashSet<>();
        plugins.list().forEach(p -> added.add(p.symbolicName()));
        System.out.println();
        System.out.println("Contributions (extension point, id, bundle and version):");
        for (var point : KINDS.entrySet()) {
            java.util.List<String> rows = new java.util.ArrayList<>();
            for (var e : registry.getConfigurationElementsFor(point.getKey())) {
                String id = e.getAttribute("id");
                if (id == null) {
                    continue;
                }
                String bundle = e.getContributor().getName();
                rows.add(String.format("  %-18s %-14s %s %s%s", point.getValue(), id, bundle,
                        versions.getOrDefault(bundle, "?"), added.contains(bundle) ? "  (plugin)" : ""));
            }
            rows.sort(null);
            rows.forEach(System.out::println);
        }
        System.out.printf("Plugins:     %d added, in %s%n", added.size(), plugins.folder());
    }
}
