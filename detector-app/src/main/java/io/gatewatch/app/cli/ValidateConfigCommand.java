package io.gatewatch.app.cli;

import io.gatewatch.app.config.ConfigException;
import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.schema.parse.Parsers;
import java.io.PrintStream;
import java.util.List;

/** {@code validate-config FILE}: every problem on its own line and exit 2, or a one-line summary and 0. */
final class ValidateConfigCommand {
    static final String USAGE = "validate-config FILE";
    private final Parsers parsers;
    private final PrintStream out;
    private final PrintStream err;

    ValidateConfigCommand(Parsers parsers, PrintStream out, PrintStream err) {
        this.parsers = parsers;
        this.out = out;
        this.err = err;
    }

    int run(List<String> argv) throws UsageException {
        if (argv.size() != 1 || argv.getFirst().startsWith("--")) {
            throw new UsageException("validate-config: give exactly one config file");
        }
        String file = argv.getFirst();
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
