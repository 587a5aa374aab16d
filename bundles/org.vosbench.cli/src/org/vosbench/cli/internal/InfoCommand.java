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
        return 0;
    }
}
