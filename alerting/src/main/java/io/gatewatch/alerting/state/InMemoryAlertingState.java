package io.gatewatch.alerting.state;

import io.gatewatch.alerting.delivery.DeliveryLedger;
import io.gatewatch.schema.Alert;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** State kept for the life of the process only: what one run remembers, for tests and tools. */
public final class InMemoryAlertingState implements AlertingState {
    private final Map<String, ChainState> chains = new ConcurrentHashMap<>();
    private final Map<String, Mark> marks = new ConcurrentHashMap<>();

    @Override
    public Collection<ChainState> chains() {
        return List.copyOf(chains.values());
    }

    @Override
    public void saveChain(ChainState chain) {
        chains.put(chain.key(), chain);
    }

    @Override
    public Mark mark(String sink, Alert alert) {
        return marks.get(sink + "/" + DeliveryLedger.key(alert));
    }

    @Override
    public void record(String sink, Alert alert, Mark mark) {
        marks.put(sink + "/" + DeliveryLedger.key(alert), mark);
    }
}
