package io.gatewatch.schema.parse;

import io.gatewatch.schema.SecretHasher;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gatewatch.schema.Json;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzz tests (Jazzer) of every parser and of the route templater: whatever bytes
 * arrive, a parser answers with a well-formed {@link ParseResult} and never throws.
 *
 * <p>In a normal build (regression mode) each test replays its seed corpus from
 * {@code src/test/resources/io/gatewatch/schema/parse/ParsersFuzzTestInputs/<method>/} (real records)
 * plus an empty input, which takes well under a second; the bounded random search that runs on every
 * build is {@link ParserMutationTest}. To fuzz for real, one test per run:
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -pl event-schema test -Dtest='ParsersFuzzTest#fuzzCombined'
 * </pre>
 * which searches for {@code maxDuration} and writes any crashing input next to the seeds, where it
 * becomes a regression test. The hostile records of {@link HostileInputs} (times before 1970 and far
 * ahead, NUL, ESC, invalid UTF-8, 10,000-deep JSON, 5 MB fields) run against every format on every build
 * ({@link #shouldParseOrRejectWithAReasonEveryHostileRecord}) and are written into the seed corpus too.
 */
class ParsersFuzzTest {
    private final SecretHasher hasher = SecretHasher.of("test-deployment-key-0123456789");
    /** Per test in fuzzing mode only; raise it for a longer campaign (e.g. "2h"). Regression mode ignores it. */
    private static final String FUZZ_DURATION = "30s";

    private final Parsers parsers = Parsers.standard(true, hasher);

    private static String text(byte[] input) {
        return new String(input, StandardCharsets.UTF_8);
    }

    @FuzzTest(maxDuration = FUZZ_DURATION)
    void fuzzCombined(byte[] input) {
        ParserMutationTest.assertWellFormed(parsers.forName("nginx").parse(text(input)), text(input));
    }

    @FuzzTest(maxDuration = FUZZ_DURATION)
    void fuzzKong(byte[] input) {
        ParserMutationTest.assertWellFormed(parsers.forName("kong").parse(text(input)), text(input));
    }

    @FuzzTest(maxDuration = FUZZ_DURATION)
    void fuzzEnvoy(byte[] input) {
        ParserMutationTest.assertWellFormed(parsers.forName("envoy").parse(text(input)), text(input));
    }

    @FuzzTest(maxDuration = FUZZ_DURATION)
    void fuzzTraefik(byte[] input) {
        ParserMutationTest.assertWellFormed(parsers.forName("traefik").parse(text(input)), text(input));
    }

    @FuzzTest(maxDuration = FUZZ_DURATION)
    void fuzzAwsApiGateway(byte[] input) {
        ParserMutationTest.assertWellFormed(parsers.forName("aws-apigw").parse(text(input)), text(input));
    }

    @FuzzTest(maxDuration = FUZZ_DURATION)
    void fuzzNginxJson(byte[] input) {
        ParserMutationTest.assertWellFormed(parsers.forName("nginx-json").parse(text(input)), text(input));
    }

    @FuzzTest(maxDuration = FUZZ_DURATION)
    void fuzzGenericJson(byte[] input) {
        GenericJsonLogParser fastly = new GenericJsonLogParser("fastly", "fastly", FuzzSeeds.FASTLY_MAPPING, Json.newMapper(), hasher);
        ParserMutationTest.assertWellFormed(fastly.parse(text(input)), text(input));
    }

    @FuzzTest(maxDuration = FUZZ_DURATION)
    void fuzzAuto(byte[] input) {
        ParserMutationTest.assertWellFormed(parsers.forName("auto").parse(text(input)), text(input));
    }

    static Stream<Arguments> hostile() {
        return Stream.of("nginx", "apache", "kong", "envoy", "aws-apigw", "traefik", "nginx-json", "json", "auto")
                .flatMap(format -> HostileInputs.forFormat(format).entrySet().stream()
                        .map(e -> Arguments.of(format, e.getKey(), e.getValue())));
    }

    /**
     * The hostile cases every fuzz campaign must also survive, as a plain test on every build: each is
     * parsed or rejected with a reason, and nothing (no exception, no StackOverflowError) escapes.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("hostile")
    void shouldParseOrRejectWithAReasonEveryHostileRecord(String format, String name, String record) {
        ParseResult result = assertDoesNotThrow(() -> parsers.forName(format).parse(record), format + ": " + name);
        ParserMutationTest.assertWellFormed(result, format + ": " + name);
        if (result instanceof ParseResult.Rejected r) {
            assertFalse(r.reason().isBlank(), name);
        }
    }

    @FuzzTest(maxDuration = FUZZ_DURATION)
    void fuzzRouteTemplater(byte[] input) {
        String path = "/" + text(input);
        String route = RouteTemplater.template(path);
        assertTrue(route.length() <= RouteTemplater.MAX_LENGTH + 1 + RouteTemplater.MORE.length(), route);
        assertTrue(route.equals(RouteTemplater.template(route)), () -> "not idempotent: " + path + " -> " + route);
    }
}
