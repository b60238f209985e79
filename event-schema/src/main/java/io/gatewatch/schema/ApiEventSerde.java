package io.gatewatch.schema;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The serde of the events topic. Every event is written once and read once there, and Jackson data
 * binding (reflection over the record, a general time parser) was a third of the topology's time, so
 * events go through {@link ApiEventJson}, which writes the bytes data binding writes and reads that
 * canonical shape; whatever it does not take on (a record from another producer with its fields in
 * another order, a number sent as a string, broken JSON) goes to {@link JsonSerde}, so coercions and
 * error messages stay data binding's. Thread-safe.
 */
public final class ApiEventSerde implements Serde<ApiEvent> {
    private final JsonSerde<ApiEvent> dataBinding = new JsonSerde<>(ApiEvent.class);
    private final Serializer<ApiEvent> generalWriter = dataBinding.serializer();
    private final Deserializer<ApiEvent> generalReader = dataBinding.deserializer();

    @Override
    public Serializer<ApiEvent> serializer() {
        return (topic, e) -> {
            if (e == null) {
                return null;
            }
            byte[] json = ApiEventJson.write(e);
            return json != null ? json : generalWriter.serialize(topic, e);
        };
    }

    @Override
    public Deserializer<ApiEvent> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            ApiEvent e = ApiEventJson.read(bytes);
            return e != null ? e : generalReader.deserialize(topic, bytes);
        };
    }
}
