package io.gatewatch.alerting.metrics;

import io.gatewatch.alerting.Delivery;
import io.gatewatch.alerting.delivery.CircuitBreaker;
import io.gatewatch.alerting.delivery.DeliveryListener;
import io.gatewatch.alerting.delivery.Outcome;
import io.gatewatch.alerting.sink.SendResult;
import io.gatewatch.alerting.sink.Sink;
import io.gatewatch.schema.Alert;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The alerting service's meters: alerts in, alerts suppressed, and per sink what was sent, failed,
 * retried and dead-lettered and how long each attempt took. Tags are the sink's configured name and the
 * detector id, both bounded; never a client or anything from inside an alert's evidence.
 */
public final class DeliveryMetrics implements DeliveryListener {
    public static final String SENT = "gatewatch.sink.sent";
    public static final String FAILED = "gatewatch.sink.failed";
    public static final String RETRIED = "gatewatch.sink.retried";
    public static final String DEAD_LETTERED = "gatewatch.sink.dead.lettered";
    public static final String SEND = "gatewatch.sink.send";
    public static final String BREAKER_OPEN = "gatewatch.sink.breaker.open";
    public static final String RECEIVED = "gatewatch.alerting.received";
    public static final String SUPPRESSED = "gatewatch.alerting.suppressed";
    public static final String INPUT_DEAD_LETTERED = "gatewatch.alerting.input.dead.lettered";

    private static final Duration[] SEND_BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final MeterRegistry registry;
    private final Counter inputDeadLettered;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.inputDeadLettered = Counter.builder(INPUT_DEAD_LETTERED)
                .description("Records on the alerts topic that were not alerts (or could not be dispatched), dead-lettered")
                .register(registry);
    }

    /** Meters kept in memory and served nowhere: for callers that do not serve metrics. */
    public static DeliveryMetrics unserved() {
        return new DeliveryMetrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The sink, timing and counting each attempt; registers the sink's meters at zero. */
    public Sink meter(Sink sink) {
        String name = sink.name();
        Timer timer = Timer.builder(SEND)
                .description("Time of one attempt to hand an alert to a sink, successful or not")
                .tag("sink", name)
                .serviceLevelObjectives(SEND_BUCKETS)
                .register(registry);
        Counter retryable = failed(name, true);
        Counter finalFailure = failed(name, false);
        sent(name);
        retried(name);
        deadLettered(name);
        return new Sink() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public SendResult send(Alert alert) {
                long start = System.nanoTime();
                try {
                    SendResult r = sink.send(alert);
                    switch (r) {
                        case SendResult.Delivered d -> { }
                        case SendResult.Retryable x -> retryable.increment();
                        case SendResult.Failed x -> finalFailure.increment();
                    }
                    return r;
                } catch (RuntimeException e) {
                    finalFailure.increment();
                    throw e;
                } finally {
                    timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                }
            }

            @Override
            public void close() {
                sink.close();
            }
        };
    }

    /** 1 while the sink's circuit breaker is open or half-open (deliveries are dead-lettered at once). */
    public void breaker(String sink, Supplier<CircuitBreaker.State> state) {
        Gauge.builder(BREAKER_OPEN, state, s -> s.get() == CircuitBreaker.State.CLOSED ? 0 : 1)
                .description("1 while the sink's circuit breaker is open or half-open, else 0")
                .tag("sink", sink)
                .strongReference(true)
                .register(registry);
    }

    /** Binds the alerting consumer's Kafka metrics (its lag on the alerts topic among them). */
    public AutoCloseable bind(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer) {
        KafkaClientMetrics binder = new KafkaClientMetrics(consumer);
        binder.bindTo(registry);
        return binder;
    }

    public void received(Alert alert) {
        counter(RECEIVED, "Alerts read from the alerts topic, by detector", alert.detector()).increment();
    }

    /** An alert that led to no delivery: a duplicate of a revision already sent, or no route matched. */
    public void suppressed(Alert alert) {
        counter(SUPPRESSED, "Alerts that led to no delivery (duplicates, or no route matched), by detector",
                alert.detector()).increment();
    }

    public void inputDeadLettered() {
        inputDeadLettered.increment();
    }

    @Override
    public void finished(Delivery delivery, Outcome outcome) {
        String sink = delivery.sink();
        switch (outcome) {
            case Outcome.Delivered ok -> sent(sink).increment();
            case Outcome.Undeliverable no -> deadLettered(sink).increment();
        }
        if (outcome.attempts() > 1) {
            retried(sink).increment(outcome.attempts() - 1);
        }
    }

    private Counter sent(String sink) {
        return sinkCounter(SENT, "Alerts delivered to the sink", sink);
    }

    private Counter retried(String sink) {
        return sinkCounter(RETRIED, "Attempts after the first: retries of retryable failures", sink);
    }

    private Counter deadLettered(String sink) {
        return sinkCounter(DEAD_LETTERED, "Alerts given up on for the sink and written to the dead-letter topic "
                + "(retries exhausted, a final failure, breaker open or queue full)", sink);
    }

    private Counter failed(String sink, boolean retryable) {
        return counters.computeIfAbsent(FAILED + '|' + sink + '|' + retryable, k -> Counter.builder(FAILED)
                .description("Attempts to hand an alert to the sink that failed, retryable or not")
                .tag("sink", sink).tag("retryable", Boolean.toString(retryable)).register(registry));
    }

    private Counter sinkCounter(String name, String help, String sink) {
        return counters.computeIfAbsent(name + '|' + sink,
                k -> Counter.builder(name).description(help).tag("sink", sink).register(registry));
    }

    private Counter counter(String name, String help, String detector) {
        String d = detector == null ? "none" : detector;
        return counters.computeIfAbsent(name + "|d|" + d,
                k -> Counter.builder(name).description(help).tag("detector", d).register(registry));
    }
}
