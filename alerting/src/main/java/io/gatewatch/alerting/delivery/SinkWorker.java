package io.gatewatch.alerting.delivery;

import io.gatewatch.alerting.Delivery;
import io.gatewatch.alerting.config.DeliverySettings;
import io.gatewatch.alerting.sink.Sink;
import io.gatewatch.schema.Alert;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread and one bounded queue per sink, so a slow or dead sink never holds up the others. Each alert
 * is tried with bounded retries behind a circuit breaker; what cannot be delivered goes to the dead
 * letters with the sink's name and the reason. When the queue is full, new alerts are dead-lettered
 * at once rather than blocking the consumer.
 *
 * <p>Dead letters of an outage are not the end: while some wait, each new alert (the breaker's trial
 * included) first drains them, oldest first, so the sink gets its alerts in the order they came; if the
 * sink fails again the new alert joins the queue behind them instead of overtaking them. An idle worker
 * tries a drain every {@code circuit_breaker.open_for}. The ledger keeps any (sink, alert, revision) from
 * being sent twice, across restarts.
 */
public final class SinkWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SinkWorker.class);

    private final Sink sink;
    private final Retrier retrier;
    private final CircuitBreaker breaker;
    private final DeadLetters deadLetters;
    private final DeliveryListener listener;
    private final Clock clock;
    private final BlockingQueue<Delivery> queue;
    private final int capacity;
    private final Thread thread;
    private final DeliveryLedger ledger;
    private final Redeliveries redeliveries;
    private final Duration drainEvery;
    private final AtomicLong redelivered = new AtomicLong();
    private volatile boolean running = true;
    /** Outage letters may be waiting: unknown at start (an earlier run may have left some), so true. */
    private volatile boolean deadLettersWaiting;
    private Instant nextIdleDrain = Instant.MIN;

    public SinkWorker(Sink sink, DeliverySettings settings, Retrier retrier, DeadLetters deadLetters,
                      DeliveryListener listener, Clock clock) {
        this(sink, settings, retrier, deadLetters, listener, clock, DeliveryLedger.none(), Redeliveries.none(), false);
    }

    /** @param lettersMayWait whether to look for dead letters left by an earlier run once started */
    public SinkWorker(Sink sink, DeliverySettings settings, Retrier retrier, DeadLetters deadLetters,
                      DeliveryListener listener, Clock clock, DeliveryLedger ledger, Redeliveries redeliveries,
                      boolean lettersMayWait) {
        this.ledger = ledger;
        this.redeliveries = redeliveries;
        this.drainEvery = settings.breakerOpenFor();
        this.deadLettersWaiting = lettersMayWait;
        this.sink = sink;
        this.retrier = retrier;
        this.breaker = new CircuitBreaker(settings.breakerThreshold(), settings.breakerOpenFor(), clock);
        this.deadLetters = deadLetters;
        this.listener = listener;
        this.clock = clock;
        this.capacity = settings.queueCapacity();
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = Thread.ofPlatform().name("gatewatch-sink-" + sink.name()).daemon(true).unstarted(this::run);
    }

    public String sinkName() {
        return sink.name();
    }

    public void start() {
        thread.start();
    }

    /** Queues a delivery; never blocks. */
    public void submit(Delivery delivery) {
        if (!running || !queue.offer(delivery)) {
            giveUp(delivery, new Outcome.Undeliverable("queue full: " + capacity + " alerts already waiting for this sink", 0, true));
        }
    }

    private void run() {
        try {
            while (running) {
                Delivery d = queue.poll(200, TimeUnit.MILLISECONDS);
                if (d != null) {
                    process(d);
                } else if (deadLettersWaiting && !clock.instant().isBefore(nextIdleDrain) && breaker.allow()) {
                    nextIdleDrain = clock.instant().plus(drainEvery);
                    redeliverWaiting();
                }
            }
        } catch (InterruptedException e) {
            // Closing: what is still queued is not acknowledged, so it is consumed again after a restart.
            Thread.currentThread().interrupt();
        } finally {
            sink.close();
        }
    }

    /** One delivery, synchronously: exposed for tests of the retry, breaker and dead-letter path. */
    public void process(Delivery d) throws InterruptedException {
        if (ledger.mark(sink.name(), d.alert()) != null) {
            // Consumed again after a restart: it was delivered or dead-lettered before the offset was committed.
            listener.finished(d, new Outcome.AlreadyHandled());
            return;
        }
        if (!breaker.allow()) {
            giveUp(d, new Outcome.Undeliverable("circuit breaker open after " + breaker.consecutiveFailures()
                    + " consecutive undeliverable alerts", 0, true));
            return;
        }
        if (deadLettersWaiting) {
            Redeliveries.Drained drained = redeliverWaiting();
            if (!drained.complete()) {
                giveUp(d, new Outcome.Undeliverable("waiting behind earlier dead letters; the sink still fails", 0, true));
                return;
            }
        }
        Outcome outcome = retrier.deliver(sink, d.alert());
        switch (outcome) {
            case Outcome.Delivered ok -> {
                breaker.succeeded();
                ledger.record(sink.name(), d.alert(), DeliveryLedger.Mark.DELIVERED);
                listener.finished(d, ok);
            }
            case Outcome.Undeliverable failed -> {
                breaker.failed();
                giveUp(d, failed);
            }
            case Outcome.AlreadyHandled already -> listener.finished(d, already);
        }
    }

    /** Drains this sink's outage letters, oldest first; on demand, {@code all} takes final refusals too. */
    public Redeliveries.Drained redeliver(boolean all) throws InterruptedException {
        return redeliveries.drain(sink.name(), !all, this::redeliverOne);
    }

    private Redeliveries.Drained redeliverWaiting() throws InterruptedException {
        Redeliveries.Drained drained;
        try {
            drained = redeliver(false);
        } catch (RuntimeException e) {
            // The dead-letter topic is unreachable: the letters stay where they are, tried again later.
            LOG.warn("sink {}: cannot read dead letters to redeliver: {}", sink.name(), e.toString());
            return new Redeliveries.Drained(0, 0, 0, false);
        }
        if (drained.complete()) {
            deadLettersWaiting = false;
        }
        if (drained.total() > 0) {
            LOG.info("sink {}: redelivered {} dead-lettered alerts ({} delivered before, {} refused){}", sink.name(),
                    drained.delivered(), drained.alreadyDelivered(), drained.refused(),
                    drained.complete() ? "" : "; the sink failed again, the rest wait");
        }
        return drained;
    }

    private Outcome redeliverOne(Alert alert) throws InterruptedException {
        if (ledger.mark(sink.name(), alert) == DeliveryLedger.Mark.DELIVERED) {
            return new Outcome.AlreadyHandled();
        }
        Outcome outcome = retrier.deliver(sink, alert);
        switch (outcome) {
            case Outcome.Delivered ok -> {
                breaker.succeeded();
                ledger.record(sink.name(), alert, DeliveryLedger.Mark.DELIVERED);
                redelivered.incrementAndGet();
            }
            case Outcome.Undeliverable refused when !refused.redeliverable() -> {
                deadLetters.send(new DeadLetter(sink.name(), refused.reason(), refused.attempts(), clock.instant(), alert, null), false);
            }
            case Outcome.Undeliverable failed -> breaker.failed();
            case Outcome.AlreadyHandled already -> {
            }
        }
        return outcome;
    }

    private void giveUp(Delivery d, Outcome.Undeliverable why) {
        LOG.warn("sink {}: alert {} revision {} dead-lettered: {}", sink.name(), d.alert().alertId(), d.alert().revision(), why.reason());
        deadLetters.send(new DeadLetter(sink.name(), why.reason(), why.attempts(), clock.instant(), d.alert(), null), why.redeliverable());
        ledger.record(sink.name(), d.alert(), DeliveryLedger.Mark.DEAD_LETTERED);
        if (why.redeliverable()) {
            deadLettersWaiting = true;
        }
        listener.finished(d, why);
    }

    /** Dead letters this worker delivered after all. */
    public long redelivered() {
        return redelivered.get();
    }

    public CircuitBreaker.State breakerState() {
        return breaker.state();
    }

    @Override
    public void close() {
        running = false;
        if (thread.getState() == Thread.State.NEW) {
            sink.close();
            return;
        }
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
