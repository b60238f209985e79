package io.gatewatch.app.config;

import io.gatewatch.schema.config.ConfigDef;
import io.gatewatch.schema.config.ConfigKey;
import java.util.Map;

/**
 * The {@code api:} block: the query API served beside {@code /metrics}.
 *
 * @param token        the bearer token every API request must carry, or null for none; from
 *                     {@code api.token} or the environment variable {@value #TOKEN_ENV}
 * @param recentAlerts how many of the newest alerts {@code /alerts/recent} keeps in memory
 */
public record ApiSettings(String token, int recentAlerts) {
    public static final String TOKEN_ENV = "GATEWATCH_API_TOKEN";
    static final ConfigKey<String> TOKEN = ConfigKey.text("token", null).hidden()
            .doc("bearer token every API request must carry (at least 16 characters); default: the environment "
                    + "variable " + TOKEN_ENV + ", else none");
    static final ConfigKey<Integer> RECENT_ALERTS = ConfigKey.integer("recent_alerts", 200).range(1, 100_000)
            .doc("how many of the newest alerts /alerts/recent keeps in memory");
    public static final ConfigDef KEYS = ConfigDef.of(TOKEN, RECENT_ALERTS);

    public static ApiSettings defaults() {
        return new ApiSettings(null, 200);
    }

    static ApiSettings read(ConfigNode n, Map<String, String> env) {
        n.allowOnly(KEYS);
        String token = n.has("token") ? n.get(TOKEN) : env.get(TOKEN_ENV);
        if (token != null && token.isBlank()) {
            token = null;
        }
        if (token != null && token.length() < 16) {
            // the value itself is never echoed: a config error is printed, and printed errors end up in logs
            n.problem("token", com.fasterxml.jackson.databind.node.TextNode.valueOf("<" + token.length() + " characters>"),
                    "must be at least 16 characters");
        }
        return new ApiSettings(token, n.get(RECENT_ALERTS));
    }

    /** Never the token: a record printed in a log or an exception cannot leak it. */
    @Override
    public String toString() {
        return "ApiSettings[token=" + (token == null ? "none" : "<set>") + ", recentAlerts=" + recentAlerts + "]";
    }
}
