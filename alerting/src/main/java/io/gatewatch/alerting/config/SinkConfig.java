package io.gatewatch.alerting.config;

import io.gatewatch.alerting.format.AlertFormat;
import java.net.URI;
import java.nio.file.Path;

/** One configured destination. People sinks (Slack, webhook) never receive shadow-mode alerts. */
public sealed interface SinkConfig {
    String name();

    DeliverySettings delivery();

    /** Whether a person reads what this sink delivers (and so must never see shadow alerts). */
    default boolean readByPeople() {
        return this instanceof Slack || this instanceof Webhook;
    }

    String type();

    /** One readable line per alert on the given console; shadow alerts are marked. */
    record Console(String name, DeliverySettings delivery) implements SinkConfig {
        public String type() {
            return "console";
        }
    }

    /** JSON lines (or CEF lines) appended to a file. */
    record File(String name, Path path, AlertFormat format, DeliverySettings delivery) implements SinkConfig {
        public String type() {
            return "file";
        }
    }

    /** A Kafka topic on the cluster alerting consumes from. */
    record Kafka(String name, String topic, AlertFormat format, DeliverySettings delivery) implements SinkConfig {
        public String type() {
            return "kafka";
        }
    }

    /**
     * Syslog over UDP (RFC 5426), TCP (RFC 6587 octet counting or LF framing) or TLS (RFC 5425).
     *
     * @param hostname the HOSTNAME field; defaults to this machine's name
     * @param caFile   PEM certificates to trust for TLS; null uses the JVM's trust store
     */
    record Syslog(String name, String host, int port, Transport transport, Framing framing, Header header,
                  int facility, String hostname, String appName, AlertFormat format, Path caFile,
                  DeliverySettings delivery) implements SinkConfig {
        public String type() {
            return "syslog";
        }
    }

    /**
     * A Slack incoming webhook; its URL is a secret.
     *
     * @param linkBase where people open Gatewatch's web page (the query API's base URL), for a link to the
     *                 client or route of each alert; null for no link
     */
    record Slack(String name, Secret url, DeliverySettings delivery, String linkBase) implements SinkConfig {
        public Slack(String name, Secret url, DeliverySettings delivery) {
            this(name, url, delivery, null);
        }

        public String type() {
            return "slack";
        }
    }

    /** Splunk HTTP Event Collector: {@code url} is the collector base, the token is a secret. */
    record SplunkHec(String name, URI url, Secret token, String index, String source, String sourcetype,
                     String host, DeliverySettings delivery) implements SinkConfig {
        public String type() {
            return "splunk_hec";
        }
    }

    /** A generic JSON webhook; the body is the Alert, signed with HMAC-SHA256 when a secret is named. */
    record Webhook(String name, Secret url, Secret signingKey, DeliverySettings delivery) implements SinkConfig {
        public String type() {
            return "webhook";
        }
    }

    enum Transport { UDP, TCP, TLS }

    enum Framing { OCTET_COUNTING, LF }

    enum Header { RFC5424, RFC3164 }
}
