package io.gatewatch.app.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.app.config.ConfigLoader;
import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.kafka.EmbeddedKafka;
import io.gatewatch.app.metrics.GatewatchMetrics;
import io.gatewatch.app.metrics.MetricsServer;
import io.gatewatch.app.run.Pipeline;
import io.gatewatch.app.run.TopicSetup;
import io.gatewatch.app.sim.CombinedLogLine;
import io.gatewatch.app.topology.GatewatchTopology;
import io.gatewatch.schema.parse.Parsers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The query API end to end: demo-like traffic with a brute force on an embedded broker, the topology in
 * a real KafkaStreams instance, the API on the metrics server, asked over HTTP, and the web page rendered
 * by a real headless Chromium. Then two instances: a client's profile asked of the instance that does not
 * host it comes from the one that does, and either instance's inventory counts both instances' traffic.
 */
class QueryApiIntegrationTest {
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final String TOKEN = "test-token-0123456789abcdef";
    private static final String ATTACKER = "203.0.113.66";
    private static final String UA = "Mozilla/5.0 (X11; Linux x86_64)";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static EmbeddedKafka kafka;
    private final Parsers parsers = Parsers.standard();
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void shouldAnswerForAClientUnderAttackAndListTheTrafficsRoutesWithAShadowRouteFlagged(@TempDir Path tmp) throws Exception {
        GatewatchConfig config = config("single", 2);
        List<String> lines = traffic(Instant.now().minusSeconds(60));
        GatewatchMetrics metrics = new GatewatchMetrics(MetricsServer.newRegistry());
        try (MetricsServer server = MetricsServer.start(metrics.registry(), 0);
             Pipeline pipeline = new Pipeline(config, parsers, metrics, kafka.bootstrapServers(), tmp,
                     ApiService.streamsOverrides(server));
             ApiService api = ApiService.start(config, pipeline.streams(), server, kafka.bootstrapServers())) {
            pipeline.start();
            assertTrue(pipeline.awaitRunning(DEADLINE), "the pipeline runs");
            String base = "http://127.0.0.1:" + server.address().getPort();
            produce(config, lines);
            await("the brute force's alert in /alerts/recent", () -> get(base + "/alerts/recent", TOKEN).body().contains(
                    "\"credential_stuffing\""));
            await("every request in the inventory", () -> totalRequests(json.readTree(get(base + "/routes", TOKEN).body()))
                    == lines.size() - 3);

            assertEquals(401, get(base + "/clients/ip:" + ATTACKER, null).status(), "no token, no answer");
            assertEquals(401, get(base + "/routes", "wrong-token-0123456789").status());
            assertEquals(200, get(base + "/metrics", null).status(), "scrapers need no token");

            Reply client = get(base + "/clients/ip:" + ATTACKER, TOKEN);
            assertEquals(200, client.status(), client.body());
            JsonNode profile = json.readTree(client.body());
            assertEquals(ATTACKER, profile.path("ip").asText());
            JsonNode stuffing = profile.path("detectors").path("credential_stuffing");
            assertTrue(stuffing.path("alert").path("active").asBoolean(), client.body());
            assertEquals(30, stuffing.path("state").path("windows").get(1).path("failures").asInt(),
                    "the 10m window holds all 30 failures: " + stuffing);
            assertEquals("credential_stuffing", profile.path("recent_alerts").get(0).path("detector").asText());
            assertEquals(404, get(base + "/clients/ip:192.0.2.200", TOKEN).status(), "a client never seen");
            assertEquals(404, get(base + "/routesx", TOKEN).status(), "a path that only starts like an API path");
            assertEquals(404, get(base + "/alerts/recently", TOKEN).status());
            assertEquals(404, get(base + "/nothing-here", null).status());

            JsonNode routes = json.readTree(get(base + "/routes", TOKEN).body()).path("routes");
            JsonNode users = route(routes, "/api/v1/users/{id}");
            assertEquals(List.of("shadow"), texts(users.path("flags")), users.toString());
            assertEquals(false, users.path("in_spec").asBoolean());
            JsonNode login = route(routes, "/api/v1/login");
            assertEquals(35, login.path("requests").asLong());
            assertEquals(30.0 / 35, login.path("client_error_rate").asDouble(), 0.001);
            assertEquals(6, login.path("distinct_clients").asLong(), "the attacker and five people");
            assertEquals(List.of(), texts(login.path("flags")));
            assertEquals(List.of("zombie"), texts(route(routes, "/api/v1/orders/{orderId}").path("flags")),
                    "in the spec, never called");
            assertTrue(routes.findValuesAsText("route").stream().noneMatch(r -> r.contains(".env")),
                    "a scanner's 404s are not routes: " + routes.findValuesAsText("route"));

            Reply one = get(base + "/routes/api/v1/login", TOKEN);
            assertEquals(200, one.status(), one.body());
            assertEquals(35, json.readTree(one.body()).path("route").path("requests").asLong());
            assertEquals("credential_stuffing", json.readTree(one.body()).path("recent_alerts").get(0).path("detector").asText());

            browse(base);
        }
    }

