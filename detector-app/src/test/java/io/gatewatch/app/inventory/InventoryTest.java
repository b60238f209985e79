package io.gatewatch.app.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gatewatch.app.config.InventorySettings;
import io.gatewatch.schema.ApiEvent;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InventoryTest {
    private static final Instant T0 = Instant.parse("2026-11-23T00:00:00Z");
    private static final InventorySettings DEFAULTS = InventorySettings.defaults();

    private static ApiEvent event(String method, String route, int status, String user, Instant ts) {
        return new ApiEvent(ts, "nginx", "198.51.100.1", null, user, "ua", method, "shop.example", route, null, route,
                status, 100L, 0L, 5.0, null);
    }

    private static RouteStats stats(String route, Instant from, int requests, String client, int status) {
        RouteStats s = new RouteStats();
        for (int i = 0; i < requests; i++) {
            s.add(event("GET", route, status, null, from.plusSeconds(i)), from.plusSeconds(i).toEpochMilli(), client + i);
        }
        return s;
    }

    private static RouteView view(Inventory inventory, String route) {
        return inventory.views().stream().filter(v -> v.route().equals(route)).findFirst().orElseThrow();
    }

    private static OpenApiSpec spec(String yaml) throws IOException {
        return OpenApiSpec.parse(new ObjectMapper(new YAMLFactory()).readTree(yaml), "shop.yaml");
    }

    @Test
    void shouldMergeTheTasksRecordsOfARoute() {
        RouteStats a = new RouteStats();
        a.add(event("GET", "/cart", 200, "alice", T0), T0.toEpochMilli(), "user:alice");
        a.add(event("POST", "/cart", 500, null, T0.plusSeconds(30)), T0.plusSeconds(30).toEpochMilli(), "ip:1");
        RouteStats b = new RouteStats();
        b.add(event("GET", "/cart", 404, null, T0.plusSeconds(90)), T0.plusSeconds(90).toEpochMilli(), "ip:2");
        b.add(event("GET", "/cart", 200, "bob", T0.minusSeconds(30)), T0.minusSeconds(30).toEpochMilli(), "user:bob");
        Inventory inventory = new Inventory(DEFAULTS, null);
        inventory.add("/cart", RouteStats.decode(a.encode(new io.gatewatch.models.codec.ByteWriter(64))));
        inventory.add("/cart", b);

        RouteView v = view(inventory, "/cart");
        assertEquals(Map.of("GET", 3L, "POST", 1L), v.methods());
        assertEquals(4, v.requests());
        assertEquals(T0.minusSeconds(30), v.firstSeen());
        assertEquals(T0.plusSeconds(90), v.lastSeen());
        assertEquals(0.5, v.errorRate());
        assertEquals(0.25, v.clientErrorRate());
        assertEquals(0.25, v.serverErrorRate());
        assertEquals(0.5, v.authenticatedShare());
        assertEquals(4, v.distinctClients());
        assertEquals(4, v.requestsLastHour());
        assertEquals(2.0, v.ratePerMinute(), "4 requests over the 2 minutes since first seen");
        assertNull(v.inSpec(), "no spec configured");
        assertEquals(List.of(), v.flags());
    }

    @Test
    void shouldFlagShadowRoutesAndMethodsMissingFromTheSpec() throws IOException {
        Inventory inventory = new Inventory(DEFAULTS, spec("""
                openapi: 3.0.3
                paths:
                  /cart: {get: {}}
                """));
        inventory.add("/cart", stats("/cart", T0, 3, "ip:", 200));
        RouteStats post = new RouteStats();
        post.add(event("DELETE", "/cart", 200, null, T0), T0.toEpochMilli(), "ip:9");
        inventory.add("/cart", post);
        inventory.add("/internal/debug", stats("/internal/debug", T0, 1, "ip:", 200));

        assertEquals(List.of("shadow"), view(inventory, "/internal/debug").flags());
        assertEquals(List.of("not in shop.yaml"), view(inventory, "/internal/debug").reasons());
        assertEquals(List.of("shadow"), view(inventory, "/cart").flags());
        assertEquals(List.of("DELETE is not in shop.yaml for this path"), view(inventory, "/cart").reasons());
    }

    @Test
    void shouldFlagZombiesNeverCalledDeprecatedOrSupersededByANewerVersion() throws IOException {
        Inventory inventory = new Inventory(DEFAULTS, spec("""
                openapi: 3.0.3
                paths:
                  /v1/orders: {get: {deprecated: true}}
                  /v1/users/{id}: {get: {}}
                  /v2/users/{userId}: {get: {}}
                  /v2/export: {post: {}}
                """));
        inventory.add("/v1/orders", stats("/v1/orders", T0, 2, "ip:", 200));
        inventory.add("/v1/users/{id}", stats("/v1/users/{id}", T0, 2, "ip:", 200));
        inventory.add("/v2/users/{id}", stats("/v2/users/{id}", T0, 2, "ip:", 200));

        assertEquals(List.of("GET /v1/orders is deprecated and still called"), view(inventory, "/v1/orders").reasons());
        assertEquals(List.of("zombie"), view(inventory, "/v1/users/{id}").flags());
        assertEquals(List.of("an older version still called: /v2/users/{id} exists"), view(inventory, "/v1/users/{id}").reasons());
        assertEquals(List.of(), view(inventory, "/v2/users/{id}").flags());
        RouteView export = view(inventory, "/v2/export");
        assertEquals(List.of("zombie"), export.flags());
        assertEquals(0, export.requests());
        assertNull(export.firstSeen());
        assertEquals(List.of("in shop.yaml (POST) but never called"), export.reasons());
        assertEquals(4, inventory.views().size(), "the called /v2/users/{userId} is not listed again as never called");
    }

    @Test
    void shouldFlagNewRoutesOnlyAfterTheWarmUp() {
        InventorySettings settings = new InventorySettings(null, Duration.ofHours(1), Duration.ofHours(1));
        Inventory early = new Inventory(settings, null);
        early.add("/old", stats("/old", T0, 1, "ip:", 200));
        early.add("/fresh", stats("/fresh", T0.plus(Duration.ofMinutes(50)), 1, "ip:", 200));
        assertEquals(List.of(), view(early, "/fresh").flags(), "50 minutes of traffic: still warming up");

        Inventory warm = new Inventory(settings, null);
        warm.add("/old", stats("/old", T0, 1, "ip:", 200));
        warm.add("/fresh", stats("/fresh", T0.plus(Duration.ofHours(3)), 1, "ip:", 200));
        warm.add("/earlier", stats("/earlier", T0.plus(Duration.ofMinutes(110)), 1, "ip:", 200));
        assertEquals(List.of("new"), view(warm, "/fresh").flags());
        assertEquals(List.of(), view(warm, "/old").flags());
        assertTrue(view(warm, "/earlier").flags().isEmpty(), "first seen 70 minutes before the newest event: outside new_within");
    }
}
