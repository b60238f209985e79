package io.gatewatch.alerting.delivery;

import io.gatewatch.alerting.Delivery;
import io.gatewatch.alerting.config.DeliverySettings;
import io.gatewatch.alerting.sink.Sink;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread and one bounded queue per sink, so a slow or dead sink never holds up the others. Each alert
 * is tried with bounded retries behind a circuit breaker; what cannot be delivered goes to the dead
 * letters with the sink's name and the reason. When the queue is full, new alerts are dead-lettered
 * at once rather than blocking the consumer.
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
    private volatile boolean running = true;

    public SinkWorker(Sink sink, DeliverySettings settings, Retrier retrier, DeadLetters deadLetters,
                      DeliveryListener listener, Clock clock) {
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
            giveUp(delivery, new Outcome.Undeliverable("queue full: " + capacity + " alerts already waiting for this sink", 0));
        }
    }

    private void run() {
        try {
            while (running) {
                Delivery d = queue.poll(200, TimeUnit.MILLISECONDS);
                if (d != null) {
                    process(d);
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
        if (!breaker.allow()) {
            giveUp(d, new Outcome.Undeliverable("circuit breaker open after " + breaker.consecutiveFailures()
                    + " consecutive undeliverable alerts", 0));
            return;
        }
        Outcome outcome = retrier.deliver(sink, d.alert());
        switch (outcome) {
            case Outcome.Delivered ok -> {
                breaker.succeeded();
                listener.finished(d, ok);
            }
            case Outcome.Undeliverable failed -> {
                breaker.failed();
                giveUp(d, failed);
            }
        }
    }

    private void giveUp(Delivery d, Outcome.Undeliverable why) {
        LOG.warn("sink {}: alert {} revision {} dead-lettered: {}", sink.name(), d.alert().alertId(), d.alert().revision(), why.reason());
        deadLetters.send(new DeadLetter(sink.name(), why.reason(), why.attempts(), clock.instant(), d.alert(), null));
        listener.finished(d, why);
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
