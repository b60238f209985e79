package io.gatewatch.alerting.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatewatch.alerting.Delivery;
import io.gatewatch.alerting.InMemoryDeadLetters;
import io.gatewatch.alerting.RecordingSink;
import io.gatewatch.alerting.TestAlerts;
import io.gatewatch.alerting.TestClock;
import io.gatewatch.alerting.config.DeliverySettings;
import io.gatewatch.alerting.sink.SendResult;
import io.gatewatch.alerting.state.InMemoryAlertingState;
import io.gatewatch.schema.Alert;
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

    private SinkWorker redelivering(RecordingSink sink, InMemoryRedeliveries letters, DeliveryLedger ledger) {
        return new SinkWorker(sink, S, new Retrier(S, sleeper, RandomGenerator.getDefault()), letters,
                (d, o) -> finished.add(o), clock, ledger, letters, false);
    }

    private static Delivery delivery(Alert a) {
        return new Delivery("hook", a, List.of(1L));
    }

    private static Alert nth(int n) {
        return TestAlerts.clientAlert("credential_stuffing", "203.0.113." + n, Alert.Severity.HIGH,
                Instant.parse("2025-03-14T12:00:00Z").plusSeconds(n), "/login");
    }

    @Test
    void shouldNotSendAgainWhatTheLedgerSaysWasDeliveredOrDeadLettered() throws Exception {
        RecordingSink sink = new RecordingSink("hook");
        InMemoryAlertingState ledger = new InMemoryAlertingState();
        ledger.record("hook", nth(1), DeliveryLedger.Mark.DELIVERED);
        ledger.record("hook", nth(2), DeliveryLedger.Mark.DEAD_LETTERED);
        try (SinkWorker w = redelivering(sink, new InMemoryRedeliveries(), ledger)) {
            w.process(delivery(nth(1)));
            w.process(delivery(nth(2)));
            w.process(delivery(nth(3)));
        }
        assertEquals(List.of(nth(3)), sink.received());
        assertEquals(List.of(new Outcome.AlreadyHandled(), new Outcome.AlreadyHandled(), new Outcome.Delivered(1)), finished);
        assertEquals(DeliveryLedger.Mark.DELIVERED, ledger.mark("hook", nth(3)));
    }

    @Test
    void shouldRedeliverWaitingDeadLettersInOrderBeforeTheNextAlertOnceTheSinkRecovers() throws Exception {
        RecordingSink sink = new RecordingSink("hook").otherwise(new SendResult.Retryable("HTTP 503"));
        InMemoryRedeliveries letters = new InMemoryRedeliveries();
        try (SinkWorker w = redelivering(sink, letters, new InMemoryAlertingState())) {
            w.process(delivery(nth(1)));
            w.process(delivery(nth(2)));
            assertEquals(List.of(), sink.received());

            assertEquals(CircuitBreaker.State.OPEN, w.breakerState(), "two failures open the breaker");
            sink.otherwise(SendResult.delivered());
            clock.advance(Duration.ofMinutes(1));
            w.process(delivery(nth(3)));
            assertEquals(2, w.redelivered(), "the half-open trial drained the dead letters");
        }
        assertEquals(List.of(nth(1), nth(2), nth(3)), sink.received(), "the dead letters first, in order, then the new alert");
        assertEquals("waiting behind earlier dead letters; the sink still fails", letters.written().get(1).reason(),
                "while the sink still failed, the second alert queued behind the first");
    }

    @Test
    void shouldDeadLetterAgainForOnDemandOnlyALetterTheRecoveredSinkRefusesForGood() throws Exception {
        RecordingSink sink = new RecordingSink("hook").otherwise(new SendResult.Retryable("HTTP 503"));
        InMemoryRedeliveries letters = new InMemoryRedeliveries();
        try (SinkWorker w = redelivering(sink, letters, new InMemoryAlertingState())) {
            w.process(delivery(nth(1)));
            sink.otherwise(new SendResult.Failed("HTTP 400: bad payload"));
            Redeliveries.Drained drained = w.redeliver(false);
            assertEquals(new Redeliveries.Drained(0, 0, 1, true), drained);
            assertEquals(new Redeliveries.Drained(0, 0, 0, true), w.redeliver(false), "the refusal waits for an operator");
        }
        assertEquals("HTTP 400: bad payload", letters.written().getLast().reason());
    }
}
