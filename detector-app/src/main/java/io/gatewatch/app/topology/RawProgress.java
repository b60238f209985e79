package io.gatewatch.app.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * How far the normalize task of one raw partition has got in event time, carried on every event it
 * writes (two headers, decimal text so that {@code kcat} shows them). The detect stage reads them to
 * put the events of different raw partitions back in event-time order: Kafka Streams runs the task of
 * each raw partition on its own, so in a backlog one task can be twenty minutes of events ahead of another.
 *
 * @param partition the raw partition the event was read from
 * @param newest    the newest event time that partition's task had written when it wrote this event
 */
record RawProgress(int partition, long newest) {
    static final String PARTITION = "gatewatch.raw.partition";
    static final String NEWEST = "gatewatch.raw.newest";

    Headers headers() {
        RecordHeaders h = new RecordHeaders();
        h.add(PARTITION, Integer.toString(partition).getBytes(StandardCharsets.UTF_8));
        h.add(NEWEST, Long.toString(newest).getBytes(StandardCharsets.UTF_8));
        return h;
    }

    /** The progress an event carries, or null for an event without it (written by another producer, or malformed). */
    static RawProgress of(Headers headers) {
        Header p = headers.lastHeader(PARTITION);
        Header n = headers.lastHeader(NEWEST);
        if (p == null || n == null) {
            return null;
        }
        try {
            int partition = Integer.parseInt(new String(p.value(), StandardCharsets.US_ASCII));
            long newest = Long.parseLong(new String(n.value(), StandardCharsets.US_ASCII));
            return partition >= 0 && newest >= 0 ? new RawProgress(partition, newest) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
