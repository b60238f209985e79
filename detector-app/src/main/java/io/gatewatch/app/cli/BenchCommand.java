package io.gatewatch.app.cli;

import io.gatewatch.app.bench.Bench;
import io.gatewatch.app.bench.BenchOptions;
import io.gatewatch.app.config.KafkaSettings;
import io.gatewatch.schema.parse.Parsers;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/**
 * {@code bench [--events N] [--clients K] [--rate R --seconds T] [--partitions P] [--threads S]}:
 * throughput, memory, state size and event-to-alert latency of the default config on an embedded
 * broker. Progress on stderr; one {@code bench: key=value ...} line on stdout.
 */
final class BenchCommand {
    static final String USAGE = "bench [--events 2000000] [--clients 100000] [--rate 20000 --seconds 30] [--partitions 4]"
            + " [--threads 1] [--processing-guarantee exactly_once_v2|at_least_once]";
    private final Parsers parsers;
    private final PrintStream out;
    private final PrintStream err;

    BenchCommand(Parsers parsers, PrintStream out, PrintStream err) {
        this.parsers = parsers;
        this.out = out;
        this.err = err;
    }

    int run(List<String> argv) throws Exception {
        Args args = Args.parse("bench", argv,
                Set.of("--events", "--clients", "--rate", "--seconds", "--partitions", "--threads",
                        "--processing-guarantee"), Set.of());
        String guaranteeText = args.get("--processing-guarantee", "exactly_once_v2");
        KafkaSettings.ProcessingGuarantee guarantee = KafkaSettings.ProcessingGuarantee.ofStreamsValue(guaranteeText);
        if (guarantee == null) {
            throw new UsageException("bench: --processing-guarantee " + guaranteeText
                    + ": must be exactly_once_v2 or at_least_once");
        }
        BenchOptions options = new BenchOptions(
                args.positiveLong("--events", BenchOptions.DEFAULT_EVENTS),
                intOption(args, "--clients", BenchOptions.DEFAULT_CLIENTS, 1 << 24),
                intOption(args, "--rate", BenchOptions.DEFAULT_RATE, 10_000_000),
                intOption(args, "--seconds", BenchOptions.DEFAULT_SECONDS, 86_400),
                intOption(args, "--partitions", BenchOptions.DEFAULT_PARTITIONS, 1_000),
                intOption(args, "--threads", BenchOptions.DEFAULT_THREADS, 64), guarantee);
        out.println(new Bench(options, parsers, err).run());
        return 0;
    }

    private static int intOption(Args args, String name, int def, int max) throws UsageException {
        long v = args.positiveLong(name, def);
        if (v > max) {
            throw new UsageException("bench: " + name + " = " + v + ": must be at most " + max);
        }
        return (int) v;
    }
}
