package io.gatewatch.alerting;

import io.gatewatch.schema.Alert;
import java.util.List;

/**
 * One alert (or one grouped alert) for one sink.
 *
 * @param sequences the caller's numbers of the input alerts this delivery carries; a grouped alert
 *                  carries all of its members, so each is acknowledged when the group is delivered
 */
public record Delivery(String sink, Alert alert, List<Long> sequences) {
    public Delivery {
        sequences = List.copyOf(sequences);
    }
}
