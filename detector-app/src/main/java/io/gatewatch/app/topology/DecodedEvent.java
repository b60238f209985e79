package io.gatewatch.app.topology;

import io.gatewatch.schema.ApiEvent;
import io.gatewatch.schema.ApiEventSerde;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A record of the events topic as read: an event, or bytes that are not one. Deserialising never
 * throws, so a bad record written by another producer reaches the dead-letter topic instead of
 * stopping the stream thread.
 */
sealed interface DecodedEvent {
    /** @param bytes the record as read, for the dead-letter topic if the event is refused later */
    record Ok(ApiEvent event, byte[] bytes) implements DecodedEvent {
    }

    record Bad(byte[] bytes, String reason) implements DecodedEvent {
    }

    static Deserializer<DecodedEvent> deserializer() {
        Deserializer<ApiEvent> json = new ApiEventSerde().deserializer();
        return (topic, bytes) -> {
            if (bytes == null) {
                return new Bad(new byte[0], "null value");
            }
            try {
                return new Ok(json.deserialize(topic, bytes), bytes);
            } catch (SerializationException e) {
                return new Bad(bytes, e.getMessage());
            }
        };
    }
}
