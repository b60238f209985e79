package io.gatewatch.alerting.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.schema.Alert;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/ecs: the component template maps every field EcsFormat writes and every field the ingest pipeline
 * adds, with a type that takes the value (the mapping is strict: an unmapped field would be rejected).
 */
class EcsTemplatesTest {
    private static final Path DIR = Path.of("..", "docs", "ecs");
    private static final Set<String> NUMERIC = Set.of("long", "integer", "float", "double", "scaled_float");
    private static final Set<String> TEXTUAL = Set.of("keyword", "wildcard", "match_only_text", "text", "ip", "date",
            "constant_keyword");
    private final ObjectMapper json = new ObjectMapper();

    private JsonNode read(String file) throws IOException {
        return json.readTree(Files.readString(DIR.resolve(file)));
    }

    private JsonNode mappings() throws IOException {
        return read("gatewatch-alerts-mappings.component-template.json").path("template").path("mappings");
    }

    static Stream<Alert> alerts() {
        return FormatGoldenTest.alerts().map(a -> (Alert) a.get()[1]);
    }

    @ParameterizedTest
    @MethodSource("alerts")
    void shouldMapEveryFieldTheEcsFormatWritesWithATypeThatTakesItsValue(Alert a) throws IOException {
        JsonNode mappings = mappings();
        assertEquals("strict", mappings.path("dynamic").asText(), "a field missing from the template is refused, not guessed");
        List<String> problems = new ArrayList<>();
        leaves("", new EcsFormat(FormatGoldenTest.PRODUCT, TestDetectors.STANDARD).render(a), (path, value) -> {
            JsonNode m = mapping(mappings, path);
            if (m == null) {
                problems.add(path + ": not mapped");
            } else if (!m.path("type").asText().equals("flattened")) {
                String type = m.path("type").asText();
                boolean fits = value.isNumber() ? NUMERIC.contains(type) : value.isTextual() && TEXTUAL.contains(type);
                if (!fits) {
                    problems.add(path + ": " + value + " into a " + type + " field");
                }
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void shouldMapEveryFieldTheIngestPipelineWrites() throws IOException {
        JsonNode mappings = mappings();
        JsonNode pipeline = read("gatewatch-alerts.ingest-pipeline.json");
        List<String> written = new ArrayList<>();
        for (JsonNode p : pipeline.path("processors")) {
            var entry = p.fields().next();
            JsonNode body = entry.getValue();
            switch (entry.getKey()) {
                case "set", "append" -> written.add(body.path("field").asText());
                case "rename" -> written.add(body.path("target_field").asText());
                case "geoip" -> {
                    assertTrue(body.path("properties").isArray(), "geoip names its properties, so the mapping can: " + body);
                    if (body.path("target_field").asText().equals("source.geo")) {
                        body.path("properties").forEach(x -> written.add("source.geo." + x.asText()));
                    }
                }
                default -> throw new AssertionError("a processor this test does not know: " + entry.getKey());
            }
        }
        for (JsonNode p : pipeline.path("on_failure")) {
            written.add(p.fields().next().getValue().path("field").asText());
        }
        written.remove("_id");
        assertFalse(written.isEmpty());
        for (String field : written) {
            assertNotNull(mapping(mappings, field), field + " is written by the pipeline but not mapped");
        }
    }

    @Test
    void shouldComposeTheIndexTemplateFromTheMappingsAndRunThePipeline() throws IOException {
        JsonNode template = read("gatewatch-alerts.index-template.json");
        assertEquals(List.of("gatewatch-alerts-mappings"), json.convertValue(template.path("composed_of"), List.class));
        assertEquals("gatewatch-alerts", template.path("template").path("settings").path("index.default_pipeline").asText());
        assertTrue(template.path("data_stream").isObject());
        String readme = Files.readString(DIR.resolve("README.md"));
        for (String put : List.of("_component_template/gatewatch-alerts-mappings", "_ingest/pipeline/gatewatch-alerts",
                "_index_template/gatewatch-alerts")) {
            assertTrue(readme.contains(put), "docs/ecs/README.md installs " + put);
        }
    }

    private interface Leaf {
        void accept(String path, JsonNode value);
    }

    private static void leaves(String prefix, JsonNode node, Leaf out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> leaves(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out));
        } else if (node.isArray()) {
            node.forEach(x -> leaves(prefix, x, out));
        } else if (!node.isNull()) {
            out.accept(prefix, node);
        }
    }

    /** The mapping of a dotted field, or of the flattened field above it; null when unmapped. */
    private static JsonNode mapping(JsonNode mappings, String path) {
        JsonNode at = mappings;
        for (String step : path.split("\\.")) {
            JsonNode next = at.path("properties").path(step);
            if (next.isMissingNode()) {
                return null;
            }
            if (next.path("type").asText().equals("flattened")) {
                return next;
            }
            at = next;
        }
        return at.has("type") ? at : null;
    }
}
