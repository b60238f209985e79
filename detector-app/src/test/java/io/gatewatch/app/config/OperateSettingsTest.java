package io.gatewatch.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code api:} and {@code inventory:} blocks. */
class OperateSettingsTest {
    private final ConfigLoader loader = new ConfigLoader(Set.of("nginx"), n -> List.of());

    private List<String> problems(String yaml) {
        return assertThrows(ConfigException.class, () -> loader.parse(yaml, "g.yaml")).problems();
    }

    @Test
    void shouldDefaultToNoTokenNoSpecAndADayOfWarmUp() {
        GatewatchConfig c = loader.defaults();
        assertEquals(200, c.api().recentAlerts());
        assertEquals(InventorySettings.defaults(), c.inventory());
        assertEquals(Duration.ofHours(24), c.inventory().warmup());
    }

    @Test
    void shouldTakeTheTokenFromTheEnvironmentUnlessTheConfigGivesOneAndNeverPrintIt() {
        List<String> problems = new ArrayList<>();
        ApiSettings fromEnv = ApiSettings.read(ConfigNode.root(JsonNodeFactory.instance.objectNode(), problems),
                Map.of(ApiSettings.TOKEN_ENV, "from-the-environment-0123"));
        assertEquals("from-the-environment-0123", fromEnv.token());
        assertEquals("ApiSettings[token=<set>, recentAlerts=200]", fromEnv.toString());
        assertFalse(fromEnv.toString().contains("environment"));
        assertNull(ApiSettings.read(ConfigNode.root(JsonNodeFactory.instance.objectNode(), problems), Map.of()).token());
        assertEquals(List.of(), problems);
    }

    @Test
    void shouldRefuseAShortTokenWithoutShowingIt() {
        assertEquals(List.of("g.yaml:2: api.token = <6 characters>: must be at least 16 characters"),
                problems("api:\n  token: hunter\n"));
    }

    @Test
    void shouldNameTheKeyOfAMissingOrUnreadableSpec(@TempDir Path dir) throws Exception {
        assertEquals(List.of("g.yaml:2: inventory.openapi = " + dir.resolve("none.yaml")
                + ": no readable file there; give the path of an OpenAPI 3 YAML or JSON spec"),
                problems("inventory:\n  openapi: " + dir.resolve("none.yaml") + "\n"));
        Path swagger = Files.writeString(dir.resolve("old.yaml"), "swagger: '2.0'\npaths: {}\n");
        assertEquals(List.of("g.yaml:2: inventory.openapi = " + swagger + ": not a usable OpenAPI 3 spec: old.yaml: not an "
                + "OpenAPI 3 document (no openapi: 3.x at the top)"), problems("inventory:\n  openapi: " + swagger + "\n"));
        assertEquals(List.of("g.yaml:2: inventory.new_within = 0s: out of range (allowed: 1m to 90d)"),
                problems("inventory:\n  new_within: 0s\n"));
    }
}
