package io.gatewatch.app.cli;

import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.whatif.AlertDiff;
import io.gatewatch.app.whatif.WhatIfReport;
import io.gatewatch.app.whatif.WhatIfRun;
import io.gatewatch.schema.parse.Parsers;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code whatif --config proposed.yaml --against current.yaml --input FILE [--json]}: both configs over one
 * log in one pass; per detector, the alerts that appear and disappear with the change, and for whom.
 * The report on stdout; progress on stderr. {@code replay --against} runs the same.
 */
@Command(name = "whatif", description = {"What a config change would do: two configs over one log in one pass.",
    "Per detector, the alerts that appear and that disappear with the change, with their clients and routes."})
final class WhatIfCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", required = true, description = "the proposed config")
    String proposedFile;
    @Option(names = "--against", paramLabel = "FILE", required = true, description = "the current config")
    String currentFile;
    @Option(names = "--input", paramLabel = "FILE|-", required = true, description = "the log file, or - for standard input")
    String input;
    @Option(names = "--format", paramLabel = "NAME", description = "its format (default: input.format from the proposed config)")
    String formatOption;
    @Option(names = "--json", description = "the report as JSON")
    boolean json;
    private final Parsers parsers;
    private final PrintStream out;
    private final PrintStream err;

    WhatIfCommand(Parsers parsers, PrintStream out, PrintStream err) {
        this.parsers = parsers;
        this.out = out;
        this.err = err;
    }

    /** For {@code replay --config P --against C}. */
    static WhatIfCommand of(Parsers parsers, PrintStream out, PrintStream err, String proposed, String current,
            String input, String format) {
        WhatIfCommand c = new WhatIfCommand(parsers, out, err);
        c.proposedFile = proposed;
        c.currentFile = current;
        c.input = input;
        c.formatOption = format;
        return c;
    }

    @Override
    public Integer call() throws Exception {
        if (proposedFile == null) {
            throw new UsageException("whatif: --config FILE (the proposed config) is required with --against");
        }
        GatewatchConfig proposed = ConfigFiles.load(proposedFile, parsers);
        GatewatchConfig current = ConfigFiles.load(currentFile, parsers);
        String format = formatOption != null ? formatOption : proposed.inputFormat();
        if (!parsers.names().contains(format)) {
            throw new UsageException("whatif: --format " + format + ": unknown; known: " + String.join(", ", parsers.names()));
        }
        if (!input.equals("-") && !Files.isReadable(Path.of(input))) {
            err.println("whatif: cannot read " + input);
            return 2;
        }
        err.println("whatif: starting an embedded Kafka broker and a topology per config...");
        long started = System.nanoTime();
        WhatIfRun.Result r;
        try (InputStream in = open(input)) {
            r = WhatIfRun.run(current, proposed, ConfigFiles.keyedParsers(proposed), format, in, err);
        }
        WhatIfReport report = new WhatIfReport(proposedFile, currentFile, input, r.lines(),
                AlertDiff.between(r.current(), r.proposed()));
        out.print(json ? report.json() : report.text());
        err.printf("whatif: done in %.1f s%n", (System.nanoTime() - started) / 1e9);
        return 0;
    }

    private static InputStream open(String input) throws IOException {
        try {
            return input.equals("-") ? System.in : Files.newInputStream(Path.of(input));
        } catch (NoSuchFileException e) {
            throw new IOException("no such file: " + input, e);
        }
    }
}
