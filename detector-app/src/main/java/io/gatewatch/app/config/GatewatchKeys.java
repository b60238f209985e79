package io.gatewatch.app.config;

import io.gatewatch.alerting.config.AlertingKeys;
import io.gatewatch.schema.config.ConfigDef;
import io.gatewatch.schema.config.ConfigKey;
import io.gatewatch.schema.config.Validator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every key of {@code gatewatch.yaml}, declared once. The loader reads these declarations; the JSON Schema
 * ({@code docs/gatewatch.schema.json}) and the reference table ({@code docs/configuration.md}) are
 * generated from {@link #root}.
 */
public final class GatewatchKeys {
    static final ConfigKey<List<String>> IDENTITY_ORDER = ConfigKey.texts("order", List.of("api_key", "user", "ip"))
            .check(Validator.each(Validator.oneOf(IdentityKind.class)))
            .doc("a client is counted under the first identity present; must end with ip");
    static final ConfigKey<List<String>> LOGIN_ROUTES = RouteGlob.listKey("login_routes",
            GatewatchConfig.DEFAULT_LOGIN_ROUTES).reloadable()
            .doc("route patterns that are login endpoints (* one segment, ** any number, login* a prefix)");
    static final ConfigKey<Duration> GRACE = ConfigKey.duration("grace", Duration.ofMinutes(5))
            .between(Duration.ZERO, Duration.ofHours(6))
            .doc("how late an event may arrive (behind the newest) and still count");
    static final ConfigKey<Duration> IDLE_EXPIRY = ConfigKey.duration("idle_expiry", Duration.ofHours(24))
            .between(Duration.ofMinutes(1), Duration.ofDays(30))
            .doc("profiles of clients not seen for this long are deleted");
    // At most 55m: below the broker's default one-hour limit, so an accepted event can always be written back.
    static final ConfigKey<Duration> MAX_FUTURE = ConfigKey.duration("max_future", Duration.ofMinutes(15))
            .between(Duration.ZERO, Duration.ofMinutes(55)).reloadable()
            .doc("events dated further ahead of the wall clock are dead-lettered");
    static final ConfigDef IDENTITY = ConfigDef.of(IDENTITY_ORDER);
    static final ConfigDef TIME = ConfigDef.of(GRACE, IDLE_EXPIRY, MAX_FUTURE);

    private GatewatchKeys() {
    }

    /** {@code input.format}: one of the parsers this build knows. */
    static ConfigKey<String> inputFormat(Set<String> formats) {
        return ConfigKey.choice("format", "nginx", formats.stream().sorted().toList())
                .doc("parser for raw records without a `format` header");
    }

    /** Each detector's declarations by id: the registry rewires this (one line per detector today). */
    public static Map<String, ConfigDef> detectors() {
        return DetectorCatalog.keyDefinitions();
    }

    /** The whole file. */
    public static ConfigDef root(Set<String> formats) {
        ConfigDef detectors = new ConfigDef(detectors().entrySet().stream()
                .map(e -> (ConfigDef.Entry) new ConfigDef.Section(e.getKey(), e.getValue(), ""))
                .toList());
        return ConfigDef.of(
                new ConfigDef.Section("kafka", KafkaSettings.KEYS, "where Gatewatch reads and writes"),
                new ConfigDef.Section("input", ConfigDef.of(inputFormat(formats)), ""),
                new ConfigDef.Section("identity", IDENTITY, ""),
                LOGIN_ROUTES,
                new ConfigDef.Section("allowlist", Allowlist.KEYS, "never counted by any detector"),
                new ConfigDef.Section("time", TIME, ""),
                new ConfigDef.Section("populations", PopulationSettings.KEYS,
                        "peer baselines new clients are judged against; see docs/detectors/traffic_spike.md"),
                new ConfigDef.Section("detectors", detectors, ""),
                new ConfigDef.Section("alerting", AlertingKeys.keys(detectors().keySet()),
                        "where alerts go; see docs/alerting.md"),
                new ConfigDef.Section("api", ApiSettings.KEYS, "the query API beside /metrics; see docs/api.md"),
                new ConfigDef.Section("inventory", InventorySettings.KEYS, "how the API inventory flags routes"),
                new ConfigDef.Section("secrets", SecretsConfig.KEYS, "the key credentials in logs are hashed under"));
    }
}
