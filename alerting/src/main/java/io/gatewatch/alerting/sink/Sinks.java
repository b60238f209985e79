package io.gatewatch.alerting.sink;

import io.gatewatch.alerting.config.SinkConfig;
import io.gatewatch.alerting.format.AlertFormats;
import io.gatewatch.alerting.format.Product;
import io.gatewatch.alerting.format.SlackFormat;
import io.gatewatch.alerting.format.SplunkHecFormat;
import io.gatewatch.alerting.format.WebhookFormat;
import io.gatewatch.schema.detector.DetectorInfos;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;

/**
 * Builds a sink from its config.
 *
 * @param producer  the shared producer, asked for only when a Kafka sink exists
 * @param detectors the detectors' titles and mappings, for the formats that name them
 */
public record Sinks(PrintStream console, Supplier<Producer<String, String>> producer, HttpClient http, Clock clock,
                    Product product, String hostname, DetectorInfos detectors) {

    public Sink create(SinkConfig config) {
        AlertFormats formats = new AlertFormats(product, hostname, detectors);
        return switch (config) {
            case SinkConfig.Console c -> new ConsoleSink(c.name(), console);
            case SinkConfig.File f -> new FileSink(f.name(), f.path(), formats, f.format());
            case SinkConfig.Kafka k -> new KafkaTopicSink(k.name(), producer.get(), k.topic(), formats, k.format(),
                    k.delivery().timeout());
            case SinkConfig.Syslog s -> new SyslogSink(s, new AlertFormats(product, s.hostname(), detectors), s.delivery().timeout());
            case SinkConfig.Slack s -> new HttpSink(s.name(), http, new SlackRequests(s.url(), new SlackFormat(detectors, s.linkBase())),
                    s.delivery().timeout(), clock);
            case SinkConfig.SplunkHec h -> new HttpSink(h.name(), http, new SplunkHecRequests(h.url(), h.token(),
                    new SplunkHecFormat(h.host(), h.source(), h.sourcetype(), h.index())), h.delivery().timeout(), clock);
            case SinkConfig.Webhook w -> new HttpSink(w.name(), http,
                    new WebhookRequests(w.url(), w.signingKey(), new WebhookFormat(), clock, product),
                    w.delivery().timeout(), clock);
        };
    }
}
