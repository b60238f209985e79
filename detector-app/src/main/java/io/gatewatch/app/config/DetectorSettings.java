package io.gatewatch.app.config;

import io.gatewatch.schema.Alert;
import java.time.Duration;

/**
 * What every detector block has in common.
 *
 * @param mode      {@code shadow} evaluates and counts but never alerts people (alerts carry mode shadow)
 * @param cooldown  after an alert, further findings for the same (key, detector) within this time are
 *                  updates of that alert, not new alerts
 * @param allowlist this detector's own allowlist, on top of the global one
 */
public record DetectorSettings(
        boolean enabled,
        Alert.Mode mode,
        Alert.Severity severity,
        Duration cooldown,
        Allowlist allowlist) {

    static final String[] KEYS = {"enabled", "mode", "severity", "cooldown", "allowlist"};

    static DetectorSettings read(ConfigNode n, Alert.Severity defaultSeverity, Duration defaultCooldown) {
        return read(n, true, Alert.Mode.ALERT, defaultSeverity, defaultCooldown);
    }

    /** For a detector that is off or in shadow unless the analyst turns it on (one needing a trained model). */
    static DetectorSettings read(ConfigNode n, boolean defaultEnabled, Alert.Mode defaultMode,
            Alert.Severity defaultSeverity, Duration defaultCooldown) {
        return new DetectorSettings(
                n.bool("enabled", defaultEnabled),
                n.oneOf("mode", defaultMode, Alert.Mode.class),
                n.oneOf("severity", defaultSeverity, Alert.Severity.class),
                n.duration("cooldown", defaultCooldown, Duration.ofSeconds(1), Duration.ofDays(7)),
                Allowlist.read(n.child("allowlist")));
    }
}
