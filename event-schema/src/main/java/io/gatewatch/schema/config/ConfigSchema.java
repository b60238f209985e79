package io.gatewatch.schema.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.util.List;

/**
 * A JSON Schema (draft-07, the draft editors' YAML plugins support best) generated from the declarations.
 * It checks shapes, types, ranges and choices; cross-key rules (e.g. half_life at least interval) are
 * the loader's alone.
 */
public final class ConfigSchema {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ConfigSchema() {
    }

    public static ObjectNode of(ConfigDef root, String title, String description) {
        ObjectNode s = F.objectNode();
        s.put("$schema", "http://json-schema.org/draft-07/schema#");
        s.put("title", title);
        s.put("description", description);
        mapping(root, s);
        return s;
    }

    private static void mapping(ConfigDef def, ObjectNode target) {
        target.put("type", "object");
        ObjectNode props = target.putObject("properties");
        for (ConfigDef.Entry e : def.entries()) {
            props.set(e.name(), entry(e));
        }
        target.put("additionalProperties", false);
        ArrayNode required = F.arrayNode();
        def.entries().stream().filter(e -> e instanceof ConfigKey<?> k && k.required())
                .forEach(e -> required.add(e.name()));
        if (!required.isEmpty()) {
            target.set("required", required);
        }
    }

    private static ObjectNode entry(ConfigDef.Entry e) {
        ObjectNode s = F.objectNode();
        if (!e.doc().isEmpty()) {
            s.put("description", e.doc());
        }
        switch (e) {
            case ConfigKey<?> k -> key(k, s);
            case ConfigDef.Section sec -> {
                mapping(sec.def(), s);
                // `reconnaissance:` with nothing under it is an empty block, not an error.
                s.putArray("type").add("object").add("null");
            }
            case ConfigDef.SectionList l -> {
                s.put("type", "array");
                mapping(l.item(), s.putObject("items"));
                if (l.minItems() > 0) {
                    s.put("minItems", l.minItems());
                }
                if (l.maxItems() < Integer.MAX_VALUE) {
                    s.put("maxItems", l.maxItems());
                }
            }
            case ConfigDef.FreeMap m -> {
                s.put("type", "object");
                s.putObject("additionalProperties").putArray("type").add("string").add("number").add("boolean");
            }
            case ConfigDef.Variants v -> variants(v, s);
        }
        return s;
    }

    private static <T> void key(ConfigKey<T> k, ObjectNode s) {
        k.type().schema(s);
        for (Validator<? super T> v : k.validators()) {
            v.schema(s);
        }
        if (k.defaultValue() != null && k.defaultText() == null) {
            s.set("default", json(k.defaultValue()));
        }
    }

    private static void variants(ConfigDef.Variants v, ObjectNode s) {
        s.put("type", "array");
        s.put("minItems", 1);
        ObjectNode items = s.putObject("items");
        items.put("type", "object");
        items.putArray("required").add(v.discriminator());
        ArrayNode choices = items.putObject("properties").putObject(v.discriminator()).putArray("enum");
        v.variants().keySet().forEach(choices::add);
        ArrayNode oneOf = items.putArray("oneOf");
        v.variants().forEach((name, def) -> {
            ObjectNode branch = F.objectNode();
            mapping(v.common().plus(def.entries()), branch);
            ((ObjectNode) branch.get("properties")).putObject(v.discriminator()).put("const", name);
            oneOf.add(branch);
        });
    }

    private static JsonNode json(Object value) {
        if (value instanceof Duration d) {
            return TextNode.valueOf(Durations.format(d));
        }
        if (value instanceof List<?> list) {
            ArrayNode a = F.arrayNode();
            list.forEach(i -> a.add(json(i)));
            return a;
        }
        return MAPPER.valueToTree(value);
    }
}
