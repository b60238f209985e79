package io.gatewatch.schema.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.schema.SecretHasher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CredentialsTest {
    private final SecretHasher hasher = SecretHasher.of("test-deployment-key-0123456789");
    private final Credentials credentials = new Credentials(hasher);

    @Test
    void shouldHashAPasswordInTheQueryWithTheKeyedHash() {
        assertEquals("user=bob&password=" + hasher.hash("hunter2"), credentials.redactQuery("user=bob&password=hunter2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"token", "auth", "key", "secret", "password", "passwd", "pwd", "session", "sid", "jwt",
            "signature", "sig", "api_key", "apikey", "access_token", "refresh_token", "private_token", "auth_token",
            "session_id", "client_secret", "code", "id_token", "X-Amz-Signature", "X-Amz-Security-Token", "JSESSIONID",
            "PHPSESSID", "accessKey", "client-key", "x.api.key", "API_KEY", "Api-Key", "AUTH_TOKEN", "api%5Fkey",
            "api%5fkey", "%61pi_key", "pass%77ord", "user[password]", "state"})
    void shouldHashAParameterNamedLikeACredentialWhateverItsValue(String name) {
        String redacted = credentials.redactQuery("page=2&" + name + "=hunter2");

        assertEquals("page=2&" + name + "=" + hasher.hash("hunter2"), redacted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"page", "q", "sort", "monkey", "keyword", "author", "passenger", "limit", "id", "lang", "format", "XDEBUG_SESSION_START"})
    void shouldKeepOrdinaryParameters(String name) {
        assertEquals(name + "=hunter2&x=1", credentials.redactQuery(name + "=hunter2&x=1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk",
            "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "sk_test_4eC39HqLyjWDarjtT1zdp7dc", "pk_live_51H8abcdEFGHijkl",
            "ghp_16C7e42F292c6912E7710c838347Ae178B4a", "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOp",
            "xoxp-123456789012-abcdefghijk", "AKIAIOSFODNN7EXAMPLE", "0123456789abcdef0123456789abcdef",
            "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1ub3A=", "aB3xK9pQ2mZ7wL4vN8cR1tY6"})
    void shouldHashAValueShapedLikeACredentialWhateverItsName(String secret) {
        String redacted = credentials.redactQuery("x=" + secret + "&page=2");

        assertEquals("x=" + hasher.hash(secret) + "&page=2", redacted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345678901234567890123", "550e8400-e29b-41d4-a716-446655440000", "how-to-reset-your-password-today",
            "Mozilla/5.0", "2024-01-01T00:00:00Z", "hello world", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "summer_sale_2024_banner"})
    void shouldKeepOrdinaryValues(String value) {
        assertEquals("x=" + value, credentials.redactQuery("x=" + value));
    }

    @Test
    void shouldHashTheDecodedValueSoThatAnEncodedKeyHashesLikeTheHeaderKey() {
        assertEquals(hasher.hash("k+y/1="), credentials.keyHashFromQuery("api%5Fkey=k%2By%2F1%3D"));
        assertEquals(hasher.hash("tok-1"), credentials.keyHashFromQuery("a=1&Auth_Token=tok-1"));
        assertNull(credentials.keyHashFromQuery("password=hunter2"), "a password is a secret, not a client identity");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sk_live_4eC39HqLyjWDarjtT1zdp7dc", "AKIAIOSFODNN7EXAMPLE", "aB3xK9pQ2mZ7wL4vN8cR1tY6",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk"})
    void shouldHashAPathSegmentShapedLikeACredential(String secret) {
        String path = credentials.redactPath("/v1/keys/" + secret + "/usage");

        assertEquals("/v1/keys/" + hasher.hash(secret) + "/usage", path);
        assertEquals("/v1/keys/{id}/usage", RouteTemplater.template(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/users/4711", "/api/v1/users/550e8400-e29b-41d4-a716-446655440000/orders",
            "/commits/0123456789abcdef0123456789abcdef01234567", "/objects/507f1f77bcf86cd799439011",
            "/blog/how-to-reset-your-password-today", "/static/app.3f2a9c1b.js", "/", "/index.php", "/a//b/"})
    void shouldKeepOrdinaryPathsAsTheyAre(String path) {
        assertEquals(path, credentials.redactPath(path));
    }

    @Test
    void shouldKeepTheFileExtensionOfAHashedSegmentSoTheRouteStaysTheSame() {
        String original = "/css/fonts/xjAJXh38I15wypJXxuGMBp0EAVxt0G0biEntp43Qt6E.ttf";
        String path = credentials.redactPath(original);

        assertEquals("/css/fonts/" + hasher.hash("xjAJXh38I15wypJXxuGMBp0EAVxt0G0biEntp43Qt6E") + ".ttf", path);
        assertEquals(RouteTemplater.template(original), RouteTemplater.template(path));
    }

    @Test
    void shouldHashAnyNonNumericIdentifierAfterASegmentNamingCredentials() {
        String hex = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b";

        assertEquals("/v1/api-keys/" + hasher.hash(hex) + "/usage", credentials.redactPath("/v1/api-keys/" + hex + "/usage"));
        assertEquals("/v1/tokens/" + hasher.hash("a1b2c3d4e5f6") , credentials.redactPath("/v1/tokens/a1b2c3d4e5f6"));
        assertEquals("/v1/keys/4711/usage", credentials.redactPath("/v1/keys/4711/usage"), "a number is the key's id");
        assertEquals("/v1/keys/list", credentials.redactPath("/v1/keys/list"), "a word is not a key");
        assertEquals("/v1/commits/" + hex, credentials.redactPath("/v1/commits/" + hex), "hex after other names is an id");
    }

    @Test
    void shouldJudgeMatrixParametersInAPathLikeQueryParameters() {
        assertEquals("/app;jsessionid=" + hasher.hash("1A2B3C4D") + "/home",
                credentials.redactPath("/app;jsessionid=1A2B3C4D/home"));
    }

    @Test
    void shouldStripUserInfoFromAHost() {
        assertEquals("example.com:8080", Credentials.stripUserInfo("admin:s3cret@example.com:8080"));
        assertEquals("example.com", Text.stripPort("admin:s3cret@example.com:8080"));
        RequestLine r = RequestLine.parse("GET http://admin:s3cret@example.com/a?b=1 HTTP/1.1");
        assertEquals("example.com", r.host());
        assertEquals("/a", r.path());
    }

    @Test
    void shouldNeverHashAHashAgain() {
        String once = credentials.redactQuery("token=abc&p=" + "aB3xK9pQ2mZ7wL4vN8cR1tY6");

        assertEquals(once, credentials.redactQuery(once));
        assertTrue(once.startsWith("token=hmac:"));
        assertFalse(once.contains("aB3xK9pQ2mZ7wL4vN8cR1tY6"));
    }
}
