package io.gatewatch.alerting.config;

import io.gatewatch.alerting.format.AlertFormat;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.config.ConfigDef;
import io.gatewatch.schema.config.ConfigKey;
import io.gatewatch.schema.config.Validator;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every key of the {@code alerting:} block, declared once with the shared toolkit of event-schema; the
 * reader reads these, and the detector app puts {@link #KEYS} into the JSON Schema and the reference.
 * Sinks, routes, dedup, grouping and delivery are all live: they change where alerts go, not any state.
 */
public final class AlertingKeys {
    static final List<String> FACILITIES = List.of("kern", "user", "mail", "daemon", "auth", "syslog", "lpr",
            "news", "uucp", "cron", "authpriv", "ftp", "ntp", "audit", "alert", "clock",
            "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7");
    private static final String TOPIC = "1 to 249 letters, digits, '.', '_' and '-'";
    private static final String ENV_NAME = "[A-Za-z_][A-Za-z0-9_]*";

    // delivery, at the top level and per sink
    static final ConfigKey<Integer> MAX_ATTEMPTS = ConfigKey.integer("max_attempts", 5).range(1, 20).reloadable()
            .doc("tries per alert, the first included");
    static final ConfigKey<Duration> INITIAL_BACKOFF = ConfigKey.duration("initial_backoff", Duration.ofMillis(500))
            .between(Duration.ofMillis(1), Duration.ofMinutes(10)).reloadable()
            .doc("wait before the second try; doubled each further try up to max_backoff");
    static final ConfigKey<Duration> MAX_BACKOFF = ConfigKey.duration("max_backoff", Duration.ofSeconds(30))
            .between(Duration.ofMillis(1), Duration.ofHours(1)).reloadable().doc("at least initial_backoff");
    static final ConfigKey<Double> JITTER = ConfigKey.number("jitter", 0.2).range(0, 1).reloadable()
            .doc("each wait is shortened by up to this fraction, at random");
    static final ConfigKey<Duration> MAX_RETRY_AFTER = ConfigKey.duration("max_retry_after", Duration.ofSeconds(60))
            .between(Duration.ZERO, Duration.ofHours(1)).reloadable()
            .doc("a receiver's Retry-After is honoured up to this");
    static final ConfigKey<Integer> QUEUE_CAPACITY = ConfigKey.integer("queue_capacity", 1000).range(1, 1_000_000)
            .reloadable().doc("alerts waiting for a sink; beyond it new ones are dead-lettered at once");
    static final ConfigKey<Duration> TIMEOUT = ConfigKey.duration("timeout", Duration.ofSeconds(10))
            .between(Duration.ofMillis(100), Duration.ofMinutes(5)).reloadable()
            .doc("per attempt (connect plus response)");
    static final ConfigKey<Integer> FAILURE_THRESHOLD = ConfigKey.integer("failure_threshold", 5).range(1, 1000)
            .reloadable().doc("consecutive undeliverable alerts that open the circuit breaker");
    static final ConfigKey<Duration> OPEN_FOR = ConfigKey.duration("open_for", Duration.ofSeconds(60))
            .between(Duration.ofMillis(1), Duration.ofHours(24)).reloadable()
            .doc("how long an open breaker dead-letters without trying");
    static final ConfigDef BREAKER = ConfigDef.of(FAILURE_THRESHOLD, OPEN_FOR);
    static final ConfigDef DELIVERY = ConfigDef.of(MAX_ATTEMPTS, INITIAL_BACKOFF, MAX_BACKOFF, JITTER, MAX_RETRY_AFTER,
            QUEUE_CAPACITY, new ConfigDef.Section("circuit_breaker", BREAKER, ""), TIMEOUT);

    // sinks
    static final ConfigKey<String> SINK_NAME = ConfigKey.text("name", null).mandatory()
            .check(Validator.matches("[A-Za-z0-9_.-]{1,64}", "not a sink name", "1 to 64 letters, digits, '.', '_' or '-'"))
            .reloadable()
            .doc("routes name sinks by it");
    static final ConfigKey<String> SINK_TYPE = ConfigKey.text("type", null).mandatory()
            .check(Validator.oneOf(List.of("console", "file", "kafka", "syslog", "slack", "splunk_hec", "webhook")))
            .reloadable().doc("what kind of sink");
    static final ConfigKey<String> FILE_PATH = ConfigKey.text("path", null).mandatory().reloadable()
            .doc("file the alerts are appended to, one JSON object per line");
    static final ConfigKey<String> FORMAT = format(AlertFormat.ALERT);
    static final ConfigKey<String> KAFKA_TOPIC = ConfigKey.text("topic", null).mandatory()
            .check(Validator.matches("[a-zA-Z0-9._-]{1,249}", "not a Kafka topic name", TOPIC)).reloadable()
            .doc("topic the alerts are written to");
    static final ConfigKey<String> SYSLOG_HOST = ConfigKey.text("host", "127.0.0.1").reloadable()
            .doc("syslog receiver");
    static final ConfigKey<Integer> SYSLOG_PORT = ConfigKey.integer("port", 514).range(1, 65535).reloadable()
            .defaultText("514, 6514 with tls").doc("receiver port");
    static final ConfigKey<String> PROTOCOL = choice("protocol", SinkConfig.Transport.UDP, SinkConfig.Transport.class)
            .doc("transport");
    static final ConfigKey<String> FRAMING = choice("framing", SinkConfig.Framing.OCTET_COUNTING, SinkConfig.Framing.class)
            .doc("tcp and tls only (RFC 6587)");
    static final ConfigKey<String> SYSLOG_FORMAT = choice("syslog_format", SinkConfig.Header.RFC5424,
            SinkConfig.Header.class).doc("syslog header");
    static final ConfigKey<String> FACILITY = ConfigKey.text("facility", "local4")
            .check(Validator.<String>satisfies(f -> f.matches("\\d{1,2}") && Integer.parseInt(f) <= 23
                    || FACILITIES.contains(f.toLowerCase(Locale.ROOT)), "unknown facility",
                    "0..23 or " + String.join(", ", FACILITIES))).reloadable().doc("syslog facility");
    static final ConfigKey<String> HOSTNAME = ConfigKey.text("hostname", null).defaultText("this host's name")
            .check(Validator.matches("[\\x21-\\x7e]{1,255}", "not a host name", "printable ASCII without spaces"))
            .reloadable()
            .doc("HOSTNAME field of the syslog header");
    static final ConfigKey<String> APP_NAME = ConfigKey.text("app_name", "gatewatch")
            .check(Validator.matches("[\\x21-\\x7e]{1,48}", "not an app name", "1 to 48 printable ASCII characters without spaces"))
            .reloadable().doc("APP-NAME field of the syslog header");
    static final ConfigKey<String> SYSLOG_ALERT_FORMAT = format(AlertFormat.CEF);
    static final ConfigKey<String> CA_FILE = ConfigKey.text("ca_file", null).reloadable()
            .doc("PEM file of the CA that signed the receiver's certificate (tls only)");
    static final ConfigKey<String> URL_ENV = envName("url_env").mandatory().doc("environment variable holding the URL");
    static final ConfigKey<String> INLINE_URL = inline("url", "url_env");
    static final ConfigKey<String> SLACK_LINK_BASE = ConfigKey.text("link_base", null).reloadable()
            .doc("base URL of Gatewatch's web page and API (e.g. http://gatewatch.internal:9464); the message links "
                    + "to the client's page there. Default: the API of the instance alerting runs in");
    static final ConfigKey<String> HEC_URL = ConfigKey.text("url", null).mandatory().reloadable()
            .doc("http(s) URL of the HTTP Event Collector, e.g. https://127.0.0.1:8088");
    static final ConfigKey<String> TOKEN_ENV = envName("token_env").mandatory()
            .doc("environment variable holding the HEC token");
    static final ConfigKey<String> INLINE_TOKEN = inline("token", "token_env");
    static final ConfigKey<String> INDEX = ConfigKey.text("index", null).reloadable().doc("Splunk index");
    static final ConfigKey<String> SOURCE = ConfigKey.text("source", "gatewatch").reloadable().doc("Splunk source");
    static final ConfigKey<String> SOURCETYPE = ConfigKey.text("sourcetype", "gatewatch:alert").reloadable()
            .doc("Splunk sourcetype");
    static final ConfigKey<String> HEC_HOST = ConfigKey.text("host", null).defaultText("this host's name").reloadable()
            .doc("Splunk host field");
    static final ConfigKey<String> SECRET_ENV = envName("secret_env")
            .doc("environment variable holding the HMAC signing secret");
    static final ConfigKey<String> INLINE_SECRET = inline("secret", "secret_env");
    static final ConfigDef SINK_COMMON = ConfigDef.of(SINK_NAME, SINK_TYPE,
            new ConfigDef.Section("delivery", DELIVERY, "this sink's own delivery settings, over the top-level ones"));
    static final Map<String, ConfigDef> SINKS = sinks();

    // routes
    static final ConfigKey<String> ROUTE_NAME = ConfigKey.text("name", null).defaultText("routes[<i>]").reloadable()
            .doc("shown in logs");
    static final ConfigKey<List<String>> ROUTE_DETECTORS = routeDetectors(List.of());
    static final ConfigKey<String> MIN_SEVERITY = choice("min_severity", Alert.Severity.LOW, Alert.Severity.class)
            .doc("least severity taken");
    static final ConfigKey<List<String>> MODES = ConfigKey.texts("modes", List.of("alert"))
            .check(Validator.each(Validator.oneOf(Alert.Mode.class))).reloadable().doc("alert modes taken");
    static final ConfigKey<List<String>> SCOPES = ConfigKey.texts("scopes", List.<String>of())
            .check(Validator.each(Validator.oneOf(Alert.Scope.class))).reloadable().defaultText("[] (every scope)")
            .doc("alert scopes taken");
    static final ConfigKey<List<String>> ROUTE_SINKS = ConfigKey.texts("sinks", null).mandatory().reloadable()
            .doc("names of the sinks this route sends to");
    static final ConfigDef ROUTE = route(ROUTE_DETECTORS);

    // dedup and grouping
    static final ConfigKey<Duration> DEDUP_COOLDOWN = ConfigKey.duration("cooldown", Duration.ofMinutes(10))
            .between(Duration.ZERO, Duration.ofDays(7)).reloadable()
            .doc("one notification plus updates per (key, detector) while alerts keep coming within this; 0s turns it off");
    static final ConfigKey<Integer> DEDUP_MAX_KEYS = ConfigKey.integer("max_keys", 100_000).range(1, 10_000_000)
            .reloadable().doc("dedup threads remembered, least recently used forgotten first");
    static final ConfigDef DEDUP = ConfigDef.of(DEDUP_COOLDOWN, DEDUP_MAX_KEYS);
    static final ConfigKey<Boolean> GROUPING_ENABLED = ConfigKey.bool("enabled", true).reloadable()
            .defaultText("true when the block is present").doc("groups alerts for people sinks");
    static final ConfigKey<Duration> GROUP_WAIT = ConfigKey.duration("group_wait", Duration.ofSeconds(30))
            .between(Duration.ofMillis(1), Duration.ofHours(1)).reloadable()
            .doc("alerts are held this long per (sink, detector, method and route)");
    static final ConfigKey<Integer> GROUP_THRESHOLD = ConfigKey.integer("group_threshold", 5).range(2, 100_000)
            .reloadable().doc("at least this many held alerts go out as one message");
    static final ConfigKey<List<String>> GROUPING_SINKS = ConfigKey.texts("sinks", List.<String>of()).reloadable()
            .defaultText("[] (every people sink)").doc("the sinks grouped");
    static final ConfigDef GROUPING = ConfigDef.of(GROUPING_ENABLED, GROUP_WAIT, GROUP_THRESHOLD, GROUPING_SINKS);

    static final ConfigKey<String> DEAD_LETTER_TOPIC = ConfigKey.text("dead_letter_topic",
            AlertingConfig.DEFAULT_DEAD_LETTER_TOPIC)
            .check(Validator.matches("[a-zA-Z0-9._-]{1,249}", "not a Kafka topic name", TOPIC))
            .doc("alerts undeliverable after retries, with the sink name and reason");

    /** The keys of the {@code alerting:} block, a route's detectors checked only for their shape. */
    public static final ConfigDef KEYS = keys(List.of());

    /**
     * The keys of the {@code alerting:} block, with a route's {@code detectors} one of {@code detectorIds}:
     * the detector app passes its registry's ids, as this module names no detector itself.
     */
    public static ConfigDef keys(Collection<String> detectorIds) {
        return ConfigDef.of(
                new ConfigDef.Variants("sinks", "type", SINK_COMMON, SINKS, "where alerts go", true,
                        "[{name: console, type: console}]"),
                new ConfigDef.SectionList("routes", route(routeDetectors(detectorIds)), "which alerts go to which"
                        + " sinks; an alert goes to every route it matches", true, "every alert-mode alert to every sink",
                        1, Integer.MAX_VALUE),
                new ConfigDef.Section("dedup", DEDUP, ""),
                new ConfigDef.Section("grouping", GROUPING, "off unless the block is present"),
                new ConfigDef.Section("delivery", DELIVERY, "every sink's default delivery settings"),
                DEAD_LETTER_TOPIC);
    }

    private static ConfigKey<List<String>> routeDetectors(Collection<String> detectorIds) {
        Validator<String> id = detectorIds.isEmpty()
                ? Validator.matches("[a-z][a-z0-9_]*", "not a detector id", "a detector id such as credential_stuffing")
                : Validator.oneOf(detectorIds.stream().sorted().toList());
        return ConfigKey.texts("detectors", List.<String>of()).check(Validator.each(id)).reloadable()
                .defaultText("[] (every detector)").doc("detectors whose alerts this route takes");
    }

    private static ConfigDef route(ConfigKey<List<String>> detectors) {
        return ConfigDef.of(ROUTE_NAME, detectors, MIN_SEVERITY, MODES, SCOPES, ROUTE_SINKS);
    }

    private AlertingKeys() {
    }

    private static Map<String, ConfigDef> sinks() {
        Map<String, ConfigDef> m = new LinkedHashMap<>();
        m.put("console", ConfigDef.of());
        m.put("file", ConfigDef.of(FILE_PATH, FORMAT));
        m.put("kafka", ConfigDef.of(KAFKA_TOPIC, FORMAT));
        m.put("syslog", ConfigDef.of(SYSLOG_HOST, SYSLOG_PORT, PROTOCOL, FRAMING, SYSLOG_FORMAT, FACILITY, HOSTNAME,
                APP_NAME, SYSLOG_ALERT_FORMAT, CA_FILE));
        m.put("slack", ConfigDef.of(URL_ENV, INLINE_URL, SLACK_LINK_BASE));
        m.put("splunk_hec", ConfigDef.of(HEC_URL, TOKEN_ENV, INLINE_TOKEN, INDEX, SOURCE, SOURCETYPE, HEC_HOST));
        m.put("webhook", ConfigDef.of(URL_ENV, INLINE_URL, SECRET_ENV, INLINE_SECRET));
        return m;
    }

    private static ConfigKey<String> format(AlertFormat def) {
        return ConfigKey.choice("format", def.configName(),
                Arrays.stream(AlertFormat.values()).map(AlertFormat::configName).toList()).reloadable()
                .doc("how each alert is written");
    }

    private static <E extends Enum<E>> ConfigKey<String> choice(String name, E def, Class<E> type) {
        return ConfigKey.choice(name, def.name().toLowerCase(Locale.ROOT), Validator.oneOf(type).choices())
                .reloadable();
    }

    private static ConfigKey<String> envName(String name) {
        return ConfigKey.text(name, null)
                .check(Validator.matches(ENV_NAME, "not an environment variable name", "environment variable names"))
                .reloadable();
    }

    /** A secret written in the YAML itself: refused, never echoed. */
    private static ConfigKey<String> inline(String name, String envKey) {
        return ConfigKey.text(name, null).hidden()
                .check(Validator.refused("a secret must not be written in the config",
                        "the name of an environment variable, in " + envKey))
                .doc("refused: secrets are read from the environment variable named in " + envKey);
    }
}
