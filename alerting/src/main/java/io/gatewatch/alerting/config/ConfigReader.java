package io.gatewatch.alerting.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewatch.alerting.format.AlertFormat;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.config.ConfigDef;
import io.gatewatch.schema.config.ConfigKey;
import io.gatewatch.schema.config.ConfigValues;
import io.gatewatch.schema.config.Durations;
import java.net.InetAddress;
import io.gatewatch.schema.Redact;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Turns the {@code alerting:} tree into an {@link AlertingConfig}, reading the keys {@link AlertingKeys} declares. */
final class ConfigReader {
    private static final String ROOT = "alerting";
    private static final List<String> FACILITIES = AlertingKeys.FACILITIES;

    private final Problems p;
    private final Set<String> detectorIds;

    /**
     * @param detectorIds the ids of the detectors this deployment runs, from the detector registry (the
     *                    alerting module names none itself); empty accepts any well-formed id
     */
    ConfigReader(Problems problems, Set<String> detectorIds) {
        this.p = problems;
        this.detectorIds = new java.util.TreeSet<>(detectorIds);
    }

    AlertingConfig read(JsonNode root) {
        AlertingConfig defaults = AlertingConfig.defaults();
        if (!p.isObject(root, ROOT)) {
            return defaults;
        }
        p.knownKeys(root, ROOT, AlertingKeys.KEYS);
        DeliverySettings delivery = delivery(root.path("delivery"), ROOT + ".delivery", DeliverySettings.defaults());
        List<SinkConfig> sinks = root.has("sinks") ? sinks(root.get("sinks"), delivery) : defaults.sinks();
        List<RouteRule> routes = root.has("routes")
                ? routes(root.get("routes"), sinks)
                : List.of(AlertingConfig.everyAlertTo(sinks.stream().map(SinkConfig::name).toList()));
        DedupSettings dedup = dedup(root.path("dedup"), ROOT + ".dedup");
        GroupingSettings grouping = grouping(root.path("grouping"), ROOT + ".grouping", sinks);
        String dlq = p.get(root, ROOT, AlertingKeys.DEAD_LETTER_TOPIC);
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
        Optional<String> name = p.optional(node, at, AlertingKeys.SINK_NAME);
        Optional<String> type = p.optional(node, at, AlertingKeys.SINK_TYPE);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        ConfigDef own = AlertingKeys.SINKS.get(type.get().toLowerCase(Locale.ROOT));
        p.knownKeys(node, at, AlertingKeys.SINK_COMMON.plus(own.entries()));
        DeliverySettings delivery = delivery(node.path("delivery"), at + ".delivery", defaults);
        String n = name.orElse("?");
        return switch (type.get().toLowerCase(Locale.ROOT)) {
            case "console" -> Optional.of(new SinkConfig.Console(n, delivery));
            case "file" -> file(node, at, n, delivery);
            case "kafka" -> kafka(node, at, n, delivery);
            case "syslog" -> syslog(node, at, n, delivery);
            case "slack" -> slack(node, at, n, delivery);
            case "splunk_hec" -> splunk(node, at, n, delivery);
            case "webhook" -> webhook(node, at, n, delivery);
            default -> Optional.empty();
        };
    }

    private Optional<SinkConfig> slack(JsonNode node, String at, String name, DeliverySettings delivery) {
        String linkBase = p.optional(node, at, AlertingKeys.SLACK_LINK_BASE).orElse(null);
        if (linkBase != null) {
            Optional<URI> uri = parseHttpUrl(linkBase);
            if (uri.isEmpty() || uri.get().getRawQuery() != null || uri.get().getRawFragment() != null) {
                p.add(at + ".link_base", linkBase, "must be the http(s) base URL of Gatewatch's web page and API, "
                        + "e.g. http://gatewatch.internal:9464, with no query or fragment");
                linkBase = null;
            } else if (linkBase.endsWith("/")) {
                linkBase = linkBase.substring(0, linkBase.length() - 1);
            }
        }
        String link = linkBase;
        return p.secret(node, at, AlertingKeys.URL_ENV, AlertingKeys.INLINE_URL)
                .filter(url -> httpUrl(url, at + ".url_env"))
                .map(url -> new SinkConfig.Slack(name, url, delivery, link));
    }

    private Optional<SinkConfig> file(JsonNode node, String at, String name, DeliverySettings delivery) {
        AlertFormat format = format(node, at, AlertingKeys.FORMAT);
        return p.optional(node, at, AlertingKeys.FILE_PATH).flatMap(text -> {
            try {
                return Optional.of(new SinkConfig.File(name, Path.of(text), format, delivery));
            } catch (InvalidPathException e) {
                p.add(at + ".path", text, "not a valid file path");
                return Optional.empty();
            }
        });
    }

