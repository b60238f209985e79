package io.gatewatch.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** One generic JSON serde for the contract records, as Confluent's examples use. */
public final class JsonSerde<T> implements Serde<T> {
    private final ObjectMapper mapper;
    private final Class<T> type;

    public JsonSerde(Class<T> type) {
        this(Json.newMapper(), type);
    }

    public JsonSerde(ObjectMapper mapper, Class<T> type) {
        this.mapper = mapper;
        this.type = type;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                return mapper.writeValueAsBytes(value);
            } catch (IOException e) {
                throw new SerializationException("cannot write " + type.getSimpleName() + " as JSON", e);
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return mapper.readValue(bytes, type);
            } catch (IOException | IllegalArgumentException e) {
                throw new SerializationException("not a valid " + type.getSimpleName() + " JSON: " + e.getMessage(), e);
            }
        };
    }
}
