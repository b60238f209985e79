package io.gatewatch.app.sim;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.Json;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads labels.json, as {@code simulate} writes it or as someone writes by hand for their own logs.
 * Only {@code actors} is needed; each problem names the line its actor starts on.
 */
public final class LabelsFile {
    private LabelsFile() {
    }

    public static Loaded<List<Label>> read(Path file) {
        ObjectMapper mapper = Json.newMapper();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             JsonParser p = mapper.createParser(in)) {
            try {
                return readActors(file, p);
            } catch (JacksonException e) {
                return Loaded.failed(file + ":" + p.currentLocation().getLineNr() + ": " + JsonProblems.describe(e));
            }
        } catch (NoSuchFileException e) {
            return Loaded.failed(file + ": no such file");
        } catch (CharacterCodingException e) {
            return Loaded.failed(file + ": not UTF-8 text");
        } catch (IOException e) {
            return Loaded.failed(file + ": cannot read: " + e.getMessage());
        }
    }

    private static Loaded<List<Label>> readActors(Path file, JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return Loaded.failed(file + ":" + p.currentTokenLocation().getLineNr()
                    + ": labels must be a JSON object with an \"actors\" list");
        }
        List<Label> actors = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (!name.equals("actors")) {
                p.skipChildren();
                continue;
            }
            if (value != JsonToken.START_ARRAY) {
                return Loaded.failed(file + ":" + p.currentTokenLocation().getLineNr() + ": \"actors\" must be a list");
            }
            actors = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                int line = p.currentTokenLocation().getLineNr();
                if (t != JsonToken.START_OBJECT) {
                    return Loaded.failed(file + ":" + line + ": each actor must be a JSON object");
                }
                JsonNode node = p.readValueAsTree();
                String where = file + ":" + line + ": ";
                Loaded<Label> label = label(node, where);
                if (label instanceof Loaded.Failed<Label> f) {
                    return Loaded.failed(f.problem());
                }
                Label l = ((Loaded.Ok<Label>) label).value();
                if (!ids.add(l.id())) {
                    return Loaded.failed(where + "actor '" + l.id() + "' appears twice");
                }
                actors.add(l);
            }
        }
        if (actors == null) {
            return Loaded.failed(file + ": no \"actors\" list");
        }
        return new Loaded.Ok<>(actors);
    }

    private static Loaded<Label> label(JsonNode n, String where) {
        String id = text(n, "id");
        if (id == null || id.isBlank()) {
            return Loaded.failed(where + "actor has no id");
        }
        String at = where + "actor '" + id + "': ";
        String kindText = text(n, "kind");
        Label.Kind kind;
        if ("attack".equals(kindText)) {
            kind = Label.Kind.ATTACK;
        } else if ("benign".equals(kindText)) {
            kind = Label.Kind.BENIGN;
        } else {
            return Loaded.failed(at + "kind = " + kindText + ": must be attack or benign");
        }
        List<String> sources = new ArrayList<>();
        JsonNode s = n.get("sources");
        if (s == null || !s.isArray() || s.isEmpty()) {
            return Loaded.failed(at + "sources must be a non-empty list of client IPs");
        }
        for (JsonNode ip : s) {
            if (!ip.isTextual() || ip.asText().isBlank()) {
                return Loaded.failed(at + "sources must be a non-empty list of client IPs; found " + ip);
            }
            sources.add(ip.asText());
        }
        String expected = text(n, "expected_detector");
        String scopeText = text(n, "scope");
        Alert.Scope scope = null;
        if (scopeText != null) {
            if (!scopeText.equals("client") && !scopeText.equals("route")) {
                return Loaded.failed(at + "scope = " + scopeText + ": must be client or route");
            }
            scope = scopeText.equals("client") ? Alert.Scope.CLIENT : Alert.Scope.ROUTE;
        }
        Instant start = time(n, "start");
        Instant end = time(n, "end");
        for (String field : List.of("start", "end")) {
            if (text(n, field) != null && time(n, field) == null) {
                return Loaded.failed(at + field + " = " + text(n, field) + ": must be an ISO-8601 time like "
                        + "2026-01-12T06:00:00Z");
            }
        }
        if (kind == Label.Kind.ATTACK) {
            if (expected == null || expected.isBlank()) {
                return Loaded.failed(at + "an attack needs expected_detector");
            }
            if (start == null || end == null) {
                return Loaded.failed(at + "an attack needs start and end");
            }
            if (scope == null) {
                scope = Alert.Scope.CLIENT;
            }
        }
        if (start != null && end != null && end.isBefore(start)) {
            return Loaded.failed(at + "end " + end + " is before start " + start);
        }
        String type = text(n, "type");
        return new Loaded.Ok<>(new Label(id, kind, type == null ? "-" : type, expected, scope, sources, start, end,
                n.path("requests").asLong(0), text(n, "description")));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Null when absent or not a time. */
    private static Instant time(JsonNode n, String field) {
        String v = text(n, field);
        try {
            return v == null ? null : Instant.parse(v);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
