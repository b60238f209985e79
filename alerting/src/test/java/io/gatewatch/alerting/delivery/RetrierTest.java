package io.gatewatch.alerting.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatewatch.alerting.RecordingSink;
import io.gatewatch.alerting.TestAlerts;
import io.gatewatch.alerting.config.DeliverySettings;
import io.gatewatch.alerting.sink.SendResult;
import io.gatewatch.alerting.sink.Sink;
import io.gatewatch.schema.Alert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetrierTest {
    static final DeliverySettings S = new DeliverySettings(4, Duration.ofMillis(100), Duration.ofSeconds(1), 0.5,
            Duration.ofSeconds(30), 10, 3, Duration.ofMinutes(1), Duration.ofSeconds(1));
    private final List<Duration> waits = new ArrayList<>();
    private final Sleeper recording = waits::add;

    private Retrier retrier() {
        return new Retrier(S, recording, new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return 0.5;
            }
        });
    }

    @Test
    void shouldRetryRetryableFailuresWithGrowingJitteredWaitsUntilDelivered() throws Exception {
        RecordingSink sink = new RecordingSink("s").answer(new SendResult.Retryable("HTTP 503"), new SendResult.Retryable("HTTP 502"));
        Outcome o = retrier().deliver(sink, TestAlerts.credentialStuffing());
        assertEquals(new Outcome.Delivered(3), o);
        assertEquals(List.of(Duration.ofMillis(75), Duration.ofMillis(150)), waits);
    }

    @Test
    void shouldGiveUpAfterMaxAttemptsWithTheLastReason() throws Exception {
        RecordingSink sink = new RecordingSink("s").otherwise(new SendResult.Retryable("ConnectException: Connection refused"));
        Outcome o = retrier().deliver(sink, TestAlerts.credentialStuffing());
        assertEquals(new Outcome.Undeliverable("gave up after 4 attempts; last: ConnectException: Connection refused", 4), o);
        assertEquals(4, sink.attempts());
        assertEquals(3, waits.size(), "no wait after the last attempt");
    }

    @Test
    void shouldWaitAsLongAsRetryAfterAsks() throws Exception {
        RecordingSink sink = new RecordingSink("s").answer(new SendResult.Retryable("HTTP 429", Duration.ofSeconds(7)));
        assertEquals(new Outcome.Delivered(2), retrier().deliver(sink, TestAlerts.credentialStuffing()));
        assertEquals(List.of(Duration.ofSeconds(7)), waits);
    }

    @Test
    void shouldStopAtOnceOnAFinalFailure() throws Exception {
        RecordingSink sink = new RecordingSink("s").answer(new SendResult.Failed("HTTP 403: invalid_token"));
        assertEquals(new Outcome.Undeliverable("HTTP 403: invalid_token", 1, false), retrier().deliver(sink, TestAlerts.credentialStuffing()));
        assertEquals(List.of(), waits);
    }

    @Test
    void shouldTurnASinkBugIntoAnUndeliverableAlertNotADeadThread() throws Exception {
        Sink broken = new Sink() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public SendResult send(Alert alert) {
                throw new IllegalStateException("boom");
            }
        };
        assertEquals(new Outcome.Undeliverable("internal error: IllegalStateException: boom", 1, false),
                retrier().deliver(broken, TestAlerts.credentialStuffing()));
    }
}
