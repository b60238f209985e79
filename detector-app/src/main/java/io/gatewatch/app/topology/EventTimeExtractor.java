package io.gatewatch.app.topology;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time is the time in the log line, so a replay of yesterday's log gives yesterday's alerts.
 * Records that are not events keep their record timestamp, to reach the dead-letter topic in order.
 */
public final class EventTimeExtractor implements TimestampExtractor {
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof DecodedEvent.Ok ok) {
            return ok.event().ts().toEpochMilli();
        }
        return record.timestamp() >= 0 ? record.timestamp() : Math.max(0, partitionTime);
    }
}
