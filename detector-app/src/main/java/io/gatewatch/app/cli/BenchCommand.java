package io.gatewatch.app.cli;

import io.gatewatch.app.bench.Bench;
import io.gatewatch.app.bench.BenchOptions;
import io.gatewatch.schema.parse.Parsers;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench [--events N] [--clients K] [--rate R --seconds T] [--partitions P] [--threads S]}:
 * throughput, memory, state size and event-to-alert latency of the default config on an embedded
 * broker. Progress on stderr; one {@code bench: key=value ...} line on stdout.
 */
@Command(name = "bench", description = {"Measures throughput, memory, state per client and event-to-alert latency.",
    "On an embedded Kafka; progress on stderr, one bench: key=value line on stdout (docs/performance.md)."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--events", paramLabel = "N", converter = Converters.PositiveLong.class,
            defaultValue = "" + BenchOptions.DEFAULT_EVENTS, description = "pre-loaded events for the throughput phases")
    long events;
    @Option(names = "--clients", paramLabel = "K", converter = Converters.PositiveLong.class,
            defaultValue = "" + BenchOptions.DEFAULT_CLIENTS, description = "distinct clients, at most 16777216")
    long clients;
    @Option(names = "--rate", paramLabel = "R", converter = Converters.PositiveLong.class,
            defaultValue = "" + BenchOptions.DEFAULT_RATE, description = "events a second in the latency phase")
    long rate;
    @Option(names = "--seconds", paramLabel = "T", converter = Converters.PositiveLong.class,
            defaultValue = "" + BenchOptions.DEFAULT_SECONDS, description = "length of the latency phase")
    long seconds;
    @Option(names = "--partitions", paramLabel = "P", converter = Converters.PositiveLong.class,
            defaultValue = "" + BenchOptions.DEFAULT_PARTITIONS, description = "partitions of each topic")
    long partitions;
    @Option(names = "--threads", paramLabel = "S", converter = Converters.PositiveLong.class,
            defaultValue = "" + BenchOptions.DEFAULT_THREADS, description = "stream threads")
    long threads;
    private final Parsers parsers;
    private final PrintStream out;
    private final PrintStream err;

    BenchCommand(Parsers parsers, PrintStream out, PrintStream err) {
        this.parsers = parsers;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        BenchOptions options = new BenchOptions(events,
                atMost("--clients", clients, 1 << 24),
                atMost("--rate", rate, 10_000_000),
                atMost("--seconds", seconds, 86_400),
                atMost("--partitions", partitions, 1_000),
                atMost("--threads", threads, 64));
        out.println(new Bench(options, parsers, err).run());
        return 0;
    }

    private static int atMost(String name, long v, int max) throws UsageException {
        if (v > max) {
            throw new UsageException("bench: " + name + " = " + v + ": must be at most " + max);
        }
        return (int) v;
    }
}
