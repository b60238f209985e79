package io.gatewatch.app.config;

import java.util.List;

/** A detector's validated block: its settings, and any per-route overrides, first match wins. */
public record DetectorBlock(DetectorConfig base, List<RouteOverride> overrides) {

    public String id() {
        return base.id();
    }

    public DetectorSettings settings() {
        return base.settings();
    }
}
