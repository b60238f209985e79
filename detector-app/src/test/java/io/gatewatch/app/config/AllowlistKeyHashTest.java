package io.gatewatch.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gatewatch.schema.ApiEvent;
import io.gatewatch.schema.SecretHasher;
import io.gatewatch.schema.parse.ParseResult;
import io.gatewatch.schema.parse.Parsers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An analyst's allowlist entry, computed from a key they hold, matches the events the parsers make under the same key. */
class AllowlistKeyHashTest {
    private static final String DEPLOYMENT_KEY = "allowlist-test-deployment-key-0123";
    private static final String API_KEY = "svc-reporting-7f3a9c";
    private static final String LINE = "203.0.113.5 - - [10/Oct/2024:13:55:36 +0000] \"GET /api/v1/reports?api_key="
            + API_KEY + " HTTP/1.1\" 200 12 \"-\" \"curl/8.5\"";

    private final ConfigLoader loader = new ConfigLoader(Set.of("nginx"), n -> List.of());

    private ApiEvent parse(SecretHasher hasher) {
        ParseResult r = Parsers.standard(hasher).forName("nginx").parse(LINE);
        return assertInstanceOf(ParseResult.Parsed.class, r).events().getFirst();
    }

    private Allowlist allowing(String hash) throws ConfigException {
        return loader.parse("allowlist:\n  api_key_hashes: ['" + hash + "']\n", "g.yaml").allowlist();
    }

    @Test
    void shouldAllowTheKeyOnlyWhenTheEntryWasComputedWithTheDeploymentKey() throws ConfigException {
        String entry = SecretHasher.of(DEPLOYMENT_KEY).hash(API_KEY);
        byte[] address = {(byte) 203, 0, 113, 5};

        assertTrue(allowing(entry).allows(parse(SecretHasher.of(DEPLOYMENT_KEY)), address));
        assertFalse(allowing(entry).allows(parse(SecretHasher.of("another-deployment-key-0123456")), address),
                "another deployment's hashes do not match");
    }

    @Test
    void shouldMatchTheOpensslRecipeTheDocsGive() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", "printf %s \"$API_KEY\" | openssl dgst -sha256 -hmac "
                + "\"$GATEWATCH_HASH_KEY\" | awk '{print \"hmac:\" substr($NF,1,16)}'").redirectErrorStream(true);
        pb.environment().put("API_KEY", API_KEY);
        pb.environment().put("GATEWATCH_HASH_KEY", DEPLOYMENT_KEY);
        Process recipe = pb.start();
        String out = new String(recipe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, recipe.waitFor());

        assertEquals(parse(SecretHasher.of(DEPLOYMENT_KEY)).apiKeyHash(), out);
    }
}
