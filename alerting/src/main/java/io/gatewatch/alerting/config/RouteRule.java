package io.gatewatch.alerting.config;

import io.gatewatch.schema.Alert;
import java.util.List;
import java.util.Set;

/**
 * Sends matching alerts to the named sinks. An alert goes to the union of the sinks of every rule it
 * matches. Empty sets match everything.
 */
public record RouteRule(
        String name,
        Set<String> detectors,
        Alert.Severity minSeverity,
        Set<Alert.Mode> modes,
        Set<Alert.Scope> scopes,
        List<String> sinks) {

    public RouteRule {
        detectors = Set.copyOf(detectors);
        modes = Set.copyOf(modes);
        scopes = Set.copyOf(scopes);
        sinks = List.copyOf(sinks);
    }

    public boolean matches(Alert alert) {
        return (detectors.isEmpty() || detectors.contains(alert.detector()))
                && (alert.severity() == null || alert.severity().compareTo(minSeverity) >= 0)
                && (modes.isEmpty() || modes.contains(alert.mode() == null ? Alert.Mode.ALERT : alert.mode()))
                && (scopes.isEmpty() || alert.scope() == null || scopes.contains(alert.scope()));
    }
}
