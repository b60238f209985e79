package io.gatewatch.alerting.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewatch.alerting.format.AlertFormat;
import io.gatewatch.schema.Alert;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Turns the {@code alerting:} tree into an {@link AlertingConfig}, reporting every problem it finds. */
final class ConfigReader {
    private static final String ROOT = "alerting";
    private static final Set<String> TOP_KEYS = Set.of("sinks", "routes", "dedup", "grouping", "delivery", "dead_letter_topic");
    private static final Set<String> COMMON_SINK_KEYS = Set.of("name", "type", "delivery");
    private static final Map<String, Set<String>> SINK_KEYS = Map.of(
            "console", Set.of(),
            "file", Set.of("path", "format"),
            "kafka", Set.of("topic", "format"),
            "syslog", Set.of("host", "port", "protocol", "framing", "syslog_format", "facility", "hostname",
                    "app_name", "format", "ca_file"),
            "slack", Set.of("url_env", "url"),
            "splunk_hec", Set.of("url", "token_env", "token", "index", "source", "sourcetype", "host"),
            "webhook", Set.of("url_env", "url", "secret_env", "secret"));
    private static final List<String> FACILITIES = List.of("kern", "user", "mail", "daemon", "auth", "syslog", "lpr",
            "news", "uucp", "cron", "authpriv", "ftp", "ntp", "audit", "alert", "clock",
            "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7");
    private static final String TOPIC_CHARS = "[a-zA-Z0-9._-]{1,249}";

    private final Problems p;
    private final Set<String> detectors;

    ConfigReader(Problems problems, Set<String> detectors) {
        this.p = problems;
        this.detectors = Set.copyOf(detectors);
    }

    AlertingConfig read(JsonNode root) {
        AlertingConfig defaults = AlertingConfig.defaults();
        if (!p.isObject(root, ROOT)) {
            return defaults;
        }
        p.knownKeys(root, ROOT, TOP_KEYS);
        DeliverySettings delivery = delivery(root.path("delivery"), ROOT + ".delivery", DeliverySettings.defaults());
        List<SinkConfig> sinks = root.has("sinks") ? sinks(root.get("sinks"), delivery) : defaults.sinks();
        List<RouteRule> routes = root.has("routes")
                ? routes(root.get("routes"), sinks)
                : List.of(AlertingConfig.everyAlertTo(sinks.stream().map(SinkConfig::name).toList()));
        DedupSettings dedup = dedup(root.path("dedup"), ROOT + ".dedup");
        GroupingSettings grouping = grouping(root.path("grouping"), ROOT + ".grouping", sinks);
        String dlq = p.text(root, "dead_letter_topic", ROOT, AlertingConfig.DEFAULT_DEAD_LETTER_TOPIC);
        if (!dlq.matches(TOPIC_CHARS)) {
            p.add(ROOT + ".dead_letter_topic", dlq, "not a Kafka topic name (letters, digits, '.', '_', '-')");
        }
        return new AlertingConfig(sinks, routes, dedup, grouping, dlq);
    }

    private List<SinkConfig> sinks(JsonNode node, DeliverySettings delivery) {
        String path = ROOT + ".sinks";
        List<SinkConfig> sinks = new ArrayList<>();
        if (!node.isArray() || node.isEmpty()) {
            p.add(path, node, "must be a non-empty list of sinks");
            return sinks;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String at = path + "[" + i + "]";
            if (!p.isObject(node.get(i), at)) {
                continue;
            }
            sink(node.get(i), at, delivery).ifPresent(sink -> {
                if (!names.add(sink.name())) {
                    p.add(at + ".name", sink.name(), "another sink already has this name");
                }
                sinks.add(sink);
            });
        }
        return sinks;
    }

    private Optional<SinkConfig> sink(JsonNode node, String at, DeliverySettings defaults) {
        Optional<String> name = p.text(node, "name", at, true);
        name.filter(n -> !n.matches("[A-Za-z0-9_.-]{1,64}"))
                .ifPresent(n -> p.add(at + ".name", n, "use 1 to 64 letters, digits, '.', '_' or '-'"));
        Optional<String> type = p.text(node, "type", at, true);
        if (type.isPresent() && !SINK_KEYS.containsKey(type.get())) {
            p.add(at + ".type", type.get(), "unknown sink type; one of " + String.join(", ", new java.util.TreeSet<>(SINK_KEYS.keySet())));
            return Optional.empty();
        }
        if (type.isEmpty()) {
            return Optional.empty();
        }
        Set<String> known = new HashSet<>(COMMON_SINK_KEYS);
        known.addAll(SINK_KEYS.get(type.get()));
        p.knownKeys(node, at, known);
        DeliverySettings delivery = delivery(node.path("delivery"), at + ".delivery", defaults);
        String n = name.orElse("?");
        return switch (type.get()) {
            case "console" -> Optional.of(new SinkConfig.Console(n, delivery));
            case "file" -> file(node, at, n, delivery);
            case "kafka" -> kafka(node, at, n, delivery);
            case "syslog" -> syslog(node, at, n, delivery);
            case "slack" -> p.secret(node, "url_env", "url", at, true, "a Slack webhook URL")
                    .filter(url -> httpUrl(url, at + ".url_env"))
                    .map(url -> new SinkConfig.Slack(n, url, delivery));
            case "splunk_hec" -> splunk(node, at, n, delivery);
            case "webhook" -> webhook(node, at, n, delivery);
            default -> Optional.empty();
        };
    }

