package io.gatewatch.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The published JSON Schemas describe exactly what {@link Json#newMapper()} writes for the records. */
class SchemaFilesTest {
    private final ObjectMapper mapper = Json.newMapper();

    private JsonSchema schema(String resource) throws IOException {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream in = SchemaFilesTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            return factory.getSchema(in, config);
        }
    }

    private static ApiEvent fullEvent() {
        return Samples.fullEvent();
    }

    private static Alert alert(int revision) {
        return Samples.alert(revision);
    }

    @Test
    void shouldValidateAFullAndASparseApiEvent() throws IOException {
        JsonSchema schema = schema(ApiEvent.SCHEMA_RESOURCE);
        JsonNode full = mapper.valueToTree(fullEvent());
        JsonNode sparse = mapper.valueToTree(ApiEvent.builder().ts(Instant.EPOCH).gateway("nginx").build());

        assertEquals(Set.of(), schema.validate(full));
        assertEquals(Set.of(), schema.validate(sparse));
        assertEquals("2025-01-02T03:04:05.678Z", full.get("ts").asText());
    }

    @Test
    void shouldListExactlyTheRecordFieldsAsRequiredProperties() throws IOException {
        for (var pair : List.of(
                Map.entry(ApiEvent.SCHEMA_RESOURCE, (JsonNode) mapper.valueToTree(fullEvent())),
                Map.entry(Alert.SCHEMA_RESOURCE, (JsonNode) mapper.valueToTree(alert(0))))) {
            JsonNode schemaJson;
            try (InputStream in = SchemaFilesTest.class.getResourceAsStream(pair.getKey())) {
                schemaJson = mapper.readTree(in);
            }
            Set<String> required = new TreeSet<>();
            schemaJson.get("required").forEach(n -> required.add(n.asText()));
            Set<String> properties = names(schemaJson.get("properties").fieldNames());
            Set<String> written = names(pair.getValue().fieldNames());
            assertEquals(written, required, pair.getKey());
            assertEquals(written, properties, pair.getKey());
        }
    }

    @Test
    void shouldValidateAnAlertAndItsUpdate() throws IOException {
        JsonSchema schema = schema(Alert.SCHEMA_RESOURCE);

        assertEquals(Set.of(), schema.validate(mapper.valueToTree(alert(0))));
        assertEquals(Set.of(), schema.validate(mapper.valueToTree(alert(3))));
    }

    @Test
    void shouldRejectAnApiEventThatBreaksTheContract() throws IOException {
        JsonSchema schema = schema(ApiEvent.SCHEMA_RESOURCE);
        ObjectNode event = mapper.valueToTree(fullEvent());

        assertInvalid(schema, event.deepCopy().put("ts", "2025-01-02 03:04:05"), "ts");
        assertInvalid(schema, event.deepCopy().put("api_key_hash", "key-123"), "api_key_hash");
        assertInvalid(schema, event.deepCopy().put("status", "200"), "status");
        assertInvalid(schema, event.deepCopy().put("api_key", "key-123"), "api_key");
        ObjectNode missing = event.deepCopy();
        missing.remove("route");
        assertInvalid(schema, missing, "route");
    }

    @Test
    void shouldRejectAnAlertThatBreaksTheContract() throws IOException {
        JsonSchema schema = schema(Alert.SCHEMA_RESOURCE);
        ObjectNode alert = mapper.valueToTree(alert(0));

        assertInvalid(schema, alert.deepCopy().put("revision", -1), "revision");
        assertInvalid(schema, alert.deepCopy().put("score", 1.5), "score");
        assertInvalid(schema, alert.deepCopy().put("severity", "HIGH"), "severity");
        assertInvalid(schema, alert.deepCopy().put("schema", "gatewatch.alert/v2"), "schema");
        assertInvalid(schema, alert.deepCopy().put("detector", "made_up"), "detector");
    }

    private static void assertInvalid(JsonSchema schema, JsonNode node, String field) {
        Set<ValidationMessage> errors = schema.validate(node);
        assertFalse(errors.isEmpty(), "expected " + field + " to fail validation");
        assertTrue(errors.stream().anyMatch(m -> m.getMessage().contains(field)), errors.toString());
    }

    private static Set<String> names(Iterator<String> it) {
        Set<String> out = new TreeSet<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
