package io.gatewatch.app.metrics;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** Serves {@code /metrics} in the Prometheus text format, on loopback unless told otherwise. */
public final class MetricsServer implements AutoCloseable {
    private final HttpServer server;

    private MetricsServer(HttpServer server) {
        this.server = server;
    }

    public static MeterRegistry newRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
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
            http.createContext("/metrics", exchange -> {
                byte[] body = prometheus.scrape().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(body);
                }
            });
            // API handlers may wait on a peer instance: they must not hold up a scrape.
            http.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
            http.start();
            return new MetricsServer(http);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on port " + port + ": " + e.getMessage(), e);
        }
    }

    /**
     * Serves {@code handler} for every path under {@code path} on the same port: the seam through which
     * the query API and health checks share the metrics server.
     */
    public void handle(String path, com.sun.net.httpserver.HttpHandler handler) {
        server.createContext(path, handler);
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    public String url() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "0.0.0.0" : a.getAddress().getHostAddress();
        return "http://" + host + ":" + a.getPort() + "/metrics";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
