package io.gatewatch.app.topology;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * A topic's name with the serdes of its keys and values, so the topology names each topic once and
 * never pairs it with the wrong serde.
 */
record Topic<K, V>(String name, Serde<K> keys, Serde<V> values) {

    static Topic<byte[], byte[]> ofBytes(String name) {
        return new Topic<>(name, Serdes.ByteArray(), Serdes.ByteArray());
    }

    static Topic<String, byte[]> keyedByString(String name) {
        return new Topic<>(name, Serdes.String(), Serdes.ByteArray());
    }

    /** The same topic as a stage writes it whose records have other types (the dead-letter topic, by stage). */
    <K2, V2> Topic<K2, V2> as(Serde<K2> keys, Serde<V2> values) {
        return new Topic<>(name, keys, values);
    }

    void addSource(Topology t, String node) {
        t.addSource(node, keys.deserializer(), values.deserializer(), name);
    }

    void addSource(Topology t, String node, TimestampExtractor time) {
        t.addSource(AutoOffsetReset.earliest(), node, time, keys.deserializer(), values.deserializer(), name);
    }

    void addSourceFromEarliest(Topology t, String node) {
        t.addSource(AutoOffsetReset.earliest(), node, keys.deserializer(), values.deserializer(), name);
    }

    void addSink(Topology t, String node, String parent) {
        t.addSink(node, name, keys.serializer(), values.serializer(), parent);
    }
}
