package io.gatewatch.app.api;

import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.config.LiveConfig;
import io.gatewatch.app.inventory.OpenApiSpec;
import io.gatewatch.app.metrics.MetricsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/** The query API of one instance: its alert feed and its handlers on the metrics server. */
public final class ApiService implements AutoCloseable {
    private final AlertFeed feed;

    private ApiService(AlertFeed feed) {
        this.feed = feed;
    }

    /**
     * Where the other instances reach this one's API, as Kafka Streams' {@code application.server}: the
     * metrics server's address, or this host's name when it listens on every interface.
     */
    public static HostInfo advertised(MetricsServer server) {
        InetSocketAddress a = server.address();
        String host;
        if (a.getAddress().isAnyLocalAddress()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "localhost";
            }
        } else {
            host = a.getAddress().getHostAddress();
        }
        return new HostInfo(host, a.getPort());
    }

    /** The web page's and API's base URL as people and the other instances reach it, e.g. for Slack's links. */
    public static String baseUrl(MetricsServer server) {
        HostInfo h = advertised(server);
        return "http://" + (h.host().contains(":") ? "[" + h.host() + "]" : h.host()) + ":" + h.port();
    }

    /** The Streams properties the API needs: pass them to the pipeline. */
    public static Map<String, String> streamsOverrides(MetricsServer server) {
        HostInfo h = advertised(server);
        String host = h.host().contains(":") ? "[" + h.host() + "]" : h.host();
        return Map.of(StreamsConfig.APPLICATION_SERVER_CONFIG, host + ":" + h.port());
    }

    public static ApiService start(GatewatchConfig config, KafkaStreams streams, MetricsServer server,
            String bootstrapServers) {
        return start(LiveConfig.fixed(config), streams, server, bootstrapServers);
    }

    /** @param live the running config, whose reloads the inventory's live keys follow */
    public static ApiService start(LiveConfig live, KafkaStreams streams, MetricsServer server, String bootstrapServers) {
        GatewatchConfig config = live.config();
        OpenApiSpec spec = null;
        if (config.inventory().openapi() != null) {
            try {
                spec = OpenApiSpec.read(config.inventory().openapi());
            } catch (IOException e) {
                throw new UncheckedIOException("inventory.openapi = " + config.inventory().openapi() + ": " + e.getMessage(), e);
            }
        }
        RecentAlerts recent = new RecentAlerts(config.api().recentAlerts());
        AlertFeed feed = new AlertFeed(bootstrapServers, config.kafka().topics().alerts(), recent, config.api().recentAlerts());
        new QueryApi(live, streams, advertised(server), recent, spec).registerOn(server);
        return new ApiService(feed);
    }

    @Override
    public void close() throws InterruptedException {
        feed.close();
    }
}
