package io.gatewatch.app.cli;

import io.gatewatch.app.config.ConfigException;
import io.gatewatch.app.config.Durations;
import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.detect.BehaviourVectors;
import io.gatewatch.models.behaviour.AnomalyModel;
import io.gatewatch.models.behaviour.BehaviourFeatures;
import io.gatewatch.schema.ApiEvent;
import io.gatewatch.schema.parse.LogParser;
import io.gatewatch.schema.parse.ParseResult;
import io.gatewatch.schema.parse.Parsers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code train --input FILE --out MODEL [--format nginx] [--interval 1m] [--min-requests 20] [--config FILE]}:
 * trains the anomaly model on a log of the user's own (benign) traffic. The log is parsed with the
 * standard parsers and summarised per client IP and interval by the detector's own accumulator, with
 * no Kafka; the config is read only for its login routes. Exit 0 with the model written, 2 when the
 * input is missing or too small to learn from.
 */
@Command(name = "train", description = {"Trains the anomaly detector's model on a log of your own normal traffic.",
    "Per client IP and interval, no Kafka; prints what it learned from and the scores on its own data."})
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--input", paramLabel = "FILE", required = true, description = "a log of normal traffic")
    Path input;
    @Option(names = "--out", paramLabel = "MODEL", required = true, description = "the model file to write")
    Path out;
    @Option(names = "--format", paramLabel = "NAME", defaultValue = "nginx", description = "the log's format")
    String format;
    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1m",
            converter = Converters.PositiveDuration.class,
            description = "behaviour is summarised per client and interval, 10s to 1h; detectors.anomaly.interval must match")
    Duration interval;
    @Option(names = "--min-requests", paramLabel = "N", defaultValue = "20",
            description = "quieter intervals are not learned from, 1 to 1000000")
    String minRequestsText;
    @Option(names = "--config", paramLabel = "FILE",
            description = "config file, read for its login routes (default: the built-in defaults)")
    String configFile;
    /** Fewer intervals than this are no picture of normal traffic. */
    static final int MIN_VECTORS = 10;
    private final Parsers parsers;
    private final PrintStream err;

    TrainCommand(Parsers parsers, PrintStream err) {
        this.parsers = parsers;
        this.err = err;
    }

    @Override
    public Integer call() throws UsageException, ConfigException, IOException {
        if (!parsers.names().contains(format)) {
            throw new UsageException("train: --format " + format + ": unknown; known: "
                    + String.join(", ", parsers.names().stream().sorted().toList()));
        }
        if (interval.compareTo(Duration.ofSeconds(10)) < 0 || interval.compareTo(Duration.ofHours(1)) > 0) {
            throw new UsageException("train: --interval = " + Durations.format(interval) + ": must be from 10s to 1h");
        }
        int minRequests = minRequests(minRequestsText);
        GatewatchConfig config = ConfigFiles.load(configFile, parsers);
        LogParser parser = parsers.forName(format);
        BehaviourVectors vectors = new BehaviourVectors(interval.toMillis(), minRequests, config.loginRoutes());
        long lines = 0;
        long rejected = 0;
        try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                lines++;
                switch (parser.parse(line)) {
                    case ParseResult.Parsed p -> p.events().forEach(vectors::add);
                    case ParseResult.Rejected r -> rejected++;
                }
            }
        } catch (NoSuchFileException e) {
            err.println("train: --input " + input + ": no such file");
            return 2;
        }
        List<BehaviourFeatures> found = vectors.finish();
        if (found.size() < MIN_VECTORS) {
            err.printf(Locale.ROOT, "train: %s gave %d intervals of %s with at least %d requests (from %d lines, %d"
                    + " rejected); need at least %d: use a longer log, a longer --interval or a lower"
                    + " --min-requests%n", input, found.size(), Durations.format(interval), minRequests, lines,
                    rejected, MIN_VECTORS);
            return 2;
        }
        double[][] data = found.stream().map(BehaviourFeatures::values).toArray(double[][]::new);
        long start = System.nanoTime();
        AnomalyModel model = AnomalyModel.train(data, interval.toMillis());
        long trainMs = (System.nanoTime() - start) / 1_000_000;
        model.save(out);
        double[] scores = Arrays.stream(data).mapToDouble(model::score).sorted().toArray();
        err.printf(Locale.ROOT, "train: %d lines (%d rejected), %d vectors of %s from %d clients (min %d requests"
                        + " each)%n", lines, rejected, data.length, Durations.format(interval), vectors.clients(),
                minRequests);
        err.printf(Locale.ROOT, "train: trained in %d ms; wrote %s (%d bytes)%n", trainMs, out, Files.size(out));
        err.printf(Locale.ROOT, "train: scores on its own training data: p50 %.3f, p99 %.3f, max %.3f"
                        + " (detectors.anomaly.threshold defaults to 0.75)%n", at(scores, 0.5), at(scores, 0.99),
                scores[scores.length - 1]);
        return 0;
    }

    private static double at(double[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }

    private static int minRequests(String text) throws UsageException {
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= 1_000_000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("train: --min-requests = " + text + ": must be a whole number from 1 to 1000000");
    }
}
