package io.gatewatch.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.gatewatch.schema.config.ConfigDef;
import io.gatewatch.schema.config.ConfigKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * The {@code secrets:} block. The hash key turns every credential in the logs into {@code hmac:...}
 * (see {@code SecretHasher}); instances that share a topic must share it, or one API key becomes two
 * clients.
 *
 * @param hashKey          {@code secrets.hash_key}, at least 16 characters; null when not set (then the
 *                         {@code GATEWATCH_HASH_KEY} environment variable, then {@code keyFile})
 * @param keyFile          where a key generated on first start is kept, next to the config file
 *                         ({@value #KEY_FILE_NAME}); null without a config file (a key for one run only)
 */
public record SecretsConfig(String hashKey, Path keyFile) {
    public static final String KEY_FILE_NAME = "gatewatch.hash-key";
    public static final String ENV = "GATEWATCH_HASH_KEY";
    public static final SecretsConfig NONE = new SecretsConfig(null, null);
    static final ConfigKey<String> HASH_KEY = ConfigKey.text("hash_key", null).hidden()
            .doc("key (at least 16 characters) credentials are hashed under with HMAC-SHA256; default: the environment "
                    + "variable " + ENV + ", else a key generated once into " + KEY_FILE_NAME + " next to the config");
    /** Declared for the schema and the reference; read by hand below so that no value is ever echoed. */
    public static final ConfigDef KEYS = ConfigDef.of(HASH_KEY);

    @Override
    public String toString() {
        return "SecretsConfig[hashKey=" + (hashKey == null ? "(not set)" : "(not shown)") + ", keyFile=" + keyFile + "]";
    }

    static SecretsConfig read(ConfigNode n, Path keyFile) {
        String key = null;
        if (n.isPresent()) {
            Iterator<Map.Entry<String, JsonNode>> fields = n.fields();
            while (fields.hasNext()) {
                String name = fields.next().getKey();
                if (!name.equals("hash_key")) {
                    // a misspelt key name may still hold a key: never echoed
                    n.problem(name, notShown(n.json().get(name)), "unknown key; allowed: hash_key");
                }
            }
            JsonNode v = n.json().get("hash_key");
            if (v != null && !v.isNull()) {
                if (!v.isTextual() || v.asText().getBytes(StandardCharsets.UTF_8).length < 16) {
                    n.problem("hash_key", notShown(v), "must be a text of at least 16 characters (e.g. openssl rand -hex 32)");
                } else {
                    key = v.asText();
                }
            }
        }
        return new SecretsConfig(key, keyFile);
    }

    private static JsonNode notShown(JsonNode v) {
        return TextNode.valueOf("(not shown, " + (v == null ? 0 : v.asText().length())
                + " characters)");
    }
}
