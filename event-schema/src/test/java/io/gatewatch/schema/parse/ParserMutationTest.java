package io.gatewatch.schema.parse;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.schema.ApiEvent;
import io.gatewatch.schema.Json;
import io.gatewatch.schema.SecretHasher;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Jazzer's JUnit integration only replays its seed corpus in a normal build (see ParsersFuzzTest), so
 * this test is the bounded fuzzing that runs every time: 20 000 deterministic mutations of real records
 * per parser (byte flips, structural characters, cuts, splices, repeats up to 64 KB), each of which must
 * come back as a well-formed result, never an exception, and within a time bound per record.
 */
class ParserMutationTest {
    private static final int MUTATIONS = 20_000;
    /** Generous for a shared two-core machine; a linear scanner needs microseconds, a quadratic one seconds on 64 KB. */
    private static final long MAX_NANOS_PER_RECORD = 250_000_000L;
    private static final String STRUCTURE = "\"[]{}\\ :,/?=&-%.@\t\n\r\0\u00e9\u20ac\ud83d\ude00x0123456789";

    static Stream<Arguments> parsers() {
        SecretHasher hasher = SecretHasher.random();
        Parsers standard = Parsers.standard(hasher);
        Parsers trusting = Parsers.standard(true, hasher);
        return Stream.of(
                Arguments.of(standard.forName("nginx"), (Supplier<List<String>>) FuzzSeeds::combined),
                Arguments.of(standard.forName("apache"), (Supplier<List<String>>) FuzzSeeds::combined),
                Arguments.of(standard.forName("kong"), (Supplier<List<String>>) FuzzSeeds::kong),
                Arguments.of(trusting.forName("envoy"), (Supplier<List<String>>) FuzzSeeds::envoy),
                Arguments.of(trusting.forName("traefik"), (Supplier<List<String>>) FuzzSeeds::traefik),
                Arguments.of(standard.forName("aws-apigw"), (Supplier<List<String>>) FuzzSeeds::aws),
                Arguments.of(trusting.forName("nginx-json"), (Supplier<List<String>>) FuzzSeeds::nginxJson),
                Arguments.of(new GenericJsonLogParser("fastly", "fastly", FuzzSeeds.FASTLY_MAPPING, Json.newMapper(), hasher),
                        (Supplier<List<String>>) FuzzSeeds::genericJson),
                Arguments.of(standard.forName("auto"), (Supplier<List<String>>) FuzzSeeds::all));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parsers")
    void shouldAnswerEveryMutatedRecordWithAResultInBoundedTime(LogParser parser, Supplier<List<String>> seeds) {
        List<String> corpus = seeds.get();
        SplittableRandom random = new SplittableRandom(parser.format().hashCode());
        int parsed = 0;
        long worst = 0;
        long total = 0;
        for (int n = 0; n < MUTATIONS; n++) {
            String record = mutate(corpus, random);
            long start = System.nanoTime();
            ParseResult result = parser.parse(record);
            long elapsed = System.nanoTime() - start;
            if (elapsed >= MAX_NANOS_PER_RECORD) {
                elapsed = fastestOfThree(parser, record); // a GC pause does not repeat; a quadratic scan does
            }
            total += elapsed;
            worst = Math.max(worst, elapsed);
            assertWellFormed(result, record);
            if (result instanceof ParseResult.Parsed) {
                parsed++;
            }
            long measured = elapsed;
            assertTrue(measured < MAX_NANOS_PER_RECORD, () -> parser.format() + " took " + measured / 1_000_000
                    + " ms on a " + record.length() + "-char record");
        }
        System.out.printf("%s: %d mutated records, %d parsed, %d rejected, mean %.1f us, worst %.1f ms%n",
                parser.format(), MUTATIONS, parsed, MUTATIONS - parsed, total / 1000.0 / MUTATIONS, worst / 1e6);
        assertTrue(parsed > 0 && parsed < MUTATIONS, "mutations should both keep and break records");
    }

    private static long fastestOfThree(LogParser parser, String record) {
        long best = Long.MAX_VALUE;
        for (int k = 0; k < 3; k++) {
            long start = System.nanoTime();
            parser.parse(record);
            best = Math.min(best, System.nanoTime() - start);
        }
        return best;
    }

    static void assertWellFormed(ParseResult result, String record) {
        assertNotNull(result, record);
        switch (result) {
            case ParseResult.Rejected rejected -> {
                String reason = rejected.reason();
                assertTrue(reason != null && reason.matches("[a-z0-9-]+: .+") && reason.length() < 400,
                        () -> "reason '" + reason + "' for " + record);
            }
            case ParseResult.Parsed parsed -> {
                assertFalse(parsed.events().isEmpty(), record);
                for (ApiEvent e : parsed.events()) {
                    assertNotNull(e.ts(), record);
                    assertNotNull(e.gateway(), record);
                    assertTrue(e.route() == null || e.route().length() <= RouteTemplater.MAX_LENGTH + 1 + RouteTemplater.MORE.length(),
                            () -> "unbounded route " + e.route());
                    assertTrue(e.apiKeyHash() == null || SecretHasher.isHash(e.apiKeyHash()), () -> "key in clear: " + record);
                    assertTrue(e.status() == null || (e.status() >= 0 && e.status() <= 999), record);
                    assertTrue(e.bytesOut() == null || e.bytesOut() >= 0, record);
                    assertTrue(e.latencyMs() == null || (e.latencyMs() >= 0 && !e.latencyMs().isInfinite()), record);
                }
            }
        }
    }

    static String mutate(List<String> corpus, SplittableRandom random) {
        String s = corpus.get(random.nextInt(corpus.size()));
        int operations = 1 + random.nextInt(4);
        for (int k = 0; k < operations; k++) {
            s = switch (random.nextInt(8)) {
                case 0 -> replaceChar(s, random);
                case 1 -> insert(s, random, String.valueOf(STRUCTURE.charAt(random.nextInt(STRUCTURE.length()))));
                case 2 -> delete(s, random);
                case 3 -> s.substring(0, s.isEmpty() ? 0 : random.nextInt(s.length()));
                case 4 -> repeat(s, random);
                case 5 -> splice(s, corpus.get(random.nextInt(corpus.size())), random);
                case 6 -> insert(s, random, "99999999999999999999999");
                default -> insert(s, random, String.valueOf((char) random.nextInt(0x10000)));
            };
        }
        return s;
    }

    private static String replaceChar(String s, SplittableRandom random) {
        if (s.isEmpty()) {
            return s;
        }
        int i = random.nextInt(s.length());
        return s.substring(0, i) + STRUCTURE.charAt(random.nextInt(STRUCTURE.length())) + s.substring(i + 1);
    }

    private static String insert(String s, SplittableRandom random, String what) {
        int i = random.nextInt(s.length() + 1);
        return s.substring(0, i) + what + s.substring(i);
    }

    private static String delete(String s, SplittableRandom random) {
        if (s.isEmpty()) {
            return s;
        }
        int from = random.nextInt(s.length());
        int to = Math.min(s.length(), from + 1 + random.nextInt(16));
        return s.substring(0, from) + s.substring(to);
    }

    /** Repeats a slice until the record is up to 64 KB: long paths, headers and payloads. */
    private static String repeat(String s, SplittableRandom random) {
        if (s.isEmpty() || s.length() > 65_536) {
            return s;
        }
        int from = random.nextInt(s.length());
        int to = Math.min(s.length(), from + 1 + random.nextInt(8));
        String slice = s.substring(from, to);
        int times = random.nextInt(4) == 0 ? (65_536 - s.length()) / slice.length() : 1 + random.nextInt(8);
        return s.substring(0, to) + slice.repeat(Math.max(0, times)) + s.substring(to);
    }

    private static String splice(String a, String b, SplittableRandom random) {
        return a.substring(0, random.nextInt(a.length() + 1)) + b.substring(random.nextInt(b.length() + 1));
    }
}
