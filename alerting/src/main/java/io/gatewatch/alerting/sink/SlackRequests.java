package io.gatewatch.alerting.sink;

import io.gatewatch.alerting.config.Secret;
import io.gatewatch.alerting.format.SlackFormat;
import io.gatewatch.schema.Alert;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;

/** A Slack incoming-webhook POST of the Block Kit message. */
public record SlackRequests(Secret url, SlackFormat format) implements HttpSink.Requests {
    @Override
    public HttpRequest request(Alert alert, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(url.value()))
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header(WebhookRequests.IDEMPOTENCY_KEY_HEADER, Sink.idempotencyKey(alert))
                .POST(HttpRequest.BodyPublishers.ofString(format.render(alert).toString()))
                .build();
    }

    @Override
    public List<Secret> secrets() {
        return List.of(url);
    }
}