    private Optional<SinkConfig> file(JsonNode node, String at, String name, DeliverySettings delivery) {
        AlertFormat format = format(node, at, AlertFormat.ALERT);
        return p.text(node, "path", at, true).flatMap(text -> {
            try {
                return Optional.of(new SinkConfig.File(name, Path.of(text), format, delivery));
            } catch (InvalidPathException e) {
                p.add(at + ".path", text, "not a valid file path");
                return Optional.empty();
            }
        });
    }

    private Optional<SinkConfig> kafka(JsonNode node, String at, String name, DeliverySettings delivery) {
        AlertFormat format = format(node, at, AlertFormat.ALERT);
        Optional<String> topic = p.text(node, "topic", at, true);
        topic.filter(t -> !t.matches(TOPIC_CHARS))
                .ifPresent(t -> p.add(at + ".topic", t, "not a Kafka topic name (letters, digits, '.', '_', '-')"));
        return topic.map(t -> new SinkConfig.Kafka(name, t, format, delivery));
    }

    private Optional<SinkConfig> syslog(JsonNode node, String at, String name, DeliverySettings delivery) {
        SinkConfig.Transport transport = choice(node, "protocol", at, SinkConfig.Transport.class, SinkConfig.Transport.UDP);
        SinkConfig.Framing framing = choice(node, "framing", at, SinkConfig.Framing.class, SinkConfig.Framing.OCTET_COUNTING);
        if (transport == SinkConfig.Transport.UDP && node.has("framing")) {
            p.add(at + ".framing", node.get("framing"), "framing applies to tcp and tls only; UDP sends one message per datagram");
        }
        SinkConfig.Header header = choice(node, "syslog_format", at, SinkConfig.Header.class, SinkConfig.Header.RFC5424);
        String host = p.text(node, "host", at, "127.0.0.1");
        int port = p.integer(node, "port", at, transport == SinkConfig.Transport.TLS ? 6514 : 514, 1, 65535);
        int facility = facility(node, at);
        String hostname = p.text(node, "hostname", at, localHostName());
        if (!hostname.matches("[\\x21-\\x7e]{1,255}")) {
            p.add(at + ".hostname", hostname, "must be printable ASCII without spaces");
        }
        String appName = p.text(node, "app_name", at, "gatewatch");
        if (!appName.matches("[\\x21-\\x7e]{1,48}")) {
            p.add(at + ".app_name", appName, "must be 1 to 48 printable ASCII characters without spaces");
        }
        AlertFormat format = format(node, at, AlertFormat.CEF);
        Path caFile = p.text(node, "ca_file", at, false).flatMap(text -> {
            try {
                return Optional.of(Path.of(text));
            } catch (InvalidPathException e) {
                p.add(at + ".ca_file", text, "not a valid file path");
                return Optional.empty();
            }
        }).orElse(null);
        if (caFile != null && transport != SinkConfig.Transport.TLS) {
            p.add(at + ".ca_file", caFile.toString(), "only used with protocol: tls");
        }
        return Optional.of(new SinkConfig.Syslog(name, host, port, transport, framing, header, facility, hostname,
                appName, format, caFile, delivery));
    }

    private Optional<SinkConfig> splunk(JsonNode node, String at, String name, DeliverySettings delivery) {
        Optional<URI> url = p.text(node, "url", at, true).flatMap(u -> {
            Optional<URI> uri = parseHttpUrl(u);
            if (uri.isEmpty()) {
                p.add(at + ".url", u, "not an http(s) URL of the HTTP Event Collector, e.g. https://127.0.0.1:8088");
            }
            return uri;
        });
        Optional<Secret> token = p.secret(node, "token_env", "token", at, true, "an HEC token");
        String index = p.text(node, "index", at, false).orElse(null);
        String source = p.text(node, "source", at, "gatewatch");
        String sourcetype = p.text(node, "sourcetype", at, "gatewatch:alert");
        String host = p.text(node, "host", at, localHostName());
        if (url.isEmpty() || token.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SinkConfig.SplunkHec(name, url.get(), token.get(), index, source, sourcetype, host, delivery));
    }

