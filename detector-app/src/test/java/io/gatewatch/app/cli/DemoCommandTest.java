package io.gatewatch.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.app.metrics.GatewatchMetrics;
import io.gatewatch.app.metrics.MetricsServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

    @Test
    void shouldServeMetricsOnAFreePortAndSayWhichWhenItsPortIsBusy() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        GatewatchMetrics metrics = new GatewatchMetrics(MetricsServer.newRegistry());
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             MetricsServer server = DemoCommand.startMetrics(metrics, busy.getLocalPort(),
                     new PrintStream(err, true, StandardCharsets.UTF_8))) {
            URI url = URI.create(server.url());
            assertNotEquals(busy.getLocalPort(), url.getPort());
            assertEquals("demo: metrics port " + busy.getLocalPort() + " is in use; serving metrics on " + url
                    + " instead", err.toString(StandardCharsets.UTF_8).strip());
            try (HttpClient http = HttpClient.newHttpClient()) {
                HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(url).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, scrape.statusCode());
                assertTrue(scrape.body().contains("jvm_memory_used_bytes"), scrape.body());
            }
        }
    }
}
