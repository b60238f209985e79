package io.gatewatch.schema.parse;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records an attacker or a broken gateway sends, per format: each format's sound record with a time
 * before 1970 or far in the future, NUL and ESC bytes, invalid UTF-8 (decoded as a consumer decodes it),
 * 10,000-deep JSON and a 5 MB field.
 */
final class HostileInputs {
    static final int DEPTH = 10_000;
    static final int FIVE_MB = 5 * 1024 * 1024;

    private HostileInputs() {
    }

    /** A sound record of the format with %TS% (and its kind of time), %PATH% and %UA% to fill. */
    private record Template(String record, String pre1970, String farFuture) {
    }

    private static final Map<String, Template> TEMPLATES = Map.of(
            "nginx", clf(), "apache", clf(), "auto", clf(),
            "kong", new Template("{\"started_at\":%TS%,\"client_ip\":\"203.0.113.5\",\"request\":{\"method\":\"GET\","
                    + "\"uri\":\"%PATH%\",\"headers\":{\"user-agent\":\"%UA%\"}},\"response\":{\"status\":200,\"size\":1}}",
                    "-14182940000", "4102444800000"),
            "envoy", new Template("{\"start_time\":\"%TS%\",\"method\":\"GET\",\"path\":\"%PATH%\",\"response_code\":200,"
                    + "\"user-agent\":\"%UA%\",\"downstream_remote_address\":\"203.0.113.5:1\"}",
                    "1969-07-20T20:17:40Z", "2100-01-01T00:00:00Z"),
            "nginx-json", new Template("{\"time_iso8601\":\"%TS%\",\"remote_addr\":\"203.0.113.5\",\"request_method\":\"GET\","
                    + "\"request_uri\":\"%PATH%\",\"status\":200,\"http_user_agent\":\"%UA%\"}",
                    "1969-07-20T20:17:40+00:00", "9999-12-31T23:59:59+00:00"),
            "traefik", new Template("{\"StartUTC\":\"%TS%\",\"ClientHost\":\"203.0.113.5\",\"RequestMethod\":\"GET\","
                    + "\"RequestPath\":\"%PATH%\",\"DownstreamStatus\":200,\"request_User-Agent\":\"%UA%\"}",
                    "1969-07-20T20:17:40Z", "2100-01-01T00:00:00Z"),
            "aws-apigw", new Template("{\"requestId\":\"r\",\"ip\":\"203.0.113.5\",\"requestTimeEpoch\":%TS%,\"httpMethod\":\"GET\","
                    + "\"path\":\"%PATH%\",\"status\":200,\"userAgent\":\"%UA%\"}", "-14182940000", "4102444800000"),
            "json", new Template("{\"ts\":\"%TS%\",\"client_ip\":\"203.0.113.5\",\"method\":\"GET\",\"path\":\"%PATH%\","
                    + "\"status\":200,\"user_agent\":\"%UA%\"}", "1969-07-20T20:17:40Z", "+10000-01-01T00:00:00Z"));

    private static Template clf() {
        return new Template("203.0.113.5 - - [%TS%] \"GET %PATH% HTTP/1.1\" 200 1 \"-\" \"%UA%\"",
                "20/Jul/1969:20:17:40 +0000", "01/Jan/2100:00:00:00 +0000");
    }

    /** The hostile records for a format, by name. */
    static Map<String, String> forFormat(String format) {
        Template t = TEMPLATES.get(format);
        String soundTs = t.pre1970().startsWith("-") ? "1728568536000"
                : t.pre1970().contains("/") ? "10/Oct/2024:13:55:36 +0000" : "2024-10-10T13:55:36Z";
        if (format.equals("nginx-json")) {
            soundTs = "2024-10-10T13:55:36+00:00";
        }
        String invalidUtf8 = new String(new byte[] {'x', (byte) 0xFF, (byte) 0xC3, (byte) 0x28, (byte) 0xED, (byte) 0xA0,
                (byte) 0x80, 'y'}, StandardCharsets.UTF_8);
        Map<String, String> out = new LinkedHashMap<>();
        out.put("pre-1970", fill(t, t.pre1970(), "/a", "ua"));
        out.put("far-future", fill(t, t.farFuture(), "/a", "ua"));
        out.put("epoch-overflow", fill(t, t.pre1970().startsWith("-") ? "99999999999999999999999" : "99999-99-99T99:99:99Z",
                "/a", "ua"));
        out.put("NUL in fields", fill(t, soundTs, "/a\u0000b", "ua\u0000\u0000"));
        out.put("ESC in fields", fill(t, soundTs, "/a\u001b[2J", "\u001b[31mred\u001b[0m\u001b]0;title\u0007"));
        out.put("invalid UTF-8 in fields", fill(t, soundTs, "/" + invalidUtf8, invalidUtf8 + "\uD800"));
        out.put("NUL line", "\u0000".repeat(4096));
        out.put("ESC line", "\u001b[2J\u001b[H" + fill(t, soundTs, "/a", "ua"));
        out.put("invalid UTF-8 line", invalidUtf8.repeat(100));
        out.put("10,000-deep object", "{\"a\":".repeat(DEPTH) + "1" + "}".repeat(DEPTH));
        out.put("10,000-deep array", "[".repeat(DEPTH) + "]".repeat(DEPTH));
        out.put("10,000-deep inside a record", fill(t, soundTs, "/a", "ua").replaceFirst("\\{",
                "{\"deep\":" + "[".repeat(DEPTH) + "]".repeat(DEPTH) + ","));
        out.put("5 MB path", fill(t, soundTs, "/" + "p".repeat(FIVE_MB), "ua"));
        out.put("5 MB user agent", fill(t, soundTs, "/a", "u".repeat(FIVE_MB)));
        out.put("5 MB unclosed JSON", "{\"a\":\"" + "z".repeat(FIVE_MB));
        return out;
    }

    private static String fill(Template t, String ts, String path, String ua) {
        String jsonSafePath = t.record().startsWith("{") ? jsonEscape(path) : path;
        String jsonSafeUa = t.record().startsWith("{") ? jsonEscape(ua) : ua;
        return t.record().replace("%TS%", ts).replace("%PATH%", jsonSafePath).replace("%UA%", jsonSafeUa);
    }

    private static String jsonEscape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
