package io.gatewatch.alerting.sink;

import io.gatewatch.alerting.config.Secret;
import io.gatewatch.alerting.format.Product;
import io.gatewatch.alerting.format.WebhookFormat;
import io.gatewatch.schema.Alert;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A POST of the Alert JSON. With a signing key each attempt is signed afresh at send time (see
 * {@link WebhookFormat}), so a retry carries a current timestamp.
 */
public record WebhookRequests(Secret url, Secret signingKey, WebhookFormat format, Clock clock, Product product)
        implements HttpSink.Requests {
    /**
     * {@code <alert_id>:<revision>}: the same on every retry and redelivery of one alert revision, so a
     * receiver that keeps the keys it has seen can drop a repeat (IETF draft "The Idempotency-Key HTTP Header Field").
     */
    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

    @Override
    public HttpRequest request(Alert alert, Duration timeout) {
        String body = format.body(alert);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url.value()))
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", product.name() + "/" + product.version())
                .header(WebhookFormat.ALERT_ID_HEADER, alert.alertId())
                .header(IDEMPOTENCY_KEY_HEADER, Sink.idempotencyKey(alert));
        if (signingKey != null) {
            long ts = clock.instant().getEpochSecond();
            b.header(WebhookFormat.TIMESTAMP_HEADER, Long.toString(ts))
                    .header(WebhookFormat.SIGNATURE_HEADER,
                            WebhookFormat.signature(signingKey.value().getBytes(StandardCharsets.UTF_8), ts, body));
        }
        return b.POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    @Override
    public List<Secret> secrets() {
        List<Secret> s = new ArrayList<>(List.of(url));
        if (signingKey != null) {
            s.add(signingKey);
        }
        return s;
    }
}
