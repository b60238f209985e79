package io.gatewatch.app.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.app.metrics.MetricsServer;
import io.gatewatch.app.reload.ConfigReloader;
import io.gatewatch.app.reload.Reloaders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /config/reload} over real HTTP on the metrics server, behind the API's bearer token. */
class ReloadEndpointTest {
    private static final String TOKEN = "reload-token-0123456789abcdef";
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private HttpResponse<String> send(MetricsServer server, String method, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + ReloadEndpoint.PATH))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldReloadOnAnAuthorisedPostAndAnswerWhatChangedOrWhatNeedsARestart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gatewatch.yaml");
        Files.writeString(file, "detectors:\n  reconnaissance:\n    fast_max_points: 10\n");
        ConfigReloader reloader = Reloaders.open(file, MetricsServer.newRegistry(), Map.of());
        try (MetricsServer server = MetricsServer.start(MetricsServer.newRegistry(), 0)) {
            server.handle(ReloadEndpoint.PATH, new ReloadEndpoint(reloader, TOKEN));
            Files.writeString(file, "detectors:\n  reconnaissance:\n    fast_max_points: 6\n");

            HttpResponse<String> anonymous = send(server, "POST", null);
            assertEquals(401, anonymous.statusCode());
            assertEquals(1, reloader.live().current().number(), "no token, no reload");
            assertEquals(401, send(server, "POST", "wrong-token-0123456789abcdef").statusCode());
            HttpResponse<String> get = send(server, "GET", TOKEN);
            assertEquals(405, get.statusCode());
            assertEquals("POST", get.headers().firstValue("Allow").orElse(""));

            HttpResponse<String> applied = send(server, "POST", TOKEN);
            assertEquals(200, applied.statusCode(), applied.body());
            JsonNode a = json.readTree(applied.body());
            assertEquals("applied", a.path("outcome").asText());
            assertEquals(2, a.path("generation").asInt());
            assertEquals("detectors.reconnaissance.fast_max_points", a.path("changes").path(0).path("key").asText());
            assertEquals("6", a.path("changes").path(0).path("after").asText());

            Files.writeString(file, "kafka:\n  partitions: 8\ndetectors:\n  reconnaissance:\n    fast_max_points: 6\n");
            HttpResponse<String> refused = send(server, "POST", TOKEN);
            assertEquals(409, refused.statusCode(), refused.body());
            JsonNode r = json.readTree(refused.body());
            assertEquals("refused", r.path("outcome").asText());
            assertEquals(2, r.path("generation").asInt(), "the running config stays");
            assertEquals(file + ": kafka.partitions: (unset) → 8: needs a restart", r.path("refused").path(0).asText());

            Files.writeString(file, "kafka:\n  partitions: many\n");
            HttpResponse<String> invalid = send(server, "POST", TOKEN);
            assertEquals(422, invalid.statusCode(), invalid.body());
            assertFalse(invalid.body().contains(TOKEN));
        }
    }

    @Test
    void shouldSayThereIsNothingToReloadWithoutAConfigFile() throws Exception {
        try (MetricsServer server = MetricsServer.start(MetricsServer.newRegistry(), 0)) {
            server.handle(ReloadEndpoint.PATH, new ReloadEndpoint(null, null));
            HttpResponse<String> r = send(server, "POST", null);
            assertEquals(409, r.statusCode());
            assertEquals("this instance runs on the built-in defaults (no --config): there is no file to reload",
                    json.readTree(r.body()).path("error").asText());
        }
    }
}
