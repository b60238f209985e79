package io.gatewatch.alerting.state;

import io.gatewatch.alerting.delivery.DeliveryLedger;
import java.util.Collection;

/**
 * The memory an alerting restart must not lose: the dedup chains (so cooldown and revision numbering go on)
 * and what each sink has had (so nothing is sent twice). Durable in Kafka ({@link KafkaAlertingState}),
 * or in memory for tests and tools.
 */
public interface AlertingState extends DeliveryLedger {
    /** Reads the saved state back; called once, on the consumer thread, before anything else. */
    default void load() {
    }

    /** The chains as last saved, read back at start. */
    Collection<ChainState> chains();

    /** Saves one chain durably before returning. Called from the consumer thread. */
    void saveChain(ChainState chain);
}
