package io.gatewatch.app.bench;

import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The floor Gatewatch is measured against: raw records copied to a sink topic untouched, by the same
 * Kafka Streams runtime and settings, counting what went through.
 */
final class PassthroughTopology {
    static final String SOURCE = "raw-source";
    static final String PASS = "passthrough";
    static final String SINK = "passthrough-sink";

    private PassthroughTopology() {
    }

    static Topology build(String rawTopic, String sinkTopic, LongAdder processed) {
        Topology t = new Topology();
        t.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), rawTopic);
        t.addProcessor(PASS, () -> new Pass(processed), SOURCE);
        t.addSink(SINK, sinkTopic, new ByteArraySerializer(), new ByteArraySerializer(), PASS);
        return t;
    }

    private static final class Pass implements Processor<byte[], byte[], byte[], byte[]> {
        private final LongAdder processed;
        private ProcessorContext<byte[], byte[]> context;

        Pass(LongAdder processed) {
            this.processed = processed;
        }

        @Override
        public void init(ProcessorContext<byte[], byte[]> context) {
            this.context = context;
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            context.forward(record);
            processed.increment();
        }
    }
}
