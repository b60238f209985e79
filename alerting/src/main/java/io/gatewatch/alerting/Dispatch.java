package io.gatewatch.alerting;

import java.util.List;

/**
 * What the dispatcher did with one input alert.
 *
 * @param deliveries the deliveries due now
 * @param held       how many sinks will receive this alert later, inside a grouped message
 * @param note       why nothing or less was delivered (duplicate, no route, held), or "routed"
 */
public record Dispatch(List<Delivery> deliveries, int held, String note) {
    public Dispatch {
        deliveries = List.copyOf(deliveries);
    }

    /** Deliveries this alert will eventually take part in: now plus held. */
    public int expected() {
        return deliveries.size() + held;
    }
}
