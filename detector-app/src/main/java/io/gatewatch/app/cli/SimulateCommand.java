package io.gatewatch.app.cli;

import io.gatewatch.app.sim.Label;
import io.gatewatch.app.sim.PrettyJson;
import io.gatewatch.app.sim.Simulation;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code simulate --out DIR [--hours H] [--seed N] [--users N] [--start ISO] [--profile classic|hard]}: writes DIR/access.log
 * (NGINX combined, time-ordered, UTC) and DIR/labels.json (who did what, when, from where). The same
 * options give the same bytes.
 */
@Command(name = "simulate", description = {"Writes a labelled NGINX log with benign traffic and one run of every attack.",
    "DIR/access.log and DIR/labels.json (who did what, when); the same options give the same bytes."})
final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", required = true, description = "the folder to write to")
    Path out;
    @Option(names = "--hours", paramLabel = "H", defaultValue = "12", description = "hours of traffic, 0.02 to 168")
    String hours;
    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "random seed")
    String seed;
    @Option(names = "--users", paramLabel = "N", defaultValue = "2500", converter = Converters.PositiveLong.class,
            description = "benign users")
    long users;
    @Option(names = "--start", paramLabel = "TIME", defaultValue = "2026-01-12T06:00:00Z",
            description = "ISO-8601 time of the first line")
    String start;
    @Option(names = "--profile", paramLabel = "classic|hard", defaultValue = "classic",
            description = "classic: the first simulator's fixed plan; hard: thirteen attack kinds at times and paces "
                    + "drawn from the seed, among benign crowds that look like attacks")
    String profile;
    static final String ACCESS_LOG = "access.log";
    static final String LABELS = "labels.json";
    private static final long PROGRESS_EVERY = 100_000;
    private final PrintStream err;

    SimulateCommand(PrintStream err) {
        this.err = err;
    }

    @Override
    public Integer call() throws UsageException, IOException {
        Simulation.Spec spec = spec();
        long started = System.nanoTime();
        err.printf("simulate: generating %s h of %s traffic from %s, seed %d, %,d users...%n",
                hours(spec.length()), spec.profile().json(), spec.start(), spec.seed(), spec.users());
        Simulation.Result result = Simulation.run(spec);
        result.notes().forEach(n -> err.println("simulate: " + n));
        err.printf("simulate: %,d lines generated in %.1f s; writing %s%n", result.lines().size(), secondsSince(started),
                out);
        Files.createDirectories(out);
        writeLog(out.resolve(ACCESS_LOG), result.lines());
        Files.writeString(out.resolve(LABELS), PrettyJson.of(result.labels()), StandardCharsets.UTF_8);
        long attacks = result.labels().actors().stream().filter(Label::isAttack).count();
        err.printf("simulate: wrote %,d lines (%d attacks, %d benign actors) to %s and %s in %.1f s%n",
                result.lines().size(), attacks, result.labels().actors().size() - attacks, out.resolve(ACCESS_LOG),
                out.resolve(LABELS), secondsSince(started));
        return 0;
    }

    private Simulation.Spec spec() throws UsageException {
        Duration length;
        try {
            double h = Double.parseDouble(hours);
            length = Duration.ofMillis(Math.round(h * 3_600_000));
            if (!(h > 0) || length.compareTo(Simulation.Spec.MAX_LENGTH) > 0 || length.toMinutes() < 1) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new UsageException("simulate: --hours = " + hours + ": must be a number of hours from 0.02 to 168");
        }
        long seedValue;
        try {
            seedValue = Long.parseLong(seed);
        } catch (NumberFormatException e) {
            throw new UsageException("simulate: --seed = " + seed + ": must be a whole number");
        }
        if (users > Simulation.Spec.MAX_USERS) {
            throw new UsageException("simulate: --users = " + users + ": must be at most " + Simulation.Spec.MAX_USERS);
        }
        Instant startTime;
        try {
            startTime = Instant.parse(start);
        } catch (DateTimeParseException e) {
            throw new UsageException("simulate: --start = " + start + ": must be an ISO-8601 time with a zone, like "
                    + "2026-01-12T06:00:00Z");
        }
        Simulation.Profile chosen = switch (profile) {
            case "classic" -> Simulation.Profile.CLASSIC;
            case "hard" -> Simulation.Profile.HARD;
            default -> throw new UsageException("simulate: --profile = " + profile + ": must be classic or hard");
        };
        return new Simulation.Spec(seedValue, startTime, length, (int) users, chosen);
    }

    private void writeLog(Path file, List<String> lines) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            long n = 0;
            for (String line : lines) {
                w.write(line);
                w.write('\n');
                if (++n % PROGRESS_EVERY == 0) {
                    err.printf("simulate: %,d of %,d lines written%n", n, lines.size());
                }
            }
        }
    }

    private static String hours(Duration length) {
        double h = length.toMillis() / 3_600_000.0;
        return h == Math.rint(h) ? String.valueOf((long) h) : String.valueOf(h);
    }

    private static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }
}
