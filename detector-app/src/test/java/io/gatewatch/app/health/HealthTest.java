package io.gatewatch.app.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.app.metrics.MetricsServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** /health and /health/live over real HTTP, on the metrics server's port. */
class HealthTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private record Fixed(String name, AtomicReference<Status> status) implements HealthCheck {
        @Override
        public Status check() {
            return status.get();
        }
    }

    private static HttpResponse<String> get(MetricsServer server, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldAnswer503WithTheReasonUntilEveryPartIsReadyAndLivenessOnlyWhenAPartIsDead() throws Exception {
        AtomicReference<HealthCheck.Status> streams = new AtomicReference<>(
                new HealthCheck.Status(true, false, "REBALANCING", "consumer lag 5000 records exceeds the limit of 10", Map.of("consumer_lag_records", 5000L)));
        AtomicReference<HealthCheck.Status> alerting = new AtomicReference<>(HealthCheck.Status.up("RUNNING", Map.of()));
        try (MetricsServer server = MetricsServer.start(MetricsServer.newRegistry(), 0)
                .health(List.of(new Fixed("streams", streams), new Fixed("alerting", alerting)))) {
            HttpResponse<String> notReady = get(server, "/health");
            assertEquals(503, notReady.statusCode());
            assertEquals("application/json", notReady.headers().firstValue("Content-Type").orElseThrow());
            JsonNode body = new ObjectMapper().readTree(notReady.body());
            assertEquals("DOWN", body.path("status").asText());
            assertEquals("streams: consumer lag 5000 records exceeds the limit of 10", body.path("reason").asText());
            assertEquals(5000, body.path("checks").path("streams").path("consumer_lag_records").asLong());
            assertEquals(200, get(server, "/health/live").statusCode(), "lagging is not dead");

            streams.set(HealthCheck.Status.up("RUNNING", Map.of()));
            HttpResponse<String> ready = get(server, "/health");
            assertEquals(200, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains("\"status\":\"UP\""), ready.body());

            alerting.set(new HealthCheck.Status(false, false, "STOPPED", "the alerting consumer has stopped", Map.of()));
            HttpResponse<String> dead = get(server, "/health/live");
            assertEquals(503, dead.statusCode());
            assertTrue(dead.body().contains("alerting: the alerting consumer has stopped"), dead.body());
            assertEquals(404, get(server, "/health/other").statusCode());
            assertEquals(200, get(server, "/metrics").statusCode(), "the same port still serves metrics");
        }
    }
}
