package io.gatewatch.app.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.config.LiveConfig;
import io.gatewatch.app.detect.ClientProfile;
import io.gatewatch.app.detect.Detector;
import io.gatewatch.app.detect.DetectorSlot;
import io.gatewatch.app.detect.DetectorRegistry;
import io.gatewatch.app.detect.ProfileCodec;
import io.gatewatch.app.detect.ProfileView;
import io.gatewatch.app.inventory.Inventory;
import io.gatewatch.app.inventory.OpenApiSpec;
import io.gatewatch.app.inventory.RouteStats;
import io.gatewatch.app.inventory.RouteView;
import io.gatewatch.app.metrics.MetricsServer;
import io.gatewatch.app.topology.GatewatchTopology;
import io.gatewatch.models.codec.CorruptDataException;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The read-only query API, on the metrics port: {@code /clients/{key}}, {@code /routes},
 * {@code /routes/{template}}, {@code /alerts/recent} and the web page at {@code /}. Client profiles are
 * read by interactive queries from the instance that hosts the key, forwarding to it when that is
 * another instance; the route inventory is gathered from every instance's tasks and merged.
 */
public final class QueryApi {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(QueryApi.class);
    private static final int RECENT_PER_ITEM = 20;
    private final KafkaStreams streams;
    private final HostInfo self;
    private final BearerToken token;
    private final RecentAlerts alerts;
    private final GatewatchConfig config;
    private final LiveConfig live;
    private volatile Detectors detectors;
    private final OpenApiSpec spec;
    private final HttpReplies replies = new HttpReplies();
    private final Peers peers = new Peers();

    /**
     * @param self this instance's {@code application.server}, as the other instances reach it
     * @param spec the OpenAPI spec the inventory is checked against, or null
     */
    public QueryApi(GatewatchConfig config, KafkaStreams streams, HostInfo self, RecentAlerts alerts, OpenApiSpec spec) {
        this(LiveConfig.fixed(config), streams, self, alerts, spec);
    }

    /** @param live the running config: the inventory's flags (inventory.new_within, warmup) follow its reloads */
    public QueryApi(LiveConfig live, KafkaStreams streams, HostInfo self, RecentAlerts alerts, OpenApiSpec spec) {
        GatewatchConfig config = live.config();
        this.live = live;
        this.config = config;
        this.streams = streams;
        this.self = self;
        this.token = BearerToken.of(config.api().token());
        this.alerts = alerts;
        this.spec = spec;
    }

    /** Adds the API's paths to the metrics server; {@code /metrics} itself stays open to scrapers. */
    public void registerOn(MetricsServer server) {
        server.handle("/clients/", guarded(this::client));
        server.handle("/routes", guarded(this::routes));
        server.handle("/alerts/recent", guarded(this::recentAlerts));
        server.handle("/internal/route-partials", guarded(this::routePartials));
        server.handle("/", new WebPage());
    }

    private interface Handler {
        void handle(HttpExchange ex) throws IOException;
    }

