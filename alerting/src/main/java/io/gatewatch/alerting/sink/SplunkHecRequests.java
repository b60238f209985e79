package io.gatewatch.alerting.sink;

import io.gatewatch.alerting.config.Secret;
import io.gatewatch.alerting.format.SplunkHecFormat;
import io.gatewatch.schema.Alert;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;

/**
 * A POST to the HEC event endpoint ({@code /services/collector/event} under the configured base URL, unless
 * the URL already names a collector path) with {@code Authorization: Splunk <token>}.
 */
public record SplunkHecRequests(URI endpoint, Secret token, SplunkHecFormat format) implements HttpSink.Requests {
    public static final String EVENT_PATH = "/services/collector/event";

    public SplunkHecRequests {
        String path = endpoint.getPath() == null ? "" : endpoint.getPath();
        if (!path.contains("/services/collector")) {
            endpoint = endpoint.resolve((path.endsWith("/") ? path.substring(0, path.length() - 1) : path) + EVENT_PATH);
        }
    }

    @Override
    public HttpRequest request(Alert alert, Duration timeout) {
        return HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header(WebhookRequests.IDEMPOTENCY_KEY_HEADER, Sink.idempotencyKey(alert))
                .header("Authorization", "Splunk " + token.value())
                .POST(HttpRequest.BodyPublishers.ofString(format.render(alert).toString()))
                .build();
    }

    @Override
    public List<Secret> secrets() {
        return List.of(token);
    }
}
