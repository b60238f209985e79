package io.gatewatch.app.config;

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

    public static ApiSettings defaults() {
        return new ApiSettings(null, 200);
    }

    static ApiSettings read(ConfigNode n, Map<String, String> env) {
        n.allowOnly("token", "recent_alerts");
        String token = n.has("token") ? n.text("token", null) : env.get(TOKEN_ENV);
        if (token != null && token.isBlank()) {
            token = null;
        }
        if (token != null && token.length() < 16) {
            // the value itself is never echoed: a config error is printed, and printed errors end up in logs
            n.problem("token", com.fasterxml.jackson.databind.node.TextNode.valueOf("<" + token.length() + " characters>"),
                    "must be at least 16 characters");
        }
        return new ApiSettings(token, n.integer("recent_alerts", 200, 1, 100_000));
    }

    /** Never the token: a record printed in a log or an exception cannot leak it. */
    @Override
    public String toString() {
        return "ApiSettings[token=" + (token == null ? "none" : "<set>") + ", recentAlerts=" + recentAlerts + "]";
    }
}
