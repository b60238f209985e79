package io.gatewatch.app.config;

import io.gatewatch.schema.config.ConfigDef;
import io.gatewatch.schema.config.ConfigKey;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code inventory:} block: how the API inventory flags routes.
 *
 * @param openapi   the OpenAPI 3 spec (YAML or JSON) routes are checked against, or null: then no route
 *                  is flagged shadow or zombie
 * @param newWithin a route first seen this recently (event time) is flagged new
 * @param warmup    no route is new until the inventory has seen this much traffic, so a fresh start does
 *                  not flag every route
 */
public record InventorySettings(Path openapi, Duration newWithin, Duration warmup) {
    static final ConfigKey<String> OPENAPI = ConfigKey.text("openapi", null)
            .doc("OpenAPI 3 spec (YAML or JSON) routes are checked against for shadow and zombie flags; default: none");
    static final ConfigKey<Duration> NEW_WITHIN = ConfigKey.duration("new_within", Duration.ofHours(24))
            .between(Duration.ofMinutes(1), Duration.ofDays(90)).reloadable()
            .doc("a route first seen this recently (event time) is flagged new");
    static final ConfigKey<Duration> WARMUP = ConfigKey.duration("warmup", Duration.ofHours(24))
            .between(Duration.ZERO, Duration.ofDays(90)).reloadable()
            .doc("no route is new until the inventory has seen this much traffic");
    public static final ConfigDef KEYS = ConfigDef.of(OPENAPI, NEW_WITHIN, WARMUP);

    public static InventorySettings defaults() {
        return new InventorySettings(null, Duration.ofHours(24), Duration.ofHours(24));
    }

    static InventorySettings read(ConfigNode n) {
        n.allowOnly(KEYS);
        String spec = n.get(OPENAPI);
        Path path = null;
        if (spec != null) {
            path = Path.of(spec);
            if (!java.nio.file.Files.isReadable(path)) {
                n.problem("openapi", n.json().get("openapi"), "no readable file there; give the path of an OpenAPI 3 YAML or JSON spec");
            } else {
                try {
                    io.gatewatch.app.inventory.OpenApiSpec.read(path);
                } catch (java.io.IOException | RuntimeException e) {
                    n.problem("openapi", n.json().get("openapi"), "not a usable OpenAPI 3 spec: " + e.getMessage());
                }
            }
        }
        return new InventorySettings(path, n.get(NEW_WITHIN), n.get(WARMUP));
    }
}
