package io.gatewatch.app.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The provisioned Grafana dashboards: every data panel queries the provisioned Prometheus. */
class GrafanaDashboardTest {

    private static Path grafana() {
        Path root = RepoFiles.root();
        assumeTrue(root != null, "not inside a checkout");
        return root.resolve("deploy/grafana");
    }

    private static String provisionedUid() throws Exception {
        JsonNode ds = new ObjectMapper(new YAMLFactory())
                .readTree(grafana().resolve("provisioning/datasources/prometheus.yml").toFile()).path("datasources");
        assertEquals(1, ds.size(), ds.toString());
        assertEquals("prometheus", ds.get(0).path("type").asText());
        return ds.get(0).path("uid").asText();
    }

    @Test
    void shouldQueryTheProvisionedDatasourceFromEveryDataPanel() throws Exception {
        String uid = provisionedUid();
        List<Path> dashboards;
        try (Stream<Path> s = Files.list(grafana().resolve("dashboards"))) {
            dashboards = s.filter(p -> p.toString().endsWith(".json")).toList();
        }
        assertFalse(dashboards.isEmpty());
        for (Path d : dashboards) {
            JsonNode dash = new ObjectMapper().readTree(d.toFile());
            assertFalse(dash.path("uid").asText().isEmpty(), d + ": a dashboard uid keeps links stable");
            Set<Integer> ids = new HashSet<>();
            int dataPanels = 0;
            for (JsonNode p : dash.path("panels")) {
                assertTrue(ids.add(p.path("id").asInt()), d + ": duplicate panel id " + p.path("id"));
                assertTrue(p.path("gridPos").has("w") && p.path("gridPos").has("h"), d + ": panel without gridPos: " + p.path("title"));
                String type = p.path("type").asText();
                if (type.equals("row") || type.equals("text")) {
                    continue;
                }
                dataPanels++;
                String title = p.path("title").asText();
                assertEquals(uid, p.path("datasource").path("uid").asText(), d + ": " + title);
                assertTrue(p.path("targets").size() > 0, d + ": " + title + " has no targets");
                for (JsonNode t : p.path("targets")) {
                    assertFalse(t.path("expr").asText().isBlank(), d + ": " + title + " target " + t.path("refId"));
                    assertEquals(uid, t.path("datasource").path("uid").asText(), d + ": " + title + " target " + t.path("refId"));
                    assertFalse(PromQl.metricNames(t.path("expr").asText()).isEmpty(), d + ": " + title + " reads no metric");
                }
            }
            assertTrue(dataPanels >= 10, d + ": " + dataPanels + " data panels");
        }
    }

    @Test
    void shouldLoadDashboardsFromWhereComposeMountsThem() throws Exception {
        JsonNode providers = new ObjectMapper(new YAMLFactory())
                .readTree(grafana().resolve("provisioning/dashboards/gatewatch.yml").toFile()).path("providers");
        assertEquals("/var/lib/grafana/dashboards", providers.get(0).path("options").path("path").asText());
        String compose = Files.readString(RepoFiles.root().resolve("docker-compose.yml"));
        assertTrue(compose.contains("./deploy/grafana/dashboards:/var/lib/grafana/dashboards:ro"), "compose mount");
        assertTrue(compose.contains("./deploy/grafana/provisioning:/etc/grafana/provisioning:ro"), "compose mount");
    }
}
