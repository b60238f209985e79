package io.gatewatch.app.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Dead-letter records keep the original bytes untouched as the value (so they can be fixed and
 * re-produced) and carry the reason and origin in headers, as Kafka Connect's dead-letter queue does.
 */
public final class DeadLetters {
    public static final String REASON = "gatewatch.error.reason";
    public static final String STAGE = "gatewatch.error.stage";
    public static final String TOPIC = "gatewatch.error.topic";
    public static final String PARTITION = "gatewatch.error.partition";
    public static final String OFFSET = "gatewatch.error.offset";

    private DeadLetters() {
    }

    static Headers headers(Headers original, String stage, String reason, RecordMetadata origin) {
        RecordHeaders h = new RecordHeaders(original.toArray());
        put(h, STAGE, stage);
        put(h, REASON, reason);
        if (origin != null) {
            put(h, TOPIC, origin.topic());
            put(h, PARTITION, Integer.toString(origin.partition()));
            put(h, OFFSET, Long.toString(origin.offset()));
        }
        return h;
    }

    private static void put(RecordHeaders h, String key, String value) {
        h.remove(key);
        h.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    public static String header(Headers h, String key) {
        var last = h.lastHeader(key);
        return last == null ? null : new String(last.value(), StandardCharsets.UTF_8);
    }
}
