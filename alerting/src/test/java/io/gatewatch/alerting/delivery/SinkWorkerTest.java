package io.gatewatch.alerting.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatewatch.alerting.Delivery;
import io.gatewatch.alerting.InMemoryDeadLetters;
import io.gatewatch.alerting.RecordingSink;
import io.gatewatch.alerting.TestAlerts;
import io.gatewatch.alerting.TestClock;
import io.gatewatch.alerting.config.DeliverySettings;
import io.gatewatch.alerting.sink.SendResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class SinkWorkerTest {
    private static final DeliverySettings S = new DeliverySettings(2, Duration.ofMillis(100), Duration.ofSeconds(1), 0,
            Duration.ofSeconds(30), 2, 2, Duration.ofMinutes(1), Duration.ofSeconds(1));
    private final TestClock clock = new TestClock(Instant.parse("2025-03-14T12:05:00Z"));
    private final InMemoryDeadLetters dlq = new InMemoryDeadLetters();
    private final List<Outcome> finished = new ArrayList<>();
    /** Sleeping moves the test clock instead of the thread. */
    private final Sleeper sleeper = clock::advance;

    private SinkWorker worker(RecordingSink sink) {
        return new SinkWorker(sink, S, new Retrier(S, sleeper, RandomGenerator.getDefault()), dlq, (d, o) -> finished.add(o), clock);
    }

    private static Delivery delivery(String sink) {
        return new Delivery(sink, TestAlerts.credentialStuffing(), List.of(7L));
    }

    @Test
    void shouldDeadLetterWithSinkNameReasonAndAttemptsAfterRetries() throws Exception {
        RecordingSink sink = new RecordingSink("slack").otherwise(new SendResult.Retryable("HTTP 503: service unavailable"));
        try (SinkWorker w = worker(sink)) {
            w.process(delivery("slack"));
        }
        DeadLetter l = dlq.letters().getFirst();
        assertEquals("slack", l.sink());
        assertEquals("gave up after 2 attempts; last: HTTP 503: service unavailable", l.reason());
        assertEquals(2, l.attempts());
        assertEquals(Instant.parse("2025-03-14T12:05:00.100Z"), l.failedAt(), "after one 100 ms backoff");
        assertEquals(TestAlerts.credentialStuffing(), l.alert());
        assertEquals(List.of(new Outcome.Undeliverable(l.reason(), 2)), finished);
    }

    @Test
    void shouldFailFastWhileTheBreakerIsOpenAndTryAgainAfterwards() throws Exception {
        RecordingSink sink = new RecordingSink("hook").otherwise(new SendResult.Failed("HTTP 404"));
        try (SinkWorker w = worker(sink)) {
            w.process(delivery("hook"));
            w.process(delivery("hook"));
            assertEquals(2, sink.attempts());
            w.process(delivery("hook"));
            assertEquals(2, sink.attempts(), "open breaker: not tried");
            assertEquals("circuit breaker open after 2 consecutive undeliverable alerts", dlq.letters().get(2).reason());
            assertEquals(0, dlq.letters().get(2).attempts());

            sink.otherwise(SendResult.delivered());
            clock.advance(Duration.ofMinutes(1));
            w.process(delivery("hook"));
            assertEquals(3, sink.attempts());
            assertEquals(CircuitBreaker.State.CLOSED, w.breakerState());
        }
        assertEquals(4, finished.size());
        assertEquals(new Outcome.Delivered(1), finished.getLast());
    }

    @Test
    void shouldDeadLetterAtOnceWhenTheQueueIsFullInsteadOfBlocking() {
        RecordingSink sink = new RecordingSink("siem");
        try (SinkWorker w = worker(sink)) {
            w.submit(delivery("siem"));
            w.submit(delivery("siem"));
            w.submit(delivery("siem"));
        }
        assertEquals(1, dlq.letters().size());
        assertEquals("queue full: 2 alerts already waiting for this sink", dlq.letters().getFirst().reason());
    }
}
