package io.gatewatch.alerting;

import io.gatewatch.alerting.config.AlertingConfig;
import io.gatewatch.alerting.config.SinkConfig;
import io.gatewatch.alerting.delivery.DeadLetters;
import io.gatewatch.alerting.delivery.KafkaDeadLetters;
import io.gatewatch.alerting.delivery.KafkaRedeliveries;
import io.gatewatch.alerting.delivery.Redeliveries;
import io.gatewatch.alerting.delivery.Retrier;
import io.gatewatch.alerting.delivery.SinkWorker;
import io.gatewatch.alerting.delivery.Sleeper;
import io.gatewatch.alerting.sink.Sink;
import io.gatewatch.alerting.state.AlertingState;
import io.gatewatch.alerting.state.KafkaAlertingState;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

/**
 * {@code alerting --redeliver}: drains the dead-letter topic once for every configured sink, final refusals
 * included (the operator fixed the token or the receiver), oldest first, with the sink's usual retries, and
 * reports per sink. Shares the automatic drain's position and the service's ledger, so neither repeats what
 * the other delivered.
 */
public final class Redelivery {
    private final AlertingConfig config;
    private final Clock clock;
    private final Producer<String, String> producer;
    private final AlertingState state;
    private final Redeliveries redeliveries;
    private final DeadLetters deadLetters;
    private final Function<SinkConfig, Sink> sinks;

    /** @param groupId the alerting service's consumer group, whose state and drain position are used */
    public Redelivery(AlertingConfig config, String bootstrapServers, String groupId, Clock clock,
                      Function<Producer<String, String>, Function<SinkConfig, Sink>> sinkFactory) {
        this.config = config;
        this.clock = clock;
        this.producer = new KafkaProducer<>(AlertingService.producerProps(bootstrapServers));
        this.state = new KafkaAlertingState(bootstrapServers, KafkaAlertingState.DEFAULT_TOPIC, groupId, producer);
        this.redeliveries = new KafkaRedeliveries(bootstrapServers, config.deadLetterTopic(), groupId);
        this.deadLetters = new KafkaDeadLetters(producer, config.deadLetterTopic(), Duration.ofSeconds(30));
        this.sinks = sinkFactory.apply(producer);
    }

    /** @return per sink name, what the drain did; a sink still failing shows {@code complete=false} */
    public Map<String, Redeliveries.Drained> run() throws InterruptedException {
        try {
            state.load();
            Map<String, Redeliveries.Drained> out = new LinkedHashMap<>();
            for (SinkConfig sc : config.sinks()) {
                try (SinkWorker worker = new SinkWorker(sinks.apply(sc), sc.delivery(),
                        new Retrier(sc.delivery(), Sleeper.real(), RandomGenerator.getDefault()), deadLetters,
                        (d, o) -> { }, clock, state, redeliveries, false)) {
                    out.put(sc.name(), worker.redeliver(true));
                }
            }
            return out;
        } finally {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
