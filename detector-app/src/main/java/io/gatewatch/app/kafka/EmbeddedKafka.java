package io.gatewatch.app.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running inside this JVM,
 * for the demo, {@code replay} and integration tests. Both listeners bind to 127.0.0.1 only.
 *
 * <p>Topics are never auto-created: callers create them with {@link #createTopics}. Closing shuts
 * the broker down and deletes the data directory if this class created it; a JVM shutdown hook
 * does the same if {@link #close()} is never called.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final int PORT_ATTEMPTS = 5;
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    /**
     * How to start the broker.
     *
     * @param defaultPartitions {@code num.partitions}, used only for topics created without a count
     * @param dataDir           where the broker keeps its logs; empty means a fresh temporary folder
     *                          that is deleted on close. A given folder is kept, and a second start
     *                          on it resumes the same cluster with its topics and records.
     */
    public record Options(int defaultPartitions, Optional<Path> dataDir) {
        public Options {
            if (defaultPartitions < 1) {
                throw new IllegalArgumentException("defaultPartitions must be at least 1, was " + defaultPartitions);
            }
            Objects.requireNonNull(dataDir, "dataDir");
        }

        public static Options defaults() {
            return new Options(1, Optional.empty());
        }

        public Options withDefaultPartitions(int partitions) {
            return new Options(partitions, dataDir);
        }

        public Options withDataDir(Path dir) {
            return new Options(defaultPartitions, Optional.of(dir));
        }
    }

    private KafkaRaftServer server;
    private final Options options;
    private final int brokerPort;
    private final int controllerPort;
    private final Path dataDir;
    private final boolean ownsDataDir;
    private final String bootstrapServers;
    private final Thread cleanupHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafka(KafkaRaftServer server, Options options, int brokerPort, int controllerPort, Path dataDir,
                          boolean ownsDataDir, String bootstrapServers) {
        this.server = server;
        this.options = options;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        this.bootstrapServers = bootstrapServers;
        this.cleanupHook = Thread.ofPlatform().name("gatewatch-embedded-kafka-cleanup").unstarted(this::close);
        Runtime.getRuntime().addShutdownHook(cleanupHook);
    }

    public static EmbeddedKafka start() {
        return start(Options.defaults());
    }

    /**
     * A standalone broker process, for fault tests that kill the application but not the broker:
     * {@code java -cp ... io.gatewatch.app.kafka.EmbeddedKafka [DATA_DIR]}. Prints
     * {@code bootstrap.servers=HOST:PORT} on stdout once it accepts requests, then runs until killed.
     */
    public static void main(String[] args) throws InterruptedException {
        Options options = args.length > 0 ? Options.defaults().withDataDir(Path.of(args[0])) : Options.defaults();
        EmbeddedKafka kafka = start(options);
        System.out.println("bootstrap.servers=" + kafka.bootstrapServers());
        System.out.flush();
        Thread.currentThread().join();
    }

    /** Starts the broker and returns once it accepts requests. */
    public static EmbeddedKafka start(Options options) {
        long startNanos = System.nanoTime();
        boolean ownsDataDir = options.dataDir().isEmpty();
        Path dataDir = options.dataDir().orElseGet(EmbeddedKafka::newTempDir);
        try {
            Path logDir = dataDir.resolve("kraft-combined-logs");
            BindException lastBindFailure = null;
            for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
                int[] ports = freeLoopbackPorts(2);
                KafkaConfig config = new KafkaConfig(brokerProperties(options, logDir, ports[0], ports[1]), false);
                formatIfNew(config, logDir);
                KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
                try {
                    server.startup();
                } catch (RuntimeException e) {
                    shutDown(server);
                    Optional<BindException> bindFailure = bindFailureIn(e);
                    if (bindFailure.isEmpty()) {
                        throw e;
                    }
                    // Another process took a port between our probe and the broker's bind.
                    lastBindFailure = bindFailure.get();
                    continue;
                }
                String bootstrap = HOST + ":" + ports[0];
                LOG.info("Kafka broker started on {} in {} ms (data in {})",
                        bootstrap, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), dataDir);
                return new EmbeddedKafka(server, options, ports[0], ports[1], dataDir, ownsDataDir, bootstrap);
            }
            throw new IllegalStateException("Kafka broker could not bind free loopback ports in "
                    + PORT_ATTEMPTS + " attempts", lastBindFailure);
        } catch (RuntimeException e) {
            if (ownsDataDir) {
                deleteQuietly(dataDir);
            }
            throw e;
        }
    }

    /** {@code host:port} of the broker listener, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The folder holding the broker's metadata and topic logs. */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * Creates the topics with replication factor 1. Topics that already exist are left as they are,
     * whatever their partition count.
     */
    public void createTopics(int partitions, String... names) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(new NewTopic(name, partitions, (short) 1));
        }
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis()))) {
            for (Map.Entry<String, KafkaFuture<Void>> created : admin.createTopics(topics).values().entrySet()) {
                awaitCreated(created.getKey(), created.getValue());
            }
            awaitMetadata(admin, List.of(names));
        }
    }

    /** Creation is acknowledged before the broker serves the new partitions: wait until it does. */
    private static void awaitMetadata(Admin admin, List<String> names) {
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        while (true) {
            try {
                admin.describeTopics(names).allTopicNames().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topics " + names, e);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topics " + names + " were created but are not served: "
                            + e.getMessage(), e);
                }
                Thread.onSpinWait();
            }
        }
    }

    /**
     * Shuts the broker down, keeping its data and ports, as an outage would; {@link #restart} brings it back on
     * the same address with the same topics and records. For fault tests.
     */
    public synchronized void stop() {
        if (server == null || closed.get()) {
            return;
        }
        shutDown(server);
        server = null;
        LOG.info("Kafka broker on {} stopped (data kept for a restart)", bootstrapServers);
    }

    /** Starts a {@link #stop stopped} broker again on the same ports and data folder. */
    public synchronized void restart() {
        if (closed.get()) {
            throw new IllegalStateException("the broker was closed; start a new one");
        }
        if (server != null) {
            return;
        }
        Path logDir = dataDir.resolve("kraft-combined-logs");
        KafkaConfig config = new KafkaConfig(brokerProperties(options, logDir, brokerPort, controllerPort), false);
        KafkaRaftServer restarted = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            restarted.startup();
        } catch (RuntimeException e) {
            shutDown(restarted);
            throw new IllegalStateException("Kafka broker could not restart on " + bootstrapServers, e);
        }
        server = restarted;
        LOG.info("Kafka broker restarted on {}", bootstrapServers);
    }

    /** Shuts the broker down cleanly and deletes a temporary data folder. Safe to call twice. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupHook);
        } catch (IllegalStateException shutdownInProgress) {
            // Called from the hook itself: the JVM is already exiting.
        }
        long stopNanos = System.nanoTime();
        synchronized (this) {
            if (server != null) {
                shutDown(server);
                server = null;
            }
        }
        if (ownsDataDir) {
            deleteQuietly(dataDir);
        }
        LOG.info("Kafka broker on {} stopped in {} ms",
                bootstrapServers, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopNanos));
    }

    private static Map<String, Object> brokerProperties(Options options, Path logDir, int brokerPort, int controllerPort) {
        Map<String, Object> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        props.put("listeners", "BROKER://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        props.put("advertised.listeners", "BROKER://" + HOST + ":" + brokerPort);
        props.put("listener.security.protocol.map", "BROKER:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "BROKER");
        props.put("controller.listener.names", "CONTROLLER");
        props.put("log.dirs", logDir.toString());
        props.put("metadata.log.dir", logDir.toString());

        // One node: every internal topic has a single replica, and nothing waits for peers.
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        props.put("num.partitions", Integer.toString(options.defaultPartitions()));
        // Events and alerts carry event time: with the 7-day default, the first retention check (30 s
        // after start) would delete a replayed old log's events before they are read.
        props.put("log.retention.ms", "-1");

        // Laptop-sized: internal topics default to 50 partitions each, and segments, indexes and the
        // cleaner's dedupe buffer are sized for production disks and heaps.
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.num.partitions", "1");
        props.put("share.coordinator.state.topic.num.partitions", "1");
        props.put("log.segment.bytes", Integer.toString(16 * 1024 * 1024));
        props.put("log.index.size.max.bytes", Integer.toString(1024 * 1024));
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "4");
        props.put("background.threads", "4");
        return props;
    }

    private static void formatIfNew(KafkaConfig config, Path logDir) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(config.controllerListenerNames().getFirst())
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .addDirectory(logDir.toString())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format Kafka storage in " + logDir, e);
        }
    }

    private static int[] freeLoopbackPorts(int count) {
        // Probed together so they differ; KRaft needs the controller port before it binds.
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            InetAddress loopback = InetAddress.getByName(HOST);
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket();
                sockets.add(socket);
                socket.bind(new InetSocketAddress(loopback, 0));
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free port on " + HOST, e);
        } finally {
            sockets.forEach(socket -> Utils.closeQuietly(socket, "port probe"));
        }
    }

    private static Optional<BindException> bindFailureIn(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException bind) {
                return Optional.of(bind);
            }
        }
        return Optional.empty();
    }

    private static void awaitCreated(String topic, KafkaFuture<Void> creation) {
        try {
            creation.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create topic " + topic, e.getCause());
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Timed out creating topic " + topic + " after " + ADMIN_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + topic, e);
        }
    }

    private static void shutDown(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Kafka broker did not shut down cleanly", e);
        }
    }

    private static Path newTempDir() {
        try {
            return Files.createTempDirectory("gatewatch-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary folder for Kafka", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            Utils.delete(dir.toFile());
        } catch (IOException e) {
            LOG.warn("Could not delete Kafka data folder {}", dir, e);
        }
    }
}
