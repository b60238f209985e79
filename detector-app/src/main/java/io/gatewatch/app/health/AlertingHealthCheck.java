package io.gatewatch.app.health;

import io.gatewatch.alerting.AlertingService;
import java.util.Map;

/** The alerting service is live and ready while its consumer thread runs. */
public final class AlertingHealthCheck implements HealthCheck {
    private final AlertingService service;

    public AlertingHealthCheck(AlertingService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "alerting";
    }

    @Override
    public Status check() {
        return service.isRunning()
                ? Status.up("RUNNING", Map.of())
                : new Status(false, false, "STOPPED", "the alerting consumer has stopped", Map.of());
    }
}