    private Optional<SinkConfig> webhook(JsonNode node, String at, String name, DeliverySettings delivery) {
        Optional<Secret> url = p.secret(node, "url_env", "url", at, true, "a webhook URL")
                .filter(u -> httpUrl(u, at + ".url_env"));
        Optional<Secret> key = p.secret(node, "secret_env", "secret", at, false, "a signing secret");
        return url.map(u -> new SinkConfig.Webhook(name, u, key.orElse(null), delivery));
    }

    private boolean httpUrl(Secret url, String path) {
        if (parseHttpUrl(url.value()).isPresent()) {
            return true;
        }
        p.add(path, url.variable(), "the value of " + url.variable() + " is not an http(s) URL");
        return false;
    }

    private static Optional<URI> parseHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private int facility(JsonNode node, String at) {
        JsonNode v = node.path("facility");
        if (v.isMissingNode() || v.isNull()) {
            return FACILITIES.indexOf("local4");
        }
        if (v.isIntegralNumber() && v.asInt() >= 0 && v.asInt() <= 23) {
            return v.asInt();
        }
        int i = FACILITIES.indexOf(v.asText().toLowerCase(Locale.ROOT));
        if (i < 0) {
            p.add(at + ".facility", v, "one of 0..23 or " + String.join(", ", FACILITIES));
            return FACILITIES.indexOf("local4");
        }
        return i;
    }

    private AlertFormat format(JsonNode node, String at, AlertFormat fallback) {
        Optional<String> name = p.text(node, "format", at, false);
        if (name.isEmpty()) {
            return fallback;
        }
        Optional<AlertFormat> format = AlertFormat.fromConfig(name.get());
        if (format.isEmpty()) {
            p.add(at + ".format", name.get(), "one of " + AlertFormat.choices());
        }
        return format.orElse(fallback);
    }

