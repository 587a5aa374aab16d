package org.vosbench.cli.internal;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.vosbench.dataset.coco.MaskExchange;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vosbench import}: masks in an exchange format into the DAVIS layout. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Converts coco-rle (SA-V JSON folder or file), coco (instances JSON) or sav-png masks",
                "into <output>/<sequence>/<frame>.png palette PNGs: exactly what `vosbench export` wrote.",
                "Overlapping objects: the later (higher id) keeps the pixel; the count is printed."})
final class ImportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<input>", description = "The file or folder to read.")
    Path input;

    @Option(names = "--format", required = true, paramLabel = "coco-rle|coco|sav-png", description = "The format to read.")
    String format;

    @Option(names = "--output", required = true, paramLabel = "<dir>", description = "Mask folder to create; must not exist.")
    Path output;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        MaskExchange.Format f = MaskExchange.Format.byId(format).orElseThrow(() -> new Vosbench.UsageException(
                "unknown --format '" + format + "'; known: coco-rle, coco, sav-png"));
        MaskExchange.Summary s = MaskExchange.importMasks(f, input, output, new CliProgress("sequences", quiet));
        System.out.printf("Imported %d sequences, %d frames, %d object masks into %s%s%n", s.sequences(), s.frames(),
                s.objects(), output.toAbsolutePath(), s.overlapPixels() == 0 ? ""
                        : " (" + s.overlapPixels() + " pixels claimed by two objects went to the later one)");
        return 0;
    }
}
