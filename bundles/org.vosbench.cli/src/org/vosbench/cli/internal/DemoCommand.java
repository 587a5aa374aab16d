package org.vosbench.cli.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.vosbench.dataset.Dataset;
import org.vosbench.dataset.DatasetFormatRegistry;
import org.vosbench.dataset.DatasetOptions;
import org.vosbench.engine.PropagationService;
import org.vosbench.engine.SessionSettings;
import org.vosbench.eval.DatasetEvaluator;
import org.vosbench.eval.EvaluationFiles;
import org.vosbench.eval.EvaluationResult;
import org.vosbench.sample.BundledSample;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code vosbench demo}: propagate and evaluate the bundled sample, with nothing to download. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Propagates and evaluates the bundled DAVIS sample; no download needed.",
                "drift-straight (50 frames, CC BY-NC 4.0) from its first-frame mask with the training-free",
                "backbone (or STCN with --weights), scored against the human ground truth."})
final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    Vosbench root;

    @Option(names = "--output", defaultValue = "vosbench-demo", paramLabel = "<dir>",
            description = "Where the sample, the masks and the CSV files go (default: ./${DEFAULT-VALUE}).")
    Path output;

    @Mixin
    EngineOptions engine;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        PropagationService service = root.services.get(PropagationService.class);
        SessionSettings settings = engine.settings(service.registry());
        Path sampleRoot = BundledSample.copyTo(output.resolve("sample"));
        DatasetFormatRegistry formats = root.services.get(DatasetFormatRegistry.class);
        Dataset dataset = formats.byId("davis").orElseThrow().open(sampleRoot, DatasetOptions.defaults());
        Path results = output.resolve("results-" + settings.backboneId());
        System.out.printf("Sample: DAVIS %s (%d frames, CC BY-NC 4.0, davischallenge.org) in %s%n", BundledSample.SEQUENCE,
                dataset.sequences().get(0).length(), sampleRoot.toAbsolutePath());
        PropagationRun.Outcome outcome = new PropagationRun(service, settings, false, true, false).run(dataset, dataset.sequences(),
                results, new CliProgress("frames", quiet));
        PropagateCommand.summary(System.out, settings, dataset.sequences().size(), outcome);
        EvaluationResult scores = DatasetEvaluator.evaluate(dataset, results, "val", "2017",
                DatasetEvaluator.Strictness.STRICT, org.vosbench.core.ProgressMonitor.NULL).result();
        EvaluationFiles.writeCsv(scores, results, "val");
        var g = scores.global();
        System.out.println();
        System.out.print(EvaluationFiles.formatTables(scores));
        System.out.println();
        System.out.printf(Locale.ROOT, "J&F %.3f (J %.3f, F %.3f) with the %s backbone against DAVIS ground truth.%n",
                g.jAndFMean(), g.jMean(), g.fMean(), settings.backboneId());
        System.out.printf("Masks: %s%n", results.resolve(BundledSample.SEQUENCE).toAbsolutePath());
        System.out.printf("CSV:   %s%n", results.toAbsolutePath());
        System.out.println("Open them in the workbench: ./vosbench workbench");
        return 0;
    }
}
