package io.gatewatch.app.metrics;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.gatewatch.app.health.Health;
import io.gatewatch.app.health.HealthCheck;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The instance's one HTTP port, on loopback unless told otherwise: {@code /metrics} in the Prometheus
 * text format, {@code /health} once {@link #health} is called, and whatever else {@link #route} adds
 * (the query API). Each request runs on a virtual thread, so a slow handler never holds up a scrape.
 */
public final class MetricsServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** A Prometheus registry with the JVM and process binders, and Kafka's names made promtool-clean. */
    public static MeterRegistry newRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(PromtoolNames.filter());
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        PromtoolNames.bindProcessCpuSeconds(registry);
        return registry;
    }

    /** On loopback; port 0 picks a free port. */
    public static MetricsServer start(MeterRegistry registry, int port) {
        return start(registry, InetAddress.getLoopbackAddress(), port);
    }

    /** On the given address: a container needs 0.0.0.0 to be scraped from outside. */
    public static MetricsServer start(MeterRegistry registry, InetAddress bind, int port) {
        if (!(registry instanceof PrometheusMeterRegistry prometheus)) {
            throw new IllegalArgumentException("metrics are served from a Prometheus registry");
        }
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(bind, port), 0);
            // API handlers may wait on a peer instance: they must not hold up a scrape.
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            http.setExecutor(executor);
            http.createContext("/metrics", exchange -> {
                try (exchange) {
                    byte[] body = prometheus.scrape().getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream os = exchange.getResponseBody()) {
                        os.write(body);
                    }
                }
            });
            http.start();
            return new MetricsServer(http, executor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on port " + port + ": " + e.getMessage(), e);
        }
    }

    /**
     * Serves {@code path} (and everything under it) with the handler, on this same port. A more specific
     * path wins over a shorter one, as {@link HttpServer#createContext} matches.
     */
    public MetricsServer route(String path, HttpHandler handler) {
        server.createContext(path, handler);
        return this;
    }

    /** Serves {@code /health} (readiness) and {@code /health/live} (liveness) from these checks. */
    public MetricsServer health(List<HealthCheck> checks) {
        return route("/health", new Health(checks));
    }

    /** The same as {@link #route}, for handlers that need not chain. */
    public void handle(String path, HttpHandler handler) {
        route(path, handler);
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The {@code /metrics} URL, for messages. */
    public String url() {
        return baseUrl() + "/metrics";
    }

    /** {@code http://host:port}, without a trailing slash. */
    public String baseUrl() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "0.0.0.0" : a.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
