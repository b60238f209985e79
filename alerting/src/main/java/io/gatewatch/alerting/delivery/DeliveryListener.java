package io.gatewatch.alerting.delivery;

import io.gatewatch.alerting.Delivery;

/** Told once per delivery when it is finished: delivered, or dead-lettered. Called from worker threads. */
@FunctionalInterface
public interface DeliveryListener {
    void finished(Delivery delivery, Outcome outcome);
}
