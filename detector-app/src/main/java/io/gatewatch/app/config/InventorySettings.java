package io.gatewatch.app.config;

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
    public static InventorySettings defaults() {
        return new InventorySettings(null, Duration.ofHours(24), Duration.ofHours(24));
    }

    static InventorySettings read(ConfigNode n) {
        n.allowOnly("openapi", "new_within", "warmup");
        String spec = n.text("openapi", null);
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
        return new InventorySettings(path,
                n.duration("new_within", Duration.ofHours(24), Duration.ofMinutes(1), Duration.ofDays(90)),
                n.duration("warmup", Duration.ofHours(24), Duration.ZERO, Duration.ofDays(90)));
    }
}
