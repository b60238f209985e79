package io.gatewatch.app.cli;

import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.ingest.FileFollower;
import io.gatewatch.app.run.BrokerCheck;
import io.gatewatch.app.run.LineProducer;
import io.gatewatch.schema.parse.Parsers;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ingest FILE|- [--format F] [--follow] ...}: a log shipper for users who have none. Produces
 * each non-blank line as one record into the raw topic with the format in a {@code format} header; with
 * {@code --follow}, keeps reading the file as it grows and across rotation until SIGTERM or Ctrl-C,
 * then sends what was read and stops. Progress every few seconds and a final count on stderr.
 */
@Command(name = "ingest", description = {"Ships a log file (or standard input) into the raw topic, one record per line.",
    "--follow keeps reading as it grows and across rotation until Ctrl-C or SIGTERM."})
final class IngestCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE|-", arity = "0..1", description = "the log file, or - for standard input")
    String input;
    @Option(names = "--format", paramLabel = "NAME",
            description = "the format header each record carries (default: input.format from the config)")
    String formatOption;
    @Option(names = "--follow", description = "keep reading as the file grows and across rotation, until Ctrl-C")
    boolean follow;
    @Option(names = "--from-end", description = "send only lines written from now on")
    boolean fromEnd;
    @Option(names = "--config", paramLabel = "FILE", description = "config file (default: the built-in defaults)")
    String configFile;
    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "the broker (default: kafka.bootstrap_servers from the config)")
    String bootstrapOption;
    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", converter = Converters.PositiveDuration.class,
            description = "how long an unreachable broker or a missing topic is waited for")
    Duration timeout;
    /** A record must fit Kafka's default 1 MB message size even when every character takes 3 bytes. */
    static final int MAX_LINE_CHARS = 256 * 1024;
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private final Parsers parsers;
    private final InputStream stdin;
    private final PrintStream err;
    private final CountDownLatch stop;

    IngestCommand(Parsers parsers, InputStream stdin, PrintStream err) {
        this(parsers, stdin, err, new CountDownLatch(1));
    }

    /** @param stop counted down to end a {@code --follow} run, as SIGTERM does */
    IngestCommand(Parsers parsers, InputStream stdin, PrintStream err, CountDownLatch stop) {
        this.parsers = parsers;
        this.stdin = stdin;
        this.err = err;
        this.stop = stop;
    }

    @Override
    public Integer call() throws Exception {
        if (input == null) {
            throw new UsageException("ingest: the log file to send (or - for standard input) is required");
        }
        GatewatchConfig config = ConfigFiles.load(configFile, parsers);
        String format = formatOption != null ? formatOption : config.inputFormat();
        if (!parsers.names().contains(format)) {
            throw new UsageException("ingest: --format " + format + ": unknown format; allowed: "
                    + String.join(", ", parsers.names()));
        }
        boolean stdinInput = input.equals("-");
        if (stdinInput && (follow || fromEnd)) {
            throw new UsageException("ingest: --follow and --from-end need a file; standard input is read until it ends");
        }
        if (!stdinInput) {
            Optional<String> problem = fileProblem(Path.of(input));
            if (problem.isPresent()) {
                err.println("ingest: " + problem.get());
                return 2;
            }
        }
        String bootstrap = bootstrapOption != null ? bootstrapOption : config.kafka().bootstrapServers();
        String topic = config.kafka().topics().raw();
        Optional<String> unusable = BrokerCheck.problemWith(bootstrap, topic, config.kafka().properties(), timeout);
        if (unusable.isPresent()) {
            err.println("ingest: " + unusable.get());
            return 1;
        }

        Counts counts = new Counts();
        CountDownLatch done = new CountDownLatch(1);
        AtomicBoolean reported = new AtomicBoolean();
        long started = System.nanoTime();
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gatewatch-ingest-progress");
            t.setDaemon(true);
            return t;
        });
        try (LineProducer producer = new LineProducer(bootstrap, topic, format, producerSettings(config, timeout))) {
            Thread hook = new Thread(() -> {
                stop.countDown();
                try {
                    // A file run ends by itself once it sees the stop; standard input may be stuck in a
                    // read that never returns, so send what was read from here.
                    if (!done.await(stdinInput ? 1 : 30, TimeUnit.SECONDS)) {
                        producer.flush();
                        report(reported, counts, producer, topic, started, 0);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    err.println("ingest: " + e.getMessage());
                }
            }, "gatewatch-ingest-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            long[] lastSent = {0, System.nanoTime()};
            progress.scheduleAtFixedRate(() -> progressLine(producer, lastSent), PROGRESS_EVERY.toMillis(),
                    PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            err.println("ingest: sending " + (stdinInput ? "standard input" : input) + " to " + topic + " on "
                    + bootstrap + " as format " + format + (follow ? "; following it, Ctrl-C to stop" : ""));
            Consumer<String> sink = line -> counts.send(line, producer);
            int held = 0;
            try {
                if (stdinInput) {
                    sendStream(sink);
                } else {
                    held = sendFile(Path.of(input), follow, fromEnd, sink, counts);
                }
                producer.flush();
                report(reported, counts, producer, topic, started, held);
            } finally {
                done.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // SIGTERM: the hook is running and has seen done
                }
            }
        } finally {
            progress.shutdownNow();
        }
        return 0;
    }

    /** @return bytes of an unterminated last line left unsent because the run was stopped */
    private int sendFile(Path path, boolean follow, boolean fromEnd, Consumer<String> sink, Counts counts)
            throws Exception {
        try (FileFollower follower = new FileFollower(path, fromEnd, FileFollower.DEFAULT_ROTATE_WAIT,
                InstantSource.system())) {
            if (!follow) {
                while (stop.getCount() > 0 && follower.poll(sink) > 0) {
                    // a large file: keep reading while checking for a stop between chunks
                }
                if (stop.getCount() > 0) {
                    follower.finish(sink);
                }
                return 0;
            }
            while (stop.getCount() > 0) {
                if (follower.poll(sink) == 0) {
                    stop.await(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            // What was written up to the stop still goes out; a line without its newline may be half written.
            while (follower.poll(sink) > 0) {
                // drain
            }
            counts.rotations = follower.rotations();
            counts.truncations = follower.truncations();
            return follower.heldBytes();
        }
    }

    private void sendStream(Consumer<String> sink) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        String line;
        while (stop.getCount() > 0 && (line = in.readLine()) != null) {
            sink.accept(line);
        }
    }

    private static Optional<String> fileProblem(Path path) {
        if (!Files.exists(path)) {
            return Optional.of("no such file: " + path);
        }
        if (!Files.isRegularFile(path)) {
            return Optional.of("not a regular file: " + path);
        }
        if (!Files.isReadable(path)) {
            return Optional.of("cannot read " + path);
        }
        return Optional.empty();
    }

    /** The cluster's settings from the config, and timeouts that turn an unreachable broker into an error. */
    private static Map<String, String> producerSettings(GatewatchConfig config, Duration timeout) {
        Map<String, String> p = new HashMap<>(config.kafka().properties());
        long ms = timeout.toMillis();
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "gatewatch-ingest");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(ms));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(ms));
        // must be at least linger + request timeout; a few retries' worth, then the run fails
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(3 * ms + 100));
        return p;
    }

    private void progressLine(LineProducer producer, long[] last) {
        long sent = producer.sent();
        long now = System.nanoTime();
        if (sent != last[0]) {
            double secs = (now - last[1]) / 1e9;
            err.printf("ingest: %,d lines sent (%,.0f lines/s)%n", sent, (sent - last[0]) / secs);
        }
        last[0] = sent;
        last[1] = now;
    }

    private void report(AtomicBoolean reported, Counts counts, LineProducer producer, String topic, long started,
            int held) {
        if (!reported.compareAndSet(false, true)) {
            return;
        }
        double secs = (System.nanoTime() - started) / 1e9;
        StringBuilder s = new StringBuilder(String.format("ingest: %,d lines sent to %s in %.1f s (%,.0f lines/s)",
                producer.sent(), topic, secs, producer.sent() / Math.max(secs, 0.001)));
        if (counts.blank.get() > 0) {
            s.append(String.format(", %,d blank skipped", counts.blank.get()));
        }
        if (counts.tooLong.get() > 0) {
            s.append(String.format(", %,d longer than %,d characters not sent", counts.tooLong.get(), MAX_LINE_CHARS));
        }
        if (counts.rotations > 0 || counts.truncations > 0) {
            s.append(String.format(", %d rotations and %d truncations followed", counts.rotations, counts.truncations));
        }
        if (held > 0) {
            s.append(String.format(", an unterminated last line of %,d bytes not sent", held));
        }
        err.println(s);
    }

    /** What was not sent and why; written by the reading thread, read for the report. */
    private static final class Counts {
        final AtomicLong blank = new AtomicLong();
        final AtomicLong tooLong = new AtomicLong();
        volatile long rotations;
        volatile long truncations;

        void send(String line, LineProducer producer) {
            if (line.isBlank()) {
                blank.incrementAndGet();
            } else if (line.length() > MAX_LINE_CHARS) {
                tooLong.incrementAndGet();
            } else {
                producer.send(line);
            }
        }
    }
}
