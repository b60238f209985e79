package io.gatewatch.alerting.sink;

import io.gatewatch.alerting.config.Secret;
import io.gatewatch.alerting.format.AlertText;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.Redact;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * POSTs each alert to an HTTP receiver (Slack, Splunk HEC, a webhook) with the JDK client. 2xx is delivered;
 * 408, 425, 429 and 5xx are worth retrying, honouring {@code Retry-After}; other statuses are final.
 * Reasons quote the status and a short part of the response with the URL's secrets, and anything else that
 * looks like a credential, masked (a receiver may echo the URL it was called with).
 */
public final class HttpSink implements Sink {
    static final int BODY_EXCERPT = 200;

    /** Builds the request for one alert; the URL and any token come from secrets. */
    public interface Requests {
        HttpRequest request(Alert alert, Duration timeout);

        /** Values to scrub from any reason, in case a library echoes them. */
        List<Secret> secrets();
    }

    private final String name;
    private final HttpClient client;
    private final Requests requests;
    private final Duration timeout;
    private final Clock clock;

    public HttpSink(String name, HttpClient client, Requests requests, Duration timeout, Clock clock) {
        this.name = name;
        this.client = client;
        this.requests = requests;
        this.timeout = timeout;
        this.clock = clock;
    }

    public static HttpClient newClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SendResult send(Alert alert) {
        HttpRequest request;
        try {
            request = requests.request(alert, timeout);
        } catch (IllegalArgumentException e) {
            return new SendResult.Failed(redact(Sink.describe(e)));
        }
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new SendResult.Retryable(redact(Sink.describe(e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.Retryable("interrupted");
        }
        return classify(response.statusCode(), response.headers().firstValue("Retry-After"), response.body());
    }

    SendResult classify(int status, Optional<String> retryAfterHeader, String body) {
        if (status >= 200 && status < 300) {
            return SendResult.delivered();
        }
        String reason = redact("HTTP " + status + excerpt(body));
        if (status == 429 || status == 503) {
            return new SendResult.Retryable(reason, retryAfterHeader.flatMap(h -> retryAfter(h, clock.instant())).orElse(null));
        }
        if (status == 408 || status == 425 || status >= 500) {
            return new SendResult.Retryable(reason);
        }
        return new SendResult.Failed(reason);
    }

    /** {@code Retry-After} as delta-seconds or an HTTP date; empty when unreadable. */
    public static Optional<Duration> retryAfter(String header, Instant now) {
        String h = header.trim();
        if (h.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(h)));
        }
        try {
            Instant at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String b = AlertText.printable(body.strip());
        return ": " + (b.length() > BODY_EXCERPT ? b.substring(0, BODY_EXCERPT) + "..." : b);
    }

    private String redact(String text) {
        String out = text;
        for (Secret s : requests.secrets()) {
            out = s.redact(out);
        }
        return Redact.text(out);
    }
}
