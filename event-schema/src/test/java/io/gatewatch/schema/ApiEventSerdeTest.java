package io.gatewatch.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

class ApiEventSerdeTest {
    private final Serializer<ApiEvent> fast = new ApiEventSerde().serializer();
    private final Deserializer<ApiEvent> fastReader = new ApiEventSerde().deserializer();
    private final Serializer<ApiEvent> bound = new JsonSerde<>(ApiEvent.class).serializer();
    private final Deserializer<ApiEvent> boundReader = new JsonSerde<>(ApiEvent.class).deserializer();

    private static List<ApiEvent> events() {
        SplittableRandom r = new SplittableRandom(3);
        String[] texts = {null, "", "a", "/api/v1/users/42", "Mozilla/5.0 (X11; Linux x86_64) \"quoted\" \\ back",
            "tab\there\nnewline", "ünïcödé ✓ 🎉", "\u0000\u001f control \u007f del", "sha256:0123456789abcdef",
            "/a/b?c=d&e=%20", "lone \ud83c surrogate", "\u00e9t\u00e9 caf\u00e9", everyAsciiCharacter()};
        Double[] latencies = {null, 0.0, 0.1, 12.5, 1e-7, 123456789.0, 1.0E21, Double.NaN, Double.POSITIVE_INFINITY};
        List<ApiEvent> out = new ArrayList<>(List.of(Samples.fullEvent(),
                ApiEvent.builder().ts(Instant.EPOCH).build()));
        for (int i = 0; i < 5_000; i++) {
            out.add(ApiEvent.builder()
                    .ts(Instant.ofEpochMilli(r.nextLong(-10_000_000_000_000L, 100_000_000_000_000L)))
                    .gateway(texts[r.nextInt(texts.length)]).clientIp(texts[r.nextInt(texts.length)])
                    .apiKeyHash(texts[r.nextInt(texts.length)]).user(texts[r.nextInt(texts.length)])
                    .userAgent(texts[r.nextInt(texts.length)]).method(texts[r.nextInt(texts.length)])
                    .host(texts[r.nextInt(texts.length)]).path(texts[r.nextInt(texts.length)])
                    .query(texts[r.nextInt(texts.length)]).route(texts[r.nextInt(texts.length)])
                    .status(r.nextInt(5) == 0 ? null : r.nextInt(-1, 1000))
                    .bytesOut(r.nextInt(5) == 0 ? null : r.nextInt(5) == 0 ? r.nextLong(Long.MIN_VALUE, Long.MAX_VALUE)
                            : r.nextLong(-1_000_000_000_000_000_000L, 1_000_000_000_000_000_000L))
                    .bytesIn(r.nextInt(5) == 0 ? null : (long) r.nextInt(100_000))
                    .latencyMs(r.nextInt(3) == 0 ? latencies[r.nextInt(latencies.length)] : (Double) (r.nextDouble() * 1000))
                    .requestId(texts[r.nextInt(texts.length)]).build());
        }
        return out;
    }

    private static String everyAsciiCharacter() {
        StringBuilder s = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            s.append(c);
        }
        return s.toString();
    }

    @Test
    void shouldWriteTheSameBytesAsDataBinding() {
        for (ApiEvent e : events()) {
            assertArrayEquals(bound.serialize("t", e), fast.serialize("t", e), e.toString());
        }
        assertNull(fast.serialize("t", null));
    }

    @Test
    void shouldReadBackEveryEventAsDataBindingDoes() {
        for (ApiEvent e : events()) {
            byte[] json = bound.serialize("t", e);
            assertEquals(boundReader.deserialize("t", json), fastReader.deserialize("t", json), e.toString());
        }
        assertNull(fastReader.deserialize("t", null));
    }

    /** Otherwise the serde would be data binding with extra steps: its own output must take the fast path. */
    @Test
    void shouldReadItsOwnOutputWithoutDataBindingWhenItIsAscii() {
        int fast = 0;
        for (ApiEvent e : events()) {
            byte[] json = ApiEventJson.write(e);
            boolean ascii = new String(json, StandardCharsets.UTF_8).chars().allMatch(c -> c < 0x80);
            boolean numeric = (e.latencyMs() == null || Double.isFinite(e.latencyMs())) && shortNumber(e.bytesOut())
                    && shortNumber(e.bytesIn());
            ApiEvent read = ApiEventJson.read(json);
            if (ascii && numeric) {
                assertEquals(e, read, new String(json, StandardCharsets.UTF_8));
                fast++;
            } else {
                assertNull(read, "left to data binding: " + new String(json, StandardCharsets.UTF_8));
            }
        }
        assertTrue(fast > 300, "hundreds of the sample are ASCII and take the fast path: " + fast);
    }

    /** 19 digits may overflow a long: those are left to data binding. */
    private static boolean shortNumber(Long n) {
        return n == null || Math.abs(n) < 1_000_000_000_000_000_000L;
    }

    @Test
    void shouldLeaveOddButReadableRecordsToDataBindingAndReadThemTheSame() {
        for (String json : List.of(
                "{\"ts\":\"2025-03-01T12:00:00.123Z\",\"status\":\"404\",\"bytes_out\":\"12\"}",
                "{\"latency_ms\":\"1.5\",\"user\":42,\"ts\":\"2025-03-01T12:00:00Z\"}",
                "{\"ts\":\"2025-03-01T12:00:00.123456Z\",\"status\":404.0,\"extra\":{\"a\":[1,2,{\"b\":null}]}}",
                "{\"route\":null,\"ts\":\"2025-03-01T12:00:00.123+02:00\",\"ts\":\"2025-03-01T12:00:01.000Z\"}",
                "  {\"ts\":\"2025-03-01T12:00:00.123Z\"}  trailing",
                "{\"ts\":\"2025-03-01T12:00:00.123Z\",\"bytes_in\":99999999999}",
                "{\"ts\":\"2025-03-01T12:00:00.123Z\",\"gateway\":\"caf\u00e9 \\u00e9 \\/ \\uD83C\\uDF89\"}")) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            assertEquals(boundReader.deserialize("t", bytes), fastReader.deserialize("t", bytes), json);
        }
    }

    @Test
    void shouldRefuseWhatDataBindingRefusesWithItsMessage() {
        for (String json : List.of("", "not json", "[1,2]", "{\"status\":200}", "{\"ts\":null}",
                "{\"ts\":\"2025-02-30T00:00:00.000Z\"}", "{\"ts\":\"2025-03-01T12:00:00.000Z\",\"status\":99999999999}",
                "{\"ts\":\"2025-03-01T12:00:00.000Z\"", "{\"ts\":\"2025-03-01T12:00:00.000Z\",\"user\":[1]}")) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            SerializationException expected = assertThrows(SerializationException.class,
                    () -> boundReader.deserialize("t", bytes), json);
            SerializationException got = assertThrows(SerializationException.class,
                    () -> fastReader.deserialize("t", bytes), json);
            assertEquals(expected.getMessage(), got.getMessage(), json);
        }
    }
}