    private Optional<SinkConfig> kafka(JsonNode node, String at, String name, DeliverySettings delivery) {
        AlertFormat format = format(node, at, AlertingKeys.FORMAT);
        return p.optional(node, at, AlertingKeys.KAFKA_TOPIC).map(t -> new SinkConfig.Kafka(name, t, format, delivery));
    }

    private Optional<SinkConfig> syslog(JsonNode node, String at, String name, DeliverySettings delivery) {
        SinkConfig.Transport transport = choice(node, at, AlertingKeys.PROTOCOL, SinkConfig.Transport.class);
        SinkConfig.Framing framing = choice(node, at, AlertingKeys.FRAMING, SinkConfig.Framing.class);
        if (transport == SinkConfig.Transport.UDP && node.has("framing")) {
            p.add(at + ".framing", node.get("framing"), "framing applies to tcp and tls only; UDP sends one message per datagram");
        }
        SinkConfig.Header header = choice(node, at, AlertingKeys.SYSLOG_FORMAT, SinkConfig.Header.class);
        String host = p.get(node, at, AlertingKeys.SYSLOG_HOST);
        int port = p.get(node, at, AlertingKeys.SYSLOG_PORT.withDefault(transport == SinkConfig.Transport.TLS ? 6514 : 514));
        String facilityName = p.get(node, at, AlertingKeys.FACILITY);
        int facility = facilityName.matches("\\d{1,2}") ? Integer.parseInt(facilityName)
                : Math.max(0, FACILITIES.indexOf(facilityName.toLowerCase(Locale.ROOT)));
        String hostname = p.get(node, at, AlertingKeys.HOSTNAME.withDefault(localHostName()));
        String appName = p.get(node, at, AlertingKeys.APP_NAME);
        AlertFormat format = format(node, at, AlertingKeys.SYSLOG_ALERT_FORMAT);
        Path caFile = p.optional(node, at, AlertingKeys.CA_FILE).flatMap(text -> {
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
        Optional<URI> url = p.optional(node, at, AlertingKeys.HEC_URL).flatMap(u -> {
            Optional<URI> uri = parseHttpUrl(u);
            if (uri.isEmpty()) {
                p.add(at + ".url", Redact.url(u), "not an http(s) URL of the HTTP Event Collector, e.g. https://127.0.0.1:8088");
            }
            return uri;
        });
        Optional<Secret> token = p.secret(node, at, AlertingKeys.TOKEN_ENV, AlertingKeys.INLINE_TOKEN);
        String index = p.get(node, at, AlertingKeys.INDEX);
        String source = p.get(node, at, AlertingKeys.SOURCE);
        String sourcetype = p.get(node, at, AlertingKeys.SOURCETYPE);
        String host = p.get(node, at, AlertingKeys.HEC_HOST.withDefault(localHostName()));
        if (url.isEmpty() || token.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SinkConfig.SplunkHec(name, url.get(), token.get(), index, source, sourcetype, host, delivery));
    }

    private Optional<SinkConfig> webhook(JsonNode node, String at, String name, DeliverySettings delivery) {
        Optional<Secret> url = p.secret(node, at, AlertingKeys.URL_ENV, AlertingKeys.INLINE_URL)
                .filter(u -> httpUrl(u, at + ".url_env"));
        Optional<Secret> key = p.secret(node, at, AlertingKeys.SECRET_ENV, AlertingKeys.INLINE_SECRET);
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

    private AlertFormat format(JsonNode node, String at, ConfigKey<String> key) {
        return AlertFormat.fromConfig(p.get(node, at, key).toLowerCase(Locale.ROOT))
                .orElse(AlertFormat.fromConfig(key.defaultValue()).orElseThrow());
    }

    private <E extends Enum<E>> E choice(JsonNode node, String at, ConfigKey<String> key, Class<E> type) {
        return ConfigValues.constant(type, p.get(node, at, key));
    }

    private DeliverySettings delivery(JsonNode node, String at, DeliverySettings d) {
        if (!p.isObject(node, at)) {
            return d;
        }
        p.knownKeys(node, at, AlertingKeys.DELIVERY);
        int maxAttempts = p.get(node, at, AlertingKeys.MAX_ATTEMPTS.withDefault(d.maxAttempts()));
        Duration initial = p.get(node, at, AlertingKeys.INITIAL_BACKOFF.withDefault(d.initialBackoff()));
        Duration max = p.get(node, at, AlertingKeys.MAX_BACKOFF.withDefault(d.maxBackoff()));
        if (max.compareTo(initial) < 0) {
            p.add(at + ".max_backoff", Durations.format(max), "must not be shorter than initial_backoff (" + Durations.format(initial) + ")");
        }
        double jitter = p.get(node, at, AlertingKeys.JITTER.withDefault(d.jitter()));
        Duration maxRetryAfter = p.get(node, at, AlertingKeys.MAX_RETRY_AFTER.withDefault(d.maxRetryAfter()));
        int capacity = p.get(node, at, AlertingKeys.QUEUE_CAPACITY.withDefault(d.queueCapacity()));
        Duration timeout = p.get(node, at, AlertingKeys.TIMEOUT.withDefault(d.timeout()));
        int threshold = d.breakerThreshold();
        Duration openFor = d.breakerOpenFor();
        JsonNode breaker = node.path("circuit_breaker");
        String bat = at + ".circuit_breaker";
        if (p.isObject(breaker, bat)) {
            p.knownKeys(breaker, bat, AlertingKeys.BREAKER);
            threshold = p.get(breaker, bat, AlertingKeys.FAILURE_THRESHOLD.withDefault(threshold));
            openFor = p.get(breaker, bat, AlertingKeys.OPEN_FOR.withDefault(openFor));
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
            p.knownKeys(r, at, AlertingKeys.ROUTE);
            String name = Optional.ofNullable(p.get(r, at, AlertingKeys.ROUTE_NAME)).orElse("routes[" + i + "]");
            List<String> named = p.texts(r, at, AlertingKeys.ROUTE_DETECTORS);
            knownDetectors(at, named);
            Set<String> detectors = new java.util.LinkedHashSet<>(named);
            Alert.Severity min = choice(r, at, AlertingKeys.MIN_SEVERITY, Alert.Severity.class);
            Set<Alert.Mode> modes = enumSet(r, at, AlertingKeys.MODES, Alert.Mode.class);
            Set<Alert.Scope> scopes = enumSet(r, at, AlertingKeys.SCOPES, Alert.Scope.class);
            List<String> targets = p.texts(r, at, AlertingKeys.ROUTE_SINKS);
            for (int j = 0; j < targets.size(); j++) {
                if (!sinkNames.contains(targets.get(j))) {
                    p.add(at + ".sinks[" + j + "]", targets.get(j), "no sink has this name; sinks: " + String.join(", ", sinkNames.stream().sorted().toList()));
                }
            }
            routes.add(new RouteRule(name, detectors, min, modes, scopes, targets));
        }
        return routes;
    }

    private void knownDetectors(String at, List<String> named) {
        if (detectorIds.isEmpty()) {
            return;
        }
        for (int j = 0; j < named.size(); j++) {
            if (!detectorIds.contains(named.get(j))) {
                p.add(at + ".detectors[" + j + "]", named.get(j), "unknown value", String.join(", ", detectorIds));
            }
        }
    }

    private <E extends Enum<E>> Set<E> enumSet(JsonNode node, String at, ConfigKey<List<String>> key, Class<E> type) {
        Set<E> out = EnumSet.noneOf(type);
        p.texts(node, at, key).forEach(t -> out.add(ConfigValues.constant(type, t)));
        return out;
    }

    private DedupSettings dedup(JsonNode node, String at) {
        DedupSettings d = DedupSettings.defaults();
        if (!p.isObject(node, at)) {
            return d;
        }
        p.knownKeys(node, at, AlertingKeys.DEDUP);
        return new DedupSettings(p.get(node, at, AlertingKeys.DEDUP_COOLDOWN), p.get(node, at, AlertingKeys.DEDUP_MAX_KEYS));
    }

    private GroupingSettings grouping(JsonNode node, String at, List<SinkConfig> sinks) {
        GroupingSettings d = GroupingSettings.disabled();
        if (!p.isObject(node, at)) {
            return d;
        }
        p.knownKeys(node, at, AlertingKeys.GROUPING);
        boolean enabled = p.get(node, at, AlertingKeys.GROUPING_ENABLED);
        Duration wait = p.get(node, at, AlertingKeys.GROUP_WAIT);
        int threshold = p.get(node, at, AlertingKeys.GROUP_THRESHOLD);
        Map<String, SinkConfig> byName = new LinkedHashMap<>();
        sinks.forEach(s -> byName.put(s.name(), s));
        List<String> names = p.texts(node, at, AlertingKeys.GROUPING_SINKS);
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
