package io.gatewatch.app.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/** Checks what the detectors emit against the published Alert v1 JSON Schema. */
public final class AlertContract {
    private static final ObjectMapper MAPPER = Json.newMapper();
    private final JsonSchema schema;

    public AlertContract() {
        try (InputStream in = Alert.class.getResourceAsStream(Alert.SCHEMA_RESOURCE)) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void assertValid(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            assertEquals(Set.of(), schema.validate(node), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void assertValid(Alert alert) {
        assertEquals(Set.of(), schema.validate(MAPPER.valueToTree(alert)), alert.toString());
    }
}
