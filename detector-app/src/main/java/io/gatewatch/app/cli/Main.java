package io.gatewatch.app.cli;

import io.gatewatch.app.config.ConfigException;
import io.gatewatch.schema.parse.Parsers;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** The {@code detector} command line. Exit codes: 0 done, 1 failed while running, 2 bad usage or config. */
public final class Main {
    private static final String USAGE = String.join("\n",
            "usage: detector COMMAND [options]",
            "",
            "commands:",
            "  " + DemoCommand.USAGE,
            "      embedded Kafka, the topology and live simulated traffic with an attack; prints alerts",
            "  " + ReplayCommand.USAGE,
            "      runs a log file through the topology on an embedded Kafka; alert JSON lines on stdout",
            "  " + IngestCommand.USAGE,
            "      ships a log file (or standard input) into the raw topic, one record per line; --follow",
            "      keeps reading as it grows and across rotation until Ctrl-C",
            "  " + RunCommand.USAGE,
            "      production: runs against the Kafka cluster named in the config",
            "  " + AlertingCommand.USAGE,
            "      the alerting service alone: delivers the alerts topic to the configured sinks",
            "  " + BenchCommand.USAGE,
            "      throughput, memory, state per client and event-to-alert latency on an embedded Kafka",
            "  " + ValidateConfigCommand.USAGE,
            "      checks a config file and prints every problem",
            "  " + SimulateCommand.USAGE,
            "      writes DIR/access.log (a day of NGINX traffic with one run of every attack) and DIR/labels.json",
            "  " + EvaluateCommand.USAGE,
            "      scores alert JSON lines (from replay) against labels.json: attacks caught, time to detect, false alerts",
            "  " + TrainCommand.USAGE,
            "      trains the anomaly detector's model on a log of your own normal traffic (no Kafka)",
            "  " + InspectCommand.USAGE,
            "      asks a running instance's query API what it knows of a client or a route; prints its JSON",
            "",
            "formats: " + String.join(", ", Parsers.standard().names().stream().sorted().toList()));

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    static int run(List<String> argv, PrintStream out, PrintStream err) {
        if (argv.isEmpty() || argv.getFirst().equals("--help") || argv.getFirst().equals("-h")
                || argv.getFirst().equals("help")) {
            (argv.isEmpty() ? err : out).println(USAGE);
            return argv.isEmpty() ? 2 : 0;
        }
        Parsers parsers = Parsers.standard();
        List<String> rest = argv.subList(1, argv.size());
        try {
            return switch (argv.getFirst()) {
                case "demo" -> new DemoCommand(parsers, out, err).run(rest);
                case "replay" -> new ReplayCommand(parsers, out, err).run(rest);
                case "run" -> new RunCommand(parsers, err).run(rest);
                case "ingest" -> new IngestCommand(parsers, System.in, err).run(rest);
                case "alerting" -> new AlertingCommand(parsers, out, err).run(rest);
                case "bench" -> new BenchCommand(parsers, out, err).run(rest);
                case "validate-config" -> new ValidateConfigCommand(parsers, out, err).run(rest);
                case "simulate" -> new SimulateCommand(err).run(rest);
                case "evaluate" -> new EvaluateCommand(out, err).run(rest);
                case "train" -> new TrainCommand(parsers, err).run(rest);
                case "inspect" -> new InspectCommand(out, err, System.getenv()).run(rest);
                default -> throw new UsageException("unknown command '" + argv.getFirst() + "'");
            };
        } catch (ConfigException e) {
            // every problem, one per line, before anything started
            e.problems().forEach(err::println);
            return 2;
        } catch (UsageException e) {
            err.println("detector: " + e.getMessage());
            err.println();
            err.println(USAGE);
            return 2;
        } catch (Exception e) {
            err.println("detector " + argv.getFirst() + ": " + e.getMessage());
            return 1;
        }
    }
}
