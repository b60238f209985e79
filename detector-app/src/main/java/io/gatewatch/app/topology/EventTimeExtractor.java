package io.gatewatch.app.topology;

import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time is the time in the log line, so a replay of yesterday's log gives yesterday's alerts.
 * Records that are not events, and events dated outside the {@link EventTimeWindow} (written by another
 * producer: the normalize stage never passes one on), keep their record timestamp: a negative time
 * would stop the stream thread, a far-future one would push stream time ahead of every real event.
 * The detect stage then dead-letters them.
 */
public final class EventTimeExtractor implements TimestampExtractor {
    private final EventTimeWindow window;
    private final LongSupplier wallClock;

    public EventTimeExtractor(EventTimeWindow window, LongSupplier wallClock) {
        this.window = window;
        this.wallClock = wallClock;
    }

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof DecodedEvent.Ok ok) {
            long ts = ok.event().ts().toEpochMilli();
            if (window.reject(ts, wallClock.getAsLong()) == null) {
                return ts;
            }
        }
        return record.timestamp() >= 0 ? record.timestamp() : Math.max(0, partitionTime);
    }
}
