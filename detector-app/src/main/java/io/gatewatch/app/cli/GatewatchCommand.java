package io.gatewatch.app.cli;

import io.gatewatch.schema.parse.Parsers;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code detector}: the commands, {@code --help} and {@code --version}. Its help options and its
 * "show every default" setting are inherited by every subcommand.
 */
@Command(name = "detector", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true, showDefaultValues = true,
        versionProvider = BuildInfo.class, sortOptions = false, usageHelpAutoWidth = true,
        description = "Gatewatch: real-time API threat detection on Kafka Streams.")
final class GatewatchCommand implements Callable<Integer> {
    private final PrintStream err;
    @Spec
    CommandSpec spec;

    GatewatchCommand(PrintStream err) {
        this.err = err;
    }

    /** Set once the subcommands are added, so they do not inherit it. */
    static String[] footer(Parsers parsers) {
        return new String[] {"", "Formats: " + String.join(", ", parsers.names().stream().sorted().toList()),
            "Exit codes: 0 done, 1 failed while running, 2 bad command line or config.",
            "'detector help COMMAND' or 'detector COMMAND --help' shows a command's options and their defaults."};
    }

    /** No command given: the usage on stderr, as a usage error. */
    @Override
    public Integer call() {
        err.print(spec.commandLine().getUsageMessage());
        return Main.USAGE;
    }
}
