package io.gatewatch.alerting.delivery;

import io.gatewatch.alerting.sink.Sink;
import io.gatewatch.schema.Alert;

/**
 * What each sink has already had, per {@code alert_id} and revision, kept where a restart can read it back:
 * a record consumed again after a crash (its offset not yet committed) or a dead letter drained twice is
 * then not sent twice. Called from the sink worker threads.
 */
public interface DeliveryLedger {
    /** How a (sink, alert, revision) ended: delivered, or dead-lettered. */
    enum Mark { DELIVERED, DEAD_LETTERED }

    /** The mark for this sink and alert revision, or null when it never reached an end. */
    Mark mark(String sink, Alert alert);

    /** Records durably before returning, so that an offset committed afterwards never outruns it. */
    void record(String sink, Alert alert, Mark mark);

    /** Remembers nothing: every alert is sent (tests, tools). */
    static DeliveryLedger none() {
        return new DeliveryLedger() {
            @Override
            public Mark mark(String sink, Alert alert) {
                return null;
            }

            @Override
            public void record(String sink, Alert alert, Mark mark) {
            }
        };
    }

    /** The idempotency key of an alert revision, as sent in {@code Idempotency-Key}. */
    static String key(Alert alert) {
        return Sink.idempotencyKey(alert);
    }
}
