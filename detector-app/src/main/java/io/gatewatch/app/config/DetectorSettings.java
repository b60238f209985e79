package io.gatewatch.app.config;

import io.gatewatch.schema.Alert;
import io.gatewatch.schema.config.ConfigDef;
import io.gatewatch.schema.config.ConfigKey;
import io.gatewatch.schema.config.Validator;
import java.time.Duration;
import java.util.List;

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

    /**
     * The keys every detector block has, with that detector's defaults.
     */
    public record Keys(ConfigKey<Boolean> enabled, ConfigKey<String> mode, ConfigKey<String> severity,
            ConfigKey<Duration> cooldown) {

        public List<ConfigDef.Entry> entries() {
            return List.of(enabled, mode, severity, cooldown, new ConfigDef.Section("allowlist", Allowlist.KEYS,
                    "this detector's own allowlist, on top of the global one"));
        }
    }

    static Keys keys(boolean enabled, Alert.Mode mode, Alert.Severity severity, Duration cooldown) {
        return new Keys(
                ConfigKey.bool("enabled", enabled).reloadable().doc("false turns the detector off"),
                ConfigKey.choice("mode", name(mode), Validator.oneOf(Alert.Mode.class).choices()).reloadable()
                        .doc("shadow: evaluate and count, alerts marked mode=shadow and not sent to people"),
                ConfigKey.choice("severity", name(severity), Validator.oneOf(Alert.Severity.class).choices())
                        .reloadable().doc("severity of its alerts"),
                ConfigKey.duration("cooldown", cooldown).between(Duration.ofSeconds(1), Duration.ofDays(7)).reloadable()
                        .doc("findings within this of the last alert for the same key update that alert"));
    }

    static DetectorSettings read(ConfigNode n, Keys keys) {
        return new DetectorSettings(
                n.get(keys.enabled()),
                n.get(keys.mode(), Alert.Mode.class),
                n.get(keys.severity(), Alert.Severity.class),
                n.get(keys.cooldown()),
                Allowlist.read(n.child("allowlist")));
    }

    static DetectorSettings read(ConfigNode n, Alert.Severity defaultSeverity, Duration defaultCooldown) {
        return read(n, keys(true, Alert.Mode.ALERT, defaultSeverity, defaultCooldown));
    }

    private static String name(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }
}
