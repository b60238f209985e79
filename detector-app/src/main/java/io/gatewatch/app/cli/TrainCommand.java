package io.gatewatch.app.cli;

import io.gatewatch.app.config.ConfigException;
import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.detect.BehaviourVectors;
import io.gatewatch.app.topology.ClientKeyResolver;
import io.gatewatch.models.behaviour.AnomalyModel;
import io.gatewatch.models.behaviour.Algorithm;
import io.gatewatch.models.behaviour.AnomalyTrainer;
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
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code train --input FILE --out MODEL [--format nginx] [--algorithm robust_z] [--min-requests 5] [--config FILE]}:
 * trains the anomaly model on a log of the user's own traffic. The log is parsed with the standard
 * parsers and summarised per client (keyed as the topology keys them) and minute at 1 min, 10 min and 1 h by the detector's own
 * accumulator, with no Kafka; the first half of the log fits the model, the second calibrates it
 * (docs/models.md). The config is read only for its login routes. Exit 0 with the model written, 2 when
 * the input is missing or too small to learn from.
 */
@Command(name = "train", description = {"Trains the anomaly detector's model on a log of your own traffic.",
    "Per client at 1 min, 10 min and 1 h, no Kafka; prints what it learned from and its calibration."})
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--input", paramLabel = "FILE", required = true, description = "a log of normal traffic")
    Path input;
    @Option(names = "--out", paramLabel = "MODEL", required = true, description = "the model file to write")
    Path out;
    @Option(names = "--format", paramLabel = "NAME", defaultValue = "nginx", description = "the log's format")
    String format;
    @Option(names = "--algorithm", paramLabel = "NAME", defaultValue = "robust_z",
            description = "robust_z (per-feature robust z-scores, max) or isolation_forest (Smile)")
    String algorithmText;
    @Option(names = "--min-requests", paramLabel = "N", defaultValue = "5",
            description = "a scale with fewer requests in a client's window is neither learned nor judged, 1 to 1000000")
    String minRequestsText;
    @Option(names = "--config", paramLabel = "FILE",
            description = "config file, read for its login routes (default: the built-in defaults)")
    String configFile;
    /** Fewer snapshots than this are no picture of normal traffic. */
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
        Algorithm algorithm;
        try {
            algorithm = Algorithm.of(algorithmText);
        } catch (IllegalArgumentException e) {
            throw new UsageException("train: --algorithm = " + algorithmText + ": " + e.getMessage());
        }
        int minRequests = minRequests(minRequestsText);
        GatewatchConfig config = ConfigFiles.load(configFile, parsers);
        LogParser parser = ConfigFiles.keyedParsers(config).forName(format);
        BehaviourVectors vectors = new BehaviourVectors(config.loginRoutes(),
                new ClientKeyResolver(config.identityOrder())::keyOf);
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
        List<AnomalyTrainer.Example> found = vectors.finish();
        if (found.size() < MIN_VECTORS) {
            err.printf(Locale.ROOT, "train: %s gave %d client-minutes (from %d lines, %d rejected); need at least %d:"
                    + " use a longer log%n", input, found.size(), lines, rejected, MIN_VECTORS);
            return 2;
        }
        long start = System.nanoTime();
        AnomalyModel model = AnomalyTrainer.train(found, algorithm, minRequests);
        long trainMs = (System.nanoTime() - start) / 1_000_000;
        model.save(out);
        AnomalyModel.Header h = model.header();
        err.printf(Locale.ROOT, "train: %d lines (%d rejected), %d client-minutes from %d clients, %s to %s%n", lines,
                rejected, h.vectors(), h.clients(), Instant.ofEpochMilli(h.trainedFrom()),
                Instant.ofEpochMilli(h.trainedTo()));
        err.printf(Locale.ROOT, "train: %s trained in %d ms; wrote %s (%d bytes)%n", algorithm.id(), trainMs, out,
                Files.size(out));
        err.printf(Locale.ROOT, "train: threshold %.3f for 1 benign client a day, %.3f for 10 (held-out %.2f days)%n",
                model.threshold(1), model.threshold(10), h.calibration().heldOutDays());
        return 0;
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
