package io.gatewatch.schema.parse;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.schema.ApiEvent;
import io.gatewatch.schema.ApiEventSerde;
import io.gatewatch.schema.SecretHasher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

/**
 * Property: whatever the format and wherever a request carries a credential (a query parameter by name
 * or by shape, a path segment, {@code user:password@} in an absolute URL, an Authorization or API-key
 * header), no credential appears anywhere in the serialized ApiEvent that leaves the parser.
 */
class SecretsLeaveNoTraceTest {
    private final SecretHasher hasher = SecretHasher.of("test-deployment-key-0123456789");
    private final Parsers parsers = Parsers.standard(true, hasher);
    private final Serializer<ApiEvent> json = new ApiEventSerde().serializer();

    private static final List<String> NAMES = List.of("password", "passwd", "pwd", "token", "auth", "key", "secret",
            "session", "sid", "jwt", "signature", "sig", "api_key", "apikey", "access_token", "refresh_token",
            "private_token", "auth_token", "session_id", "client_secret", "code", "api%5Fkey", "API-KEY", "Auth_Token",
            "X-Amz-Signature", "jsessionid", "accessKey");

    private static final List<String> SHAPED = List.of(
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk",
            "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "sk_test_51HaBcDeFgHiJkLmNoP", "pk_live_51H8abcdEFGHijklMNOP",
            "ghp_16C7e42F292c6912E7710c838347Ae178B4a", "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOp",
            "AKIAIOSFODNN7EXAMPLE", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b", "aB3xK9pQ2mZ7wL4vN8cR1tY6zQ");

    private static final Map<String, String> TEMPLATES = Map.of(
            "nginx", "203.0.113.5 - - [10/Oct/2024:13:55:36 +0000] \"GET %TARGET% HTTP/1.1\" 200 12 \"-\" \"curl/8.5\"",
            "apache", "203.0.113.5 - - [10/Oct/2024:13:55:36 +0000] \"GET %ABSOLUTE% HTTP/1.1\" 200 12 \"-\" \"curl/8.5\"",
            "kong", "{\"started_at\":1728568536000,\"client_ip\":\"203.0.113.5\",\"request\":{\"method\":\"GET\",\"uri\":\"%TARGET%\","
                    + "\"url\":\"%ABSOLUTE%\",\"headers\":{\"host\":\"api.example.com\",\"authorization\":\"Bearer %HEADER%\","
                    + "\"apikey\":\"%HEADER%\"}},\"response\":{\"status\":200,\"size\":12},\"latencies\":{\"request\":5}}",
            "envoy", "{\"start_time\":\"2024-10-10T13:55:36.000Z\",\"method\":\"GET\",\"path\":\"%TARGET%\",\"response_code\":200,"
                    + "\":authority\":\"api.example.com\",\"downstream_remote_address\":\"203.0.113.5:5555\","
                    + "\"authorization\":\"Bearer %HEADER%\",\"x-api-key\":\"%HEADER%\"}",
            "nginx-json", "{\"time_iso8601\":\"2024-10-10T13:55:36+00:00\",\"remote_addr\":\"203.0.113.5\",\"request_method\":\"GET\","
                    + "\"request_uri\":\"%TARGET%\",\"status\":200,\"body_bytes_sent\":12,\"http_host\":\"api.example.com\","
                    + "\"http_authorization\":\"Bearer %HEADER%\",\"http_x_api_key\":\"%HEADER%\"}",
            "traefik", "{\"StartUTC\":\"2024-10-10T13:55:36.000Z\",\"ClientHost\":\"203.0.113.5\",\"RequestMethod\":\"GET\","
                    + "\"RequestPath\":\"%TARGET%\",\"RequestHost\":\"api.example.com\",\"DownstreamStatus\":200,"
                    + "\"request_Authorization\":\"Bearer %HEADER%\",\"request_X-Api-Key\":\"%HEADER%\"}",
            "aws-apigw", "{\"requestId\":\"r-1\",\"ip\":\"203.0.113.5\",\"apiKeyId\":\"%HEADER%\",\"requestTimeEpoch\":1728568536000,"
                    + "\"httpMethod\":\"GET\",\"path\":\"%TARGET%\",\"status\":200,\"domainName\":\"api.example.com\"}",
            "json", "{\"ts\":\"2024-10-10T13:55:36Z\",\"client_ip\":\"203.0.113.5\",\"method\":\"GET\",\"url\":\"%ABSOLUTE%\","
                    + "\"api_key\":\"%HEADER%\",\"status\":200}");

    /** Each case: the secret that must not survive, and the record that carries it. */
    private record Case(String format, String secret, String record) {
    }

    private List<Case> corpus() {
        List<Case> cases = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, String> t : TEMPLATES.entrySet()) {
            for (String name : NAMES) {
                String secret = "Val" + (n++) + "hunter";
                cases.add(fill(t, secret, "/api/v1/users/42?page=2&" + name + "=" + secret + "&lang=en", "ordinaryHeader1"));
            }
            for (String secret : SHAPED) {
                cases.add(fill(t, secret, "/api/v1/search?q=shoes&x=" + secret, "ordinaryHeader1"));
                cases.add(fill(t, secret, "/api/v1/keys/" + secret + "/usage", "ordinaryHeader1"));
                cases.add(fill(t, secret, "/api/v1/users/42", secret));
                cases.add(fill(t, secret, "/api/v1/users/42", "Bearer-less " + secret));
            }
        }
        return cases;
    }

    private static Case fill(Map.Entry<String, String> template, String secret, String target, String header) {
        String absolute = "https://admin:us3rP4ss" + secret.length() + "@api.example.com" + target;
        String record = template.getValue().replace("%TARGET%", target).replace("%ABSOLUTE%", absolute)
                .replace("%HEADER%", header);
        return new Case(template.getKey(), secret, record);
    }

    @Test
    void shouldLeaveNoCredentialInTheSerializedEventOfAnyFormat() {
        List<Case> corpus = corpus();
        int events = 0;
        for (Case c : corpus) {
            for (String format : List.of(c.format(), "auto")) {
                ParseResult result = parsers.forName(format).parse(c.record());
                ParseResult.Parsed parsed = assertInstanceOf(ParseResult.Parsed.class, result,
                        () -> format + " rejected a sound record: " + result + "\n" + c.record());
                for (ApiEvent e : parsed.events()) {
                    String out = new String(json.serialize("t", e), StandardCharsets.UTF_8);
                    assertFalse(out.contains(c.secret()), () -> format + " leaked " + c.secret() + ": " + out);
                    assertFalse(out.contains("us3rP4ss"), () -> format + " leaked the URL password: " + out);
                    assertFalse(out.contains("admin"), () -> format + " leaked the URL user: " + out);
                    events++;
                }
            }
        }
        assertTrue(events >= corpus.size() * 2, "every record gave an event: " + events);
    }
}
