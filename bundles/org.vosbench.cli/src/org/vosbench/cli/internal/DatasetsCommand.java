package org.vosbench.cli.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.vosbench.dataset.Dataset;
import org.vosbench.dataset.DatasetFormatRegistry;
import org.vosbench.dataset.SequenceRef;
import org.vosbench.model.ReviewState;
import org.vosbench.model.store.ProjectStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

/** {@code vosbench datasets <folder>}: what a folder holds, as VOS Bench reads it. */
@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = {"Lists a dataset folder: format, sequences, frames, objects, annotated frames.",
                "The format (DAVIS, YouTube-VOS, BL30K, generic folders) is detected; images are not decoded."})
final class DatasetsCommand implements Callable<Integer> {

    @ParentCommand
    Vosbench root;

    @Parameters(index = "0", paramLabel = "<folder>", description = "The dataset folder.")
    Path folder;

    @Mixin
    DatasetOptionsMixin options;

    @Option(names = "--no-objects", description = "Do not decode first-frame masks to count objects (faster on huge splits).")
    boolean noObjects;

    @Option(names = "--project", paramLabel = "<file.vosbench>", description = "Add this dataset and its sequences to a workbench project.")
    Path project;

    @Override
    public Integer call() throws Exception {
        ProjectRecorder.check(project);
        DatasetFormatRegistry registry = root.services.get(DatasetFormatRegistry.class);
        Dataset dataset = options.open(registry, folder);
        List<SequenceRef> sequences = dataset.sequences();
        System.out.printf("Folder:   %s%n", dataset.root().toAbsolutePath());
        System.out.printf("Format:   %s (%s)%n", registry.byId(dataset.formatId()).map(f -> f.name()).orElse(dataset.formatId()),
                dataset.formatId());
        System.out.printf("Contents: %s%n", dataset.description());
        int frames = sequences.stream().mapToInt(SequenceRef::length).sum();
        System.out.printf("%d sequences, %d frames%n%n", sequences.size(), frames);
        int nameWidth = Math.max(8, sequences.stream().mapToInt(s -> s.name().length()).max().orElse(8));
        String row = "%-" + nameWidth + "s  %7s  %-16s  %s%n";
        System.out.printf(row, "sequence", "frames", "objects", "annotated frames");
        for (SequenceRef s : sequences) {
            System.out.printf(row, s.name(), s.length(), objects(s), annotated(s));
        }
        ProjectRecorder.record(project, store -> addToProject(store, dataset, sequences));
        return 0;
    }

    private String objects(SequenceRef s) {
        if (noObjects && !s.objectIdsKnown()) {
            return "?";
        }
        try {
            SortedSet<Integer> ids = s.objectIds();
            return ids.size() + " " + ids.stream().map(String::valueOf).collect(Collectors.joining(",", "(", ")"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String annotated(SequenceRef s) {
        List<String> names = s.annotations().keySet().stream().map(i -> s.frame(i).name()).toList();
        if (names.size() > 6) {
            return String.format(Locale.ROOT, "%d (%s ... %s)", names.size(), names.get(0), names.get(names.size() - 1));
        }
        return String.join(", ", names);
    }

    private void addToProject(ProjectStore store, Dataset dataset, List<SequenceRef> sequences) {
        List<ProjectStore.SequenceListing> listing = new java.util.ArrayList<>();
        for (SequenceRef s : sequences) {
            List<Integer> ids = null;
            if (s.objectIdsKnown() || !noObjects) {
                try {
                    ids = List.copyOf(s.objectIds());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            listing.add(new ProjectStore.SequenceListing(s.name(), s.length(), List.copyOf(s.annotations().keySet()), ids));
        }
        java.util.Map<String, String> described = new java.util.LinkedHashMap<>();
        options.describeInto(described);
        org.vosbench.model.Dataset d = store.addDatasetListing(dataset.root().toAbsolutePath(), dataset.formatId(),
                described, listing);
        var counts = ProjectStore.reviewStateCounts(d);
        System.err.printf("project dataset '%s': %d sequences (%d not started, %d approved)%n", d.getName(),
                d.getSequences().size(), counts.get(ReviewState.NOT_STARTED), counts.get(ReviewState.APPROVED));
    }
}