    private <E extends Enum<E>> E choice(JsonNode node, String key, String at, Class<E> type, E fallback) {
        Optional<String> text = p.text(node, key, at, false);
        if (text.isEmpty()) {
            return fallback;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text.get())) {
                return e;
            }
        }
        p.add(at + "." + key, text.get(), "one of " + choices(type));
        return fallback;
    }

    private static <E extends Enum<E>> String choices(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }

    private DeliverySettings delivery(JsonNode node, String at, DeliverySettings d) {
        if (!p.isObject(node, at)) {
            return d;
        }
        p.knownKeys(node, at, Set.of("max_attempts", "initial_backoff", "max_backoff", "jitter", "max_retry_after",
                "queue_capacity", "circuit_breaker", "timeout"));
        int maxAttempts = p.integer(node, "max_attempts", at, d.maxAttempts(), 1, 20);
        Duration initial = p.duration(node, "initial_backoff", at, d.initialBackoff(), Duration.ofMillis(1), Duration.ofMinutes(10));
        Duration max = p.duration(node, "max_backoff", at, d.maxBackoff(), Duration.ofMillis(1), Duration.ofHours(1));
        if (max.compareTo(initial) < 0) {
            p.add(at + ".max_backoff", Durations.format(max), "must not be shorter than initial_backoff (" + Durations.format(initial) + ")");
        }
        double jitter = p.fraction(node, "jitter", at, d.jitter());
        Duration maxRetryAfter = p.duration(node, "max_retry_after", at, d.maxRetryAfter(), Duration.ZERO, Duration.ofHours(1));
        int capacity = p.integer(node, "queue_capacity", at, d.queueCapacity(), 1, 1_000_000);
        Duration timeout = p.duration(node, "timeout", at, d.timeout(), Duration.ofMillis(100), Duration.ofMinutes(5));
        int threshold = d.breakerThreshold();
        Duration openFor = d.breakerOpenFor();
        JsonNode breaker = node.path("circuit_breaker");
        String bat = at + ".circuit_breaker";
        if (p.isObject(breaker, bat)) {
            p.knownKeys(breaker, bat, Set.of("failure_threshold", "open_for"));
            threshold = p.integer(breaker, "failure_threshold", bat, threshold, 1, 1000);
            openFor = p.duration(breaker, "open_for", bat, openFor, Duration.ofMillis(1), Duration.ofHours(24));
        }
        return new DeliverySettings(maxAttempts, initial, max, jitter, maxRetryAfter, capacity, threshold, openFor, timeout);
    }

    private List<RouteRule> routes(JsonNode node, List<SinkConfig> sinks) {
        String path = ROOT + ".routes";
        List<RouteRule> routes = new ArrayList<>();
        if (!node.isArray() || node.isEmpty()) {
            p.add(path, node, "must be a non-empty list of routes");
            return routes;
        }
        Set<String> sinkNames = sinks.stream().map(SinkConfig::name).collect(Collectors.toSet());
        for (int i = 0; i < node.size(); i++) {
            String at = path + "[" + i + "]";
            JsonNode r = node.get(i);
            if (!p.isObject(r, at)) {
                continue;
            }
            p.knownKeys(r, at, Set.of("name", "detectors", "min_severity", "modes", "scopes", "sinks"));
            String name = p.text(r, "name", at, "routes[" + i + "]");
            Set<String> named = new java.util.LinkedHashSet<>();
            List<String> detectorTexts = p.texts(r, "detectors", at);
            for (int j = 0; j < detectorTexts.size(); j++) {
                String d = detectorTexts.get(j);
                if (detectors.contains(d)) {
                    named.add(d);
                } else {
                    p.add(at + ".detectors[" + j + "]", d, "unknown detector; one of " + String.join(", ", new java.util.TreeSet<>(detectors)));
                }
            }
            Alert.Severity min = choice(r, "min_severity", at, Alert.Severity.class, Alert.Severity.LOW);
            Set<Alert.Mode> modes = enumSet(r, "modes", at, Alert.Mode.class, EnumSet.of(Alert.Mode.ALERT));
            Set<Alert.Scope> scopes = enumSet(r, "scopes", at, Alert.Scope.class, EnumSet.noneOf(Alert.Scope.class));
            List<String> targets = p.texts(r, "sinks", at);
            if (targets.isEmpty() && !r.has("sinks")) {
                p.add(at + ".sinks", Problems.MISSING, "required: the names of the sinks this route sends to");
            }
            for (int j = 0; j < targets.size(); j++) {
                if (!sinkNames.contains(targets.get(j))) {
                    p.add(at + ".sinks[" + j + "]", targets.get(j), "no sink has this name; sinks: " + String.join(", ", sinkNames.stream().sorted().toList()));
                }
            }
            routes.add(new RouteRule(name, named, min, modes, scopes, targets));
        }
        return routes;
    }

    private <E extends Enum<E>> Set<E> enumSet(JsonNode node, String key, String at, Class<E> type, Set<E> fallback) {
        if (!node.has(key)) {
            return fallback;
        }
        List<String> texts = p.texts(node, key, at);
        Set<E> out = EnumSet.noneOf(type);
        for (int j = 0; j < texts.size(); j++) {
            String t = texts.get(j);
            Optional<E> e = Arrays.stream(type.getEnumConstants()).filter(c -> c.name().equalsIgnoreCase(t)).findFirst();
            if (e.isPresent()) {
                out.add(e.get());
            } else {
                p.add(at + "." + key + "[" + j + "]", t, "one of " + choices(type));
            }
        }
        return out;
    }

    private DedupSettings dedup(JsonNode node, String at) {
        DedupSettings d = DedupSettings.defaults();
        if (!p.isObject(node, at)) {
            return d;
        }
        p.knownKeys(node, at, Set.of("cooldown", "max_keys"));
        return new DedupSettings(
                p.duration(node, "cooldown", at, d.cooldown(), Duration.ZERO, Duration.ofDays(7)),
                p.integer(node, "max_keys", at, d.maxKeys(), 1, 10_000_000));
    }

    private GroupingSettings grouping(JsonNode node, String at, List<SinkConfig> sinks) {
        GroupingSettings d = GroupingSettings.disabled();
        if (!p.isObject(node, at)) {
            return d;
        }
        p.knownKeys(node, at, Set.of("enabled", "group_wait", "group_threshold", "sinks"));
        boolean enabled = p.bool(node, "enabled", at, true);
        Duration wait = p.duration(node, "group_wait", at, d.groupWait(), Duration.ofMillis(1), Duration.ofHours(1));
        int threshold = p.integer(node, "group_threshold", at, d.groupThreshold(), 2, 100_000);
        Map<String, SinkConfig> byName = new LinkedHashMap<>();
        sinks.forEach(s -> byName.put(s.name(), s));
        List<String> names = p.texts(node, "sinks", at);
        for (int j = 0; j < names.size(); j++) {
            if (!byName.containsKey(names.get(j))) {
                p.add(at + ".sinks[" + j + "]", names.get(j), "no sink has this name");
            }
        }
        return new GroupingSettings(enabled, wait, threshold, new HashSet<>(names));
    }

    private static String localHostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.matches("[\\x21-\\x7e]{1,255}") ? name : "localhost";
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