    /** The page as Chromium renders it after its scripts ran: the inventory rows and the alert are in the DOM. */
    private void browse(String base) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM + " (Debian package chromium): the page is not rendered");
        Path profile = Files.createTempDirectory("gatewatch-chromium");
        Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--no-first-run", "--user-data-dir=" + profile,
                "--virtual-time-budget=8000", "--dump-dom", base + "/#token=" + TOKEN + "&client=ip:" + ATTACKER)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "chromium finished");
        io.gatewatch.app.run.TempDirs.deleteQuietly(profile);
        assertTrue(dom.contains("<tr class=\"route\" data-route=\"/api/v1/users/{id}\">"), dom);
        assertTrue(dom.contains("<span class=\"flag flag-shadow\""), "the shadow route's flag is shown: " + dom);
        assertTrue(dom.contains("<tr class=\"alert\">"), "a live alert row: " + dom);
        assertTrue(dom.contains("failed logins on /api/v1/login within"), "the alert's summary: " + dom);
        assertTrue(dom.contains("<li class=\"detector\">credential_stuffing: alert open"), "the drill-down: " + dom);
    }

    @Test
    void shouldAnswerForAClientFromTheInstanceThatHostsItAndMergeBothInstancesInventories(@TempDir Path tmp) throws Exception {
        GatewatchConfig config = config("pair", 4);
        List<String> lines = traffic(Instant.now().minusSeconds(60));
        GatewatchMetrics ma = new GatewatchMetrics(MetricsServer.newRegistry());
        GatewatchMetrics mb = new GatewatchMetrics(MetricsServer.newRegistry());
        try (MetricsServer sa = MetricsServer.start(ma.registry(), 0);
             MetricsServer sb = MetricsServer.start(mb.registry(), 0);
             Pipeline a = new Pipeline(config, parsers, ma, kafka.bootstrapServers(), tmp.resolve("a"), ApiService.streamsOverrides(sa));
             Pipeline b = new Pipeline(config, parsers, mb, kafka.bootstrapServers(), tmp.resolve("b"), ApiService.streamsOverrides(sb));
             ApiService apiA = ApiService.start(config, a.streams(), sa, kafka.bootstrapServers());
             ApiService apiB = ApiService.start(config, b.streams(), sb, kafka.bootstrapServers())) {
            a.start();
            b.start();
            await("both running, each with client partitions", () -> a.state() == KafkaStreams.State.RUNNING
                    && b.state() == KafkaStreams.State.RUNNING
                    && a.streams().streamsMetadataForStore(GatewatchTopology.CLIENT_PROFILES).size() == 2
                    && a.streams().metadataForLocalThreads().stream().anyMatch(t -> !t.activeTasks().isEmpty())
                    && b.streams().metadataForLocalThreads().stream().anyMatch(t -> !t.activeTasks().isEmpty()));
            produce(config, lines);
            String key = "ip:" + ATTACKER;
            HostInfo owner = a.streams().queryMetadataForKey(GatewatchTopology.CLIENT_PROFILES, key,
                    Serdes.String().serializer()).activeHost();
            MetricsServer other = owner.port() == sa.address().getPort() ? sb : sa;
            assertNotEquals(owner.port(), other.address().getPort());
            String otherBase = "http://127.0.0.1:" + other.address().getPort();
            await("every request in either instance's inventory", () ->
                    totalRequests(json.readTree(get(otherBase + "/routes", TOKEN).body())) == lines.size() - 3
                    && get(otherBase + "/clients/" + key, TOKEN).body().contains("\"active\" : true"));

            JsonNode profile = json.readTree(get(otherBase + "/clients/" + key, TOKEN).body());
            assertEquals("127.0.0.1:" + owner.port(), profile.path("served_by").asText(),
                    "asked of the instance without the key, answered by the one hosting it");
            assertEquals(30, profile.path("detectors").path("credential_stuffing").path("state").path("windows").get(1)
                    .path("failures").asInt());
            JsonNode routes = json.readTree(get(otherBase + "/routes", TOKEN).body());
            assertTrue(routes.path("incomplete").isMissingNode(), routes.toString());
            assertEquals(6, route(routes.path("routes"), "/api/v1/login").path("distinct_clients").asLong(),
                    "clients from both instances' partitions");
        }
    }

    private GatewatchConfig config(String name, int partitions) throws Exception {
        Path spec = Path.of(getClass().getResource("/inventory/shop-openapi.yaml").toURI());
        String yaml = "kafka:\n"
                + "  application_id: api-" + name + "\n"
                + "  partitions: " + partitions + "\n"
                + "  topics: {raw: " + name + ".raw, events: " + name + ".events, alerts: " + name + ".alerts, dlq: "
                + name + ".dlq, route_tallies: " + name + ".route-tallies}\n"
                + "  properties: {session.timeout.ms: \"6000\", heartbeat.interval.ms: \"1000\"}\n"
                + "api:\n  token: " + TOKEN + "\n"
                + "inventory:\n  openapi: " + spec + "\n";
        GatewatchConfig config = new ConfigLoader(parsers.names(), n -> List.of()).parse(yaml, name + ".yaml");
        TopicSetup.ensure(kafka.bootstrapServers(), config.kafka());
        return config;
    }

    /**
     * The demo's kind of traffic: five people browse products and the cart, log in once and look at
     * their own user record (a route the spec does not document), a partner syncs orders, a scanner
     * probes three files that do not exist, and an attacker fails 30 logins in 15 seconds.
     */
    private static List<String> traffic(Instant t0) {
        List<String> lines = new ArrayList<>();
        for (int c = 0; c < 5; c++) {
            String ip = "198.51.100." + (10 + c);
            Instant t = t0.plusMillis(100L * c);
            lines.add(CombinedLogLine.of(ip, null, t, "GET", "/api/v1/products/" + (1000 + c), 200, 900, UA));
            lines.add(CombinedLogLine.of(ip, null, t.plusSeconds(1), "GET", "/api/v1/cart", 200, 300, UA));
            lines.add(CombinedLogLine.of(ip, null, t.plusSeconds(2), "POST", "/api/v1/login", 200, 120, UA));
            lines.add(CombinedLogLine.of(ip, null, t.plusSeconds(3), "GET", "/api/v1/users/" + (5000 + c), 200, 400, UA));
        }
        lines.add(CombinedLogLine.of("192.0.2.20", null, t0.plusSeconds(4), "GET", "/api/v1/orders?since=1", 200, 2048, "acme-sync/2.3"));
        for (String probe : List.of("/.env", "/.git/config", "/backup.sql")) {
            lines.add(CombinedLogLine.of("203.0.113.88", null, t0.plusSeconds(5), "GET", probe, 404, 150, "curl/8.5"));
        }
        for (int i = 0; i < 30; i++) {
            lines.add(CombinedLogLine.of(ATTACKER, null, t0.plusSeconds(10).plusMillis(500L * i), "POST", "/api/v1/login",
                    401, 120, "python-requests/2.32"));
        }
        return lines;
    }

    private static void produce(GatewatchConfig config, List<String> lines) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            for (String line : lines) {
                producer.send(new ProducerRecord<>(config.kafka().topics().raw(), line.substring(0, line.indexOf(' ')), line));
            }
        }
    }

    private record Reply(int status, String body) {
    }

    private Reply get(String url, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Reply(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long totalRequests(JsonNode body) {
        long n = 0;
        for (JsonNode r : body.path("routes")) {
            n += r.path("requests").asLong();
        }
        return n;
    }

    private static JsonNode route(JsonNode routes, String template) {
        for (JsonNode r : routes) {
            if (r.path("route").asText().equals(template)) {
                return r;
            }
        }
        throw new AssertionError("no route " + template + " in " + routes);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Polls the condition every 100 ms until it holds; fails at the deadline. */
    private static void await(String what, ThrowingCondition condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            try {
                if (condition.holds()) {
                    return;
                }
            } catch (Exception e) {
                // not answerable yet (rebalancing, not yet flushed): ask again
            }
            if (System.nanoTime() > deadline) {
                fail("gave up after " + DEADLINE.toSeconds() + " s waiting for: " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    private interface ThrowingCondition {
        boolean holds() throws Exception;
    }
}
