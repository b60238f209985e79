package io.gatewatch.app.bench;

import io.gatewatch.app.metrics.GatewatchMetrics;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits for the events the detect stage holds in its reorder buffer (a raw partition that ran ahead waits
 * there until the others pass its time): a phase that reads state or closes the pipeline before they are
 * released would miss their state and their alerts.
 */
final class HeldEvents {
    private HeldEvents() {
    }

    static void awaitRelease(GatewatchMetrics metrics, Duration limit) {
        long releaseBy = System.nanoTime() + limit.toNanos();
        while (metrics.held() > 0 && System.nanoTime() < releaseBy) {
            LockSupport.parkNanos(50_000_000L);
        }
    }
}