    private HttpHandler guarded(Handler h) {
        return ex -> {
            try (ex) {
                if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                    ex.getResponseHeaders().set("Allow", "GET, HEAD");
                    replies.error(ex, 405, "read-only API: GET only");
                } else if (token != null && !token.accepts(ex.getRequestHeaders().getFirst("Authorization"))) {
                    ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"gatewatch\"");
                    replies.error(ex, 401, "a bearer token is required (Authorization: Bearer ...)");
                } else {
                    h.handle(ex);
                }
            } catch (InvalidStateStoreException e) {
                replies.error(ex, 503, "state not queryable now (starting or rebalancing): retry shortly");
            } catch (RuntimeException e) {
                log.warn("query API: {} {} failed", ex.getRequestMethod(), ex.getRequestURI().getRawPath(), e);
                replies.error(ex, 500, "the query failed: " + e.getMessage());
            }
        };
    }

    private void client(HttpExchange ex) throws IOException {
        String key = decode(ex.getRequestURI().getRawPath().substring("/clients/".length()));
        if (key.isEmpty()) {
            replies.error(ex, 404, "give a client key: /clients/ip:203.0.113.7, /clients/user:alice, /clients/key:HASH");
            return;
        }
        KeyQueryMetadata md = streams.queryMetadataForKey(GatewatchTopology.CLIENT_PROFILES, key, Serdes.String().serializer());
        if (md == null || KeyQueryMetadata.NOT_AVAILABLE.equals(md)) {
            replies.error(ex, 503, "no instance hosts the client profiles now (starting or rebalancing): retry shortly");
            return;
        }
        boolean forwarded = ex.getRequestHeaders().containsKey(Peers.FORWARDED);
        if (!md.activeHost().equals(self) && !forwarded) {
            forward(ex, md.activeHost());
            return;
        }
        ReadOnlyKeyValueStore<String, byte[]> store = streams.store(StoreQueryParameters
                .fromNameAndType(GatewatchTopology.CLIENT_PROFILES, QueryableStoreTypes.<String, byte[]>keyValueStore())
                .withPartition(md.partition()));
        byte[] bytes = store.get(key);
        if (bytes == null) {
            replies.error(ex, 404, "no profile for " + key + " (never seen, or expired after time.idle_expiry)");
            return;
        }
        ClientProfile profile;
        try {
            profile = new ProfileCodec(detectors()).decode(bytes);
        } catch (CorruptDataException e) {
            replies.error(ex, 500, "the stored profile of " + key + " cannot be read: " + e.getMessage());
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>(new ProfileView(detectors()).describe(key, profile));
        body.put("recent_alerts", alerts.forClient(key, RECENT_PER_ITEM));
        body.put("served_by", self.host() + ":" + self.port());
        replies.json(ex, 200, body);
    }

    private record Detectors(long generation, List<Detector<?>> list) {
    }

    /**
     * The client-scope detectors of the running config, built once per config generation (the anomaly
     * detector reads its model file): a detector enabled by a reload shows at once.
     */
    private List<Detector<?>> detectors() {
        LiveConfig.Generation g = live.current();
        Detectors d = detectors;
        if (d == null || d.generation() != g.number()) {
            d = new Detectors(g.number(), DetectorRegistry.standard().clientScope(g.config().detectors()).stream()
                    .<Detector<?>>map(DetectorSlot::base).toList());
            detectors = d; // two requests racing both build it: harmless
        }
        return d.list();
    }

    private void forward(HttpExchange ex, HostInfo host) throws IOException {
        Peers.Answer a;
        try {
            a = peers.get(host, ex.getRequestURI().getRawPath(), ex.getRequestHeaders().getFirst("Authorization"));
        } catch (IOException e) {
            replies.error(ex, 502, "the instance holding this key (" + host.host() + ":" + host.port()
                    + ") did not answer: " + e.getMessage());
            return;
        }
        HttpReplies.send(ex, a.status(), "application/json; charset=utf-8", a.body());
    }

    private void routes(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        String template = path.startsWith("/routes/") && path.length() > "/routes/".length()
                ? decodeTemplate(path.substring("/routes".length())) : null;
        if (template == null && !path.equals("/routes") && !path.equals("/routes/")) {
            replies.error(ex, 404, "no such path: " + path);
            return;
        }
        Inventory inventory = new Inventory(live.config().inventory(), spec);
        List<String> incomplete = gather(inventory, ex.getRequestHeaders().getFirst("Authorization"));
        List<RouteView> views = inventory.views();
        Map<String, Object> body = new LinkedHashMap<>();
        if (template == null) {
            body.put("spec", spec == null ? null : spec.source());
            body.put("routes", views);
        } else {
            RouteView v = views.stream().filter(r -> r.route().equals(template)).findFirst().orElse(null);
            if (v == null) {
                replies.error(ex, 404, "route " + template + " not seen (and not in the spec)");
                return;
            }
            body.put("route", v);
            body.put("recent_alerts", alerts.forRoute(template, RECENT_PER_ITEM));
        }
        if (!incomplete.isEmpty()) {
            body.put("incomplete", incomplete);
        }
        replies.json(ex, 200, body);
    }

    /** Adds this instance's partial records, and unless forwarded every other instance's; returns who failed. */
    private List<String> gather(Inventory inventory, String authorization) throws IOException {
        List<String> incomplete = new ArrayList<>();
        for (KeyValue<String, byte[]> kv : localPartials()) {
            try {
                inventory.add(kv.key, RouteStats.decode(kv.value));
            } catch (CorruptDataException e) {
                incomplete.add("this instance: route " + kv.key + ": " + e.getMessage());
            }
        }
        for (StreamsMetadata m : streams.streamsMetadataForStore(GatewatchTopology.ROUTE_INVENTORY)) {
            if (m.hostInfo().equals(self)) {
                continue;
            }
            String who = m.hostInfo().host() + ":" + m.hostInfo().port();
            try {
                Peers.Answer a = peers.get(m.hostInfo(), "/internal/route-partials", authorization);
                if (a.status() != 200) {
                    incomplete.add(who + ": HTTP " + a.status());
                    continue;
                }
                for (var p : replies.mapper().readTree(a.body()).path("partials")) {
                    inventory.add(p.path("route").asText(), RouteStats.decode(Base64.getDecoder().decode(p.path("stats").asText())));
                }
            } catch (IOException | CorruptDataException | IllegalArgumentException e) {
                incomplete.add(who + ": " + e.getMessage());
            }
        }
        return incomplete;
    }

    private List<KeyValue<String, byte[]>> localPartials() {
        List<KeyValue<String, byte[]>> out = new ArrayList<>();
        ReadOnlyKeyValueStore<String, byte[]> store = streams.store(StoreQueryParameters.fromNameAndType(
                GatewatchTopology.ROUTE_INVENTORY, QueryableStoreTypes.<String, byte[]>keyValueStore()));
        // One record per route and local task: the composite store iterates each task's store in turn.
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    /** This instance's records, undecoded, for the instance gathering the inventory. */
    private void routePartials(HttpExchange ex) throws IOException {
        List<Map<String, String>> partials = new ArrayList<>();
        for (KeyValue<String, byte[]> kv : localPartials()) {
            partials.add(Map.of("route", kv.key, "stats", Base64.getEncoder().encodeToString(kv.value)));
        }
        replies.json(ex, 200, Map.of("partials", partials));
    }

    private void recentAlerts(HttpExchange ex) throws IOException {
        if (!ex.getRequestURI().getRawPath().equals("/alerts/recent")) {
            replies.error(ex, 404, "no such path: " + ex.getRequestURI().getRawPath());
            return;
        }
        int limit = config.api().recentAlerts();
        String query = ex.getRequestURI().getRawQuery();
        if (query != null) {
            for (String p : query.split("&")) {
                if (p.startsWith("limit=")) {
                    try {
                        limit = Math.clamp(Integer.parseInt(p.substring(6)), 1, config.api().recentAlerts());
                    } catch (NumberFormatException e) {
                        replies.error(ex, 400, "limit must be a whole number, not " + p.substring(6));
                        return;
                    }
                }
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("now", Instant.now());
        body.put("alerts", alerts.newest(limit));
        replies.json(ex, 200, body);
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** {@code /routes/api/v1/users/{id}} and {@code /routes/%2Fapi%2Fv1%2Fusers%2F%7Bid%7D} name the same route. */
    static String decodeTemplate(String rawTail) {
        String t = decode(rawTail.substring(1));
        return t.startsWith("/") ? t : "/" + t;
    }

    /** The API path of a client's page, for links (Slack, the web page). */
    public static String clientPath(String key) {
        return "/clients/" + URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%3A", ":");
    }
}
