package io.gatewatch.app.topology;

import io.gatewatch.schema.ApiEvent;
import io.gatewatch.schema.ApiEventSerde;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

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

    /** Reads as {@link #deserializer()}; writes an event as its JSON and a bad record as its bytes. */
    static Serde<DecodedEvent> serde() {
        Serializer<ApiEvent> json = new ApiEventSerde().serializer();
        Serializer<DecodedEvent> writer = (topic, d) -> switch (d) {
            case null -> null;
            case Ok ok -> json.serialize(topic, ok.event());
            case Bad bad -> bad.bytes();
        };
        return Serdes.serdeFrom(writer, deserializer());
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
