package io.gatewatch.app.cli;

import io.gatewatch.app.config.ConfigException;
import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.schema.parse.Parsers;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code validate-config FILE}: every problem on its own line and exit 2, or a one-line summary and 0. */
@Command(name = "validate-config", description = {"Checks a config file and prints every problem.",
    "One per line as file: key = value: reason (exit code 2), or a one-line summary (exit code 0)."})
final class ValidateConfigCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "the config file")
    String file;
    private final Parsers parsers;
    private final PrintStream out;
    private final PrintStream err;

    ValidateConfigCommand(Parsers parsers, PrintStream out, PrintStream err) {
        this.parsers = parsers;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        try {
            GatewatchConfig c = ConfigFiles.load(file, parsers);
            List<String> on = c.detectors().stream().filter(d -> d.settings().enabled())
                    .map(d -> d.id() + " (" + d.settings().mode().json() + ")").toList();
            out.println(file + ": OK; detectors: " + (on.isEmpty() ? "none enabled" : String.join(", ", on))
                    + "; input format: " + c.inputFormat() + "; topics: " + String.join(", ", c.kafka().topics().all()));
            return 0;
        } catch (ConfigException e) {
            e.problems().forEach(err::println);
            err.println(file + ": " + e.problems().size() + " problem" + (e.problems().size() == 1 ? "" : "s"));
            return 2;
        }
    }
}
