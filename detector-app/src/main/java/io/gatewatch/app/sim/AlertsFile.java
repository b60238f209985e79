package io.gatewatch.app.sim;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Alert v1 JSON lines, as {@code detector replay} prints them; blank lines are skipped. */
public final class AlertsFile {
    private AlertsFile() {
    }

    public static Loaded<List<Alert>> read(Path file) {
        ObjectMapper mapper = Json.newMapper();
        ObjectReader reader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        List<Alert> alerts = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String where = file + ":" + lineNo + ": ";
                JsonNode node;
                try {
                    node = reader.readTree(line);
                } catch (JacksonException e) {
                    return Loaded.failed(where + JsonProblems.describe(e));
                }
                if (!node.isObject()) {
                    return Loaded.failed(where + "not an Alert v1 object: a JSON " + node.getNodeType().name()
                            .toLowerCase(java.util.Locale.ROOT) + " instead of an object");
                }
                Alert alert;
                try {
                    alert = mapper.treeToValue(node, Alert.class);
                } catch (JacksonException e) {
                    return Loaded.failed(where + "not an Alert v1 object: " + JsonProblems.describe(e));
                }
                String missing = missing(alert);
                if (!missing.isEmpty()) {
                    return Loaded.failed(where + "not an Alert v1 object: missing " + missing);
                }
                alerts.add(alert);
            }
        } catch (NoSuchFileException e) {
            return Loaded.failed(file + ": no such file");
        } catch (java.nio.charset.CharacterCodingException e) {
            return Loaded.failed(file + ": not UTF-8 text");
        } catch (IOException e) {
            return Loaded.failed(file + ": cannot read: " + e.getMessage());
        }
        return new Loaded.Ok<>(alerts);
    }

    /** The fields scoring needs, named as in the contract. */
    private static String missing(Alert a) {
        List<String> missing = new ArrayList<>();
        if (a.alertId() == null || a.alertId().isBlank()) {
            missing.add("alert_id");
        }
        if (a.detector() == null || a.detector().isBlank()) {
            missing.add("detector");
        }
        if (a.scope() == null) {
            missing.add("scope");
        }
        if (a.detectedAt() == null) {
            missing.add("detected_at");
        }
        if (a.mode() == null) {
            missing.add("mode");
        }
        return String.join(", ", missing);
    }
}
