package io.gatewatch.app.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class PromtoolNamesTest {

    @Test
    void shouldDropAbbreviatedUnitsAndCountGaugesAndDescribeKafkaMetrics() {
        MeterRegistry registry = MetricsServer.newRegistry();
        Object o = new Object();
        FunctionCounter.builder("kafka.consumer.io.wait.time.ns.total", o, x -> 1).description("ns").register(registry);
        Gauge.builder("kafka.app.info.start.time.ms", o, x -> 1).description("ms").register(registry);
        Gauge.builder("kafka.producer.connection.count", o, x -> 1).description("connections").register(registry);
        Gauge.builder("kafka.producer.node.request.latency.avg", o, x -> 1).tag("node.id", "node-1").register(registry);
        FunctionCounter.builder("kafka.consumer.fetch.manager.records.consumed.total", o, x -> 1).description("records").register(registry);
        String scrape = ((PrometheusMeterRegistry) registry).scrape();
        assertTrue(!scrape.contains("_ns_") && !scrape.contains("start_time_ms") && !scrape.contains("kafka_producer_connection_count"), scrape);
        assertTrue(scrape.contains("# HELP kafka_producer_node_request_latency_avg Kafka client metric kafka.producer.node.request.latency.avg"), scrape);
        assertTrue(scrape.contains("kafka_consumer_fetch_manager_records_consumed_total"), scrape);
        assertTrue(scrape.contains("# TYPE process_cpu_seconds_total counter"), scrape);
        assertTrue(scrape.contains("system_cpu_processors") && !scrape.contains("system_cpu_count"), scrape);
        assertEquals(-1, scrape.indexOf("process_cpu_time_ns"));
    }
}
